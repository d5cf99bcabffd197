import { PROTOCOL_BINDINGS, type AgentCard } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor } from '@a2a-platform/a2a-server';
import { buildAgentApp } from '@a2a-platform/agent-runtime';
import {
  MemoryPushConfigStore,
  MemoryTaskStore,
  RedisPushConfigStore,
  RedisTaskStore,
  redisClientOptions,
} from '@a2a-platform/task-store';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { startSdkServer } from './sdk-server.js';

/** The servers the benchmarks start: the official SDK, ours on either store, and a bare Fastify route. */
export type ServerKind = 'sdk' | 'ours-memory' | 'ours-redis' | 'bare-fastify';

/** A server listening on loopback. */
export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Where the Redis-backed server keeps its keys. */
export interface ServerRedis {
  readonly redisUrl: string;
  readonly prefix: string;
}

/** The trivial executor of the send benchmark: completes every task at once with a one-word answer. */
const completeAtOnce: AgentExecutor = {
  async execute(_context, updater) {
    await updater.complete('ok');
  },
};

/** A minimal card: one skill, JSON-RPC v1.0 (the binding the load generator uses). */
export function benchCard(url: string): AgentCard {
  return {
    name: 'Bench Agent',
    description: 'Completes every task at once; used by the benchmarks.',
    version: '1.0.0',
    supportedInterfaces: [{ url, protocolBinding: PROTOCOL_BINDINGS.JSONRPC, protocolVersion: '1.0' }],
    capabilities: { streaming: true, pushNotifications: false, extendedAgentCard: false },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: 'echo', name: 'Echo', description: 'Answers ok.', tags: ['bench'] }],
  };
}

/** Starts a server of `kind` on 127.0.0.1 (a free port). */
export async function startServer(kind: ServerKind, redis: ServerRedis): Promise<RunningServer> {
  switch (kind) {
    case 'sdk':
      return startSdkServer(benchCard('http://127.0.0.1/'));
    case 'bare-fastify':
      return listen(bareFastify(), async () => undefined);
    case 'ours-memory': {
      const store = new MemoryTaskStore();
      const { app } = await buildAgentApp({
        card: benchCard('http://127.0.0.1/'),
        executor: completeAtOnce,
        store,
        pushConfigs: new MemoryPushConfigStore(),
        taskTimeoutMs: 300_000,
      });
      return listen(app, () => store.close());
    }
    case 'ours-redis': {
      const client = new Redis(redis.redisUrl, redisClientOptions());
      client.on('error', () => undefined);
      const store = new RedisTaskStore({ client, prefix: redis.prefix });
      const { app } = await buildAgentApp({
        card: benchCard('http://127.0.0.1/'),
        executor: completeAtOnce,
        store,
        pushConfigs: new RedisPushConfigStore({ client, prefix: redis.prefix }),
        taskTimeoutMs: 300_000,
        checks: [{ name: 'redis', check: async () => (await client.ping()) === 'PONG' }],
      });
      return listen(app, async () => {
        await store.close();
        client.disconnect();
      });
    }
  }
}

async function listen(app: FastifyInstance, release: () => Promise<void>): Promise<RunningServer> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    async close() {
      await app.close();
      await release();
    },
  };
}

/**
 * The ceiling of this machine and load generator: a Fastify route that parses the JSON-RPC request
 * and answers a completed task of the same shape, with no A2A logic and no store.
 */
function bareFastify(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.post('/', async (req) => {
    const body = req.body as { id?: unknown; params?: { message?: { messageId?: string } } };
    const now = new Date().toISOString();
    return {
      jsonrpc: '2.0',
      id: body.id ?? null,
      result: {
        task: {
          id: 'task',
          contextId: 'context',
          status: {
            state: 'TASK_STATE_COMPLETED',
            timestamp: now,
            message: { messageId: 'reply', role: 'ROLE_AGENT', parts: [{ text: 'ok' }] },
          },
          history: [body.params?.message],
        },
      },
    };
  });
  return app;
}
