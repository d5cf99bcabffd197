import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { RedisTaskStore, TaskStoreError, redisClientOptions, type TaskScope } from '../src/index.js';
import { newTask, takeEvents } from './task-store-fixtures.js';

// A Redis of our own on a free port, killed and restarted for real (SIGKILL, no persistence).
const scope: TaskScope = { tenant: 'acme', owner: 'alice' };
let port: number;
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port: found } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return found;
}

async function startRedis(): Promise<void> {
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
}

async function killRedis(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}

/** The error code a promise rejects with (or 'ok'). */
async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (err: unknown) => (err instanceof TaskStoreError ? err.code : `not a TaskStoreError: ${String(err)}`),
  );
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
});
afterAll(killRedis);

describe('RedisTaskStore when Redis goes away', () => {
  it('fails fast with UNAVAILABLE while Redis is down and recovers when it is back', async () => {
    const client = new Redis({ port, host: '127.0.0.1', ...redisClientOptions({ commandTimeoutMs: 500 }) });
    client.on('error', () => undefined);
    const store = new RedisTaskStore({ client, prefix: 'outage' });
    try {
      const task = newTask();
      await store.create({ task, scope });

      await killRedis();
      for (const attempt of [
        store.get(task.id, scope),
        store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } }),
        store.create({ task: newTask(), scope }),
        store.list(scope, {}),
        store.readEvents(task.id, ''),
        takeEvents(store, task.id, '', 1),
      ]) {
        expect(await outcome(attempt)).toBe('UNAVAILABLE');
      }
      const error = await store.get(task.id, scope).catch((err: TaskStoreError) => err);
      expect((error as TaskStoreError).retryable).toBe(true);

      // Back (empty: no persistence). The client reconnects by itself; watches work again.
      await startRedis();
      let recovered = 'UNAVAILABLE';
      for (let i = 0; i < 50 && recovered === 'UNAVAILABLE'; i++) {
        recovered = await outcome(store.create({ task: newTask({ id: task.id }), scope }));
        if (recovered === 'UNAVAILABLE') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recovered).toBe('ok');
      const seen = takeEvents(store, task.id, '', 1, { timeoutMs: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { event } = await store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } });
      expect(await seen).toEqual([event]);
    } finally {
      await store.close();
      client.disconnect();
    }
  }, 30_000);

  it('catches a watcher up on what it missed while its subscriber connection was down', async () => {
    const client = new Redis({ port, host: '127.0.0.1', ...redisClientOptions() });
    const store = new RedisTaskStore({ client, prefix: 'resubscribe' });
    try {
      const task = newTask();
      await store.create({ task, scope });
      const watch = store
        .watch(task.id, { after: '', signal: AbortSignal.timeout(10_000) })
        [Symbol.asyncIterator]();
      const first = await store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } });
      expect((await watch.next()).value).toEqual(first.event);
      // The watcher now waits for a notice. Drop the notice connection (only ours is subscribed on this
      // server), then write at once: these notices are published while nobody of ours listens.
      const waiting = watch.next();
      await client.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
      const missed = [];
      for (let i = 0; i < 5; i++) {
        missed.push(
          (await store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } })).event,
        );
      }
      const seen = [(await waiting).value];
      while (seen.length < missed.length) seen.push((await watch.next()).value);
      await watch.return?.();
      expect(seen).toEqual(missed);
    } finally {
      await store.close();
      client.disconnect();
    }
  }, 30_000);
});
