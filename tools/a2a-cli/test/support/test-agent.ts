import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROTOCOL_BINDINGS, type AgentCard } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor, ExecutionContext, TaskUpdater } from '@a2a-platform/a2a-server';
import { buildAgentApp } from '@a2a-platform/agent-runtime';
import { RedisPushConfigStore, RedisTaskStore, redisClientOptions } from '@a2a-platform/task-store';
import { Redis } from 'ioredis';

/** The machine's Redis. */
export const REDIS_URL = 'redis://127.0.0.1:6379';

/** The question the `ask` flow puts to the user. */
export const QUESTION = 'Approve the purchase order? Answer approve or reject.';

function textOf(ctx: ExecutionContext): string {
  return ctx.message.parts
    .map((p) => p.text ?? '')
    .join(' ')
    .trim();
}

/**
 * What the test agent does, by the first word of the message:
 * - `slow <n>`: n working steps with a streamed artifact chunk each, 150 ms apart; stops when canceled.
 * - `ask`: waits for input (a text question plus a data part); `approve` completes, `reject` rejects.
 * - `fail`: fails.
 * - anything else: echoes the text and data parts in an artifact and completes.
 */
export class TestExecutor implements AgentExecutor {
  async execute(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const text = textOf(ctx);
    if (ctx.resumed) return this.answer(text, updater);
    const [word = '', arg] = text.split(/\s+/);
    if (word === 'slow') return this.slow(Number(arg ?? 3), ctx, updater);
    if (word === 'ask') {
      return updater.requireInput([
        { text: QUESTION },
        { data: { approvalRequired: true, totalEur: 6150.5 } },
      ]);
    }
    if (word === 'fail') return updater.fail('The warehouse system is down');
    await updater.working('Echoing');
    const data = ctx.message.parts.find((p) => p.data !== undefined)?.data;
    await updater.artifact({
      name: 'echo',
      parts: [{ data: { text, received: data ?? null } }, { text: `You said: ${text}` }],
    });
    await updater.complete('Echoed');
  }

  private async slow(steps: number, ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const artifactId = randomUUID();
    for (let i = 1; i <= steps; i++) {
      await updater.working(`step ${i} of ${steps}`);
      await updater.artifact(
        { artifactId, name: 'progress', parts: [{ text: `chunk ${i}` }] },
        { append: i > 1, lastChunk: i === steps },
      );
      try {
        await sleep(150, undefined, { signal: ctx.signal });
      } catch {
        return; // canceled: the store has already ended the task
      }
    }
    await updater.complete(`Done after ${steps} steps`);
  }

  private async answer(text: string, updater: TaskUpdater): Promise<void> {
    const word = text.toLowerCase();
    if (word === 'approve') return updater.complete('Purchase order approved');
    if (word === 'reject') return updater.reject('Purchase order was not approved');
    return updater.requireInput(`"${text}" is neither approve nor reject. ${QUESTION}`);
  }
}

function testCard(url: string): AgentCard {
  return {
    name: 'CLI Test Agent',
    description: 'Echoes, streams slowly, asks for approval, or fails.',
    version: '9.8.7',
    supportedInterfaces: [
      { url, protocolBinding: PROTOCOL_BINDINGS.JSONRPC, protocolVersion: '1.0' },
      { url, protocolBinding: PROTOCOL_BINDINGS.HTTP_JSON, protocolVersion: '1.0' },
      { url, protocolBinding: PROTOCOL_BINDINGS.JSONRPC, protocolVersion: '0.3' },
    ],
    capabilities: { streaming: true, pushNotifications: false },
    defaultInputModes: ['text/plain', 'application/json'],
    defaultOutputModes: ['text/plain', 'application/json'],
    skills: [
      {
        id: 'echo',
        name: 'Echo',
        description: 'Repeats what it is told.',
        tags: ['testing', 'echo'],
        examples: ['echo hello'],
      },
      {
        id: 'approval',
        name: 'Approval',
        description: 'Asks for an approval.',
        tags: ['testing', 'input-required'],
      },
    ],
  };
}

/** A free TCP port on 127.0.0.1 (the card must name the URL before the server listens). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A running test agent with its Redis task store. */
export interface TestAgent {
  url: string;
  /** Key prefix of its task store. */
  prefix: string;
  store: RedisTaskStore;
  /** The `x-cli-test` header of every request received, in order. */
  testHeaders: string[];
  close(): Promise<void>;
}

/** Starts the test agent on 127.0.0.1 with a Redis task store under a random prefix. */
export async function startTestAgent(): Promise<TestAgent> {
  const prefix = `test:a2a-cli:${randomUUID().slice(0, 8)}`;
  const client = new Redis(REDIS_URL, redisClientOptions());
  const store = new RedisTaskStore({ client, prefix });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { app } = await buildAgentApp({
    card: testCard(url),
    executor: new TestExecutor(),
    store,
    pushConfigs: new RedisPushConfigStore({ client, prefix }),
    taskTimeoutMs: 60_000,
    reaperIntervalMs: 0,
  });
  const testHeaders: string[] = [];
  app.addHook('onRequest', async (req) => {
    const value = req.headers['x-cli-test'];
    if (typeof value === 'string') testHeaders.push(value);
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    prefix,
    store,
    testHeaders,
    close: async () => {
      await app.close();
      await store.close();
      await deleteKeys(client, prefix);
      client.disconnect();
    },
  };
}

async function deleteKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== '0');
}
