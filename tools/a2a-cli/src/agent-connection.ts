import { A2AClient } from '@a2a-platform/a2a-client';
import { describeFailure, usageError } from './cli-errors.js';
import type { GlobalOptions } from './cli-options.js';

/** Resolves the agent card at `--url` and builds a client on the interface the options allow. */
export async function connectAgent(global: GlobalOptions, signal?: AbortSignal): Promise<A2AClient> {
  if (global.protocol === '0.3' && global.binding === 'HTTP+JSON') {
    throw usageError('--protocol 0.3 is spoken over JSON-RPC only: drop --binding rest');
  }
  try {
    return await A2AClient.connect(global.url, {
      timeoutMs: global.timeoutMs,
      headers: () => global.headers,
      preferredBindings: global.binding ? [global.binding] : undefined,
      preferredVersions: global.protocol ? [global.protocol] : undefined,
      signal,
    });
  } catch (err) {
    throw describeFailure(err, `reading the agent card at ${global.url}`);
  }
}
