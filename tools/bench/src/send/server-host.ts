import type { RoleChannel } from '../bench-process.js';
import { heapAfterGc } from '../process-heap.js';
import { processCpuSeconds } from '../redis-cpu.js';
import { startServer, type ServerKind } from './agent-servers.js';

/** Parameters of the server role. */
export interface ServerHostParams {
  readonly kind: ServerKind;
  readonly redisUrl: string;
  readonly prefix: string;
}

/**
 * A server under test in its own process: reports `listening` with its port, answers `heap` with
 * its heap after a full collection (start it with --expose-gc) and `cpu` with the CPU seconds it
 * has used, and closes at `stop`.
 */
export async function serverHostRole(params: ServerHostParams, channel: RoleChannel): Promise<void> {
  const server = await startServer(params.kind, params);
  channel.send({ type: 'listening', port: server.port });
  try {
    for (;;) {
      const message = await channel.next();
      if (message.type === 'stop') return;
      if (message.type === 'heap') channel.send({ type: 'heap', heapUsed: await heapAfterGc() });
      if (message.type === 'cpu') channel.send({ type: 'cpu', seconds: processCpuSeconds() });
    }
  } finally {
    await server.close();
  }
}
