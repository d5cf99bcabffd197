import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { shutdownTelemetry, startTelemetry, telemetryOptionsFromEnv } from '@a2a-platform/telemetry';
import { ProcessGroup } from './process-group.js';
import { waitUntilReady } from './readiness.js';
import { serviceUrl, stackServices } from './services.js';
import { runReplenishment } from './workflow.js';

const USAGE = `Usage: npm start [-- --no-workflow] [--data-dir DIR]

Builds and starts the five services on their default ports (memory task store unless REDIS_URL
is set; SQLite files under the data folder), waits until each is ready, runs the replenishment
workflow once and prints its outcome, then serves until Ctrl-C.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'no-workflow': { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: 'data' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // Telemetry of this process, for the workflow's root span: the A2A calls carry its context to the
  // orchestrator, so the printed trace id is the workflow's. Exported when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const telemetry = telemetryOptionsFromEnv({ ...process.env, SERVICE_NAME: 'dev-stack' });
  if (telemetry.enabled) startTelemetry(telemetry.options);

  const root = process.cwd();
  const dataDir = resolve(root, values['data-dir']);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });

  const services = stackServices({
    dataDir,
    redisUrl: process.env['REDIS_URL'],
    logLevel: process.env['LOG_LEVEL'] ?? 'info',
  });
  let shuttingDown = false;
  const group = new ProcessGroup(root, logDir, (name, code) => {
    if (shuttingDown) return;
    console.error(
      `\n${name} exited unexpectedly (code ${code}); stopping the stack. Its log: ${join(logDir, `${name}.log`)}`,
    );
    void shutdown(1);
  });
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nStopping the stack...');
    await group.stopAll();
    await shutdownTelemetry();
    console.log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  console.log(
    `Task store: ${process.env['REDIS_URL'] ? `redis (${process.env['REDIS_URL']})` : 'memory'}; data and logs: ${dataDir}`,
  );
  for (const spec of services) {
    group.start(spec);
    await waitUntilReady(spec.name, serviceUrl(spec.port));
    console.log(`  ready  ${spec.name.padEnd(18)} ${serviceUrl(spec.port)}`);
  }

  if (!values['no-workflow']) {
    console.log('\nRunning the replenishment workflow through the orchestrator:\n');
    try {
      const { traceId } = await runReplenishment(serviceUrl(3000), (line) => console.log(`  ${line}`));
      console.log(`\nTrace ${traceId}: grep ${traceId} ${join(logDir, '*.log')}`);
      if (process.env['OTEL_EXPORTER_OTLP_ENDPOINT']) {
        console.log(`  in Jaeger (compose stack): http://localhost:16686/trace/${traceId}`);
      }
    } catch (err) {
      console.error(`\nThe workflow failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(
    '\nThe stack is running. Try: node tools/a2a-cli/dist/main.js card --url http://127.0.0.1:3000',
  );
  console.log('Press Ctrl-C to stop.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
