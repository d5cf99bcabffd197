// The bootstrap: `node --import @a2a-platform/telemetry/register main.js`. It is the one module of this lib
// that reads process.env (convention 8's documented exception), and it must run before the app's imports.
import { register } from 'node:module';
// Type-only imports inside: loading it here pulls in no instrumented module.
import { reportFailure } from './telemetry-state.js';

// ESM `import`s of ioredis, pino and http bypass require-patching: the import-in-the-middle loader hook
// lets their instrumentations see them. Limited to those modules to keep the loader cheap.
const HOOKED_MODULES = ['ioredis', 'pino', 'http', 'https', 'node:http', 'node:https'];

try {
  register('import-in-the-middle/hook.mjs', import.meta.url, { data: { include: HOOKED_MODULES } });
} catch (err) {
  reportFailure(err, 'ESM loader hook');
}

// Imported only now, so the hook above is in place before anything the SDK loads.
const { telemetryOptionsFromEnv } = await import('./env-options.js');
const { shutdownTelemetry, startTelemetry } = await import('./sdk.js');

const settings = telemetryOptionsFromEnv(process.env);
for (const warning of settings.warnings) reportFailure(new Error(warning), 'telemetry configuration');
if (settings.enabled && startTelemetry(settings.options)) {
  // No signal handlers here: one would change how the process reacts to SIGTERM. Services call
  // shutdownTelemetry() in their own shutdown path; this covers processes that end by running out of work.
  process.once('beforeExit', () => void shutdownTelemetry());
}
