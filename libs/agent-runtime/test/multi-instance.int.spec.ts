import { randomUUID } from 'node:crypto';
import type { ListTasksResponse, StreamResponse, Task } from '@a2a-platform/a2a-protocol';
import { RedisTaskStore, redisClientOptions, type TaskEvent } from '@a2a-platform/task-store';
import { Redis } from 'ioredis';
import {
  openSse,
  readAll,
  rpc,
  startTask,
  stateOf,
  textMessage,
  type SseEvent,
  type SseStream,
} from './support/a2a-calls.js';
import { stopAll } from './support/child-processes.js';
import { bundleFixtures, type FixtureBundle } from './support/fixture-bundle.js';
import { startAgent, type AgentInstance } from './support/instances.js';
import { SHARED_REDIS_URL, deleteKeys, testPrefix } from './support/redis-keys.js';

// "Any instance serves any task": real agent processes A and B (and C, killed) on one Redis, sharing
// tasks through a key prefix of this file. A runs executors, B serves reads, streams and cancels.
const prefix = testPrefix('multi-instance');
const scope = { tenant: 'default', owner: 'anonymous' };
const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix };
let bundle: FixtureBundle;
let a: AgentInstance;
let b: AgentInstance;
let redis: Redis;
let store: RedisTaskStore;

beforeAll(async () => {
  redis = new Redis(SHARED_REDIS_URL, redisClientOptions({ commandTimeoutMs: 10_000 }));
  store = new RedisTaskStore({ client: redis, prefix });
  bundle = await bundleFixtures(['test-agent-main']);
  // Only B reaps, so a task B fails for its deadline proves that B's reaper did it.
  [a, b] = await Promise.all([
    startAgent(bundle, 'A', { ...env, REAPER_INTERVAL_MS: '0' }),
    startAgent(bundle, 'B', { ...env, REAPER_INTERVAL_MS: '200' }),
  ]);
}, 30_000);

afterAll(async () => {
  await stopAll();
  await store?.close();
  if (redis) {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  }
  await bundle?.remove();
});

/** Events as the store keeps them, in the shape an SSE reader sees them. */
function asStored(events: readonly SseEvent[]): TaskEvent[] {
  return events.map((e) => ({ id: e.id ?? '', event: e.data as StreamResponse }));
}

/** Stream entry ids `<ms>-<seq>` in strictly increasing order. */
function strictlyIncreasing(ids: readonly string[]): boolean {
  const key = (id: string) => id.split('-').map((part) => BigInt(part));
  return ids.every((id, i) => {
    if (i === 0) return true;
    const [ms, seq] = key(id);
    const [prevMs, prevSeq] = key(ids[i - 1]);
    return ms > prevMs || (ms === prevMs && seq > prevSeq);
  });
}

/** A deterministic random source (mulberry32), so a failing run can be replayed from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function waitForState(url: string, taskId: string, state: string, timeoutMs = 10_000): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await rpc<Task>(url, 'GetTask', { id: taskId });
    if (body.result?.status.state === state) return body.result;
    if (Date.now() > deadline) throw new Error(`task ${taskId} is not ${state}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two agent processes on one Redis', () => {
  it('streams on B every event of work running on A, in order, once each, to completion', async () => {
    const task = await startTask(a.url, 'work 200');
    const stream = await openSse(b.url, `/tasks/${task.id}:subscribe`);
    expect(stream.status).toBe(200);
    const [snapshot, ...updates] = await readAll(stream, 30_000);

    expect(snapshot.data.task?.id).toBe(task.id);
    const stored = await store.readEvents(task.id, snapshot.id ?? '');
    expect(stored.trimmed).toBe(false);
    expect(asStored(updates)).toEqual(stored.events);
    expect(strictlyIncreasing(updates.map((e) => e.id ?? ''))).toBe(true);
    expect(stateOf(updates[updates.length - 1].data)).toBe('TASK_STATE_COMPLETED');
    // Snapshot plus updates hold every artifact exactly once, in the order A wrote them.
    const artifactIds = [
      ...(snapshot.data.task?.artifacts ?? []).map((artifact) => artifact.artifactId),
      ...updates.flatMap((e) => (e.data.artifactUpdate ? [e.data.artifactUpdate.artifact.artifactId] : [])),
    ];
    expect(artifactIds).toEqual(Array.from({ length: 200 }, (_, i) => `a-${i}`));
  }, 40_000);

  it('gives the exact event list to a client that is cut off at random and reconnects to A and B in turn', async () => {
    const seed = Number(process.env['CUT_SEED'] ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const received: SseEvent[] = [];
    let stream: SseStream = await openSse(a.url, '/message:stream', {
      method: 'POST',
      body: textMessage('work 300', { returnImmediately: false }),
    });
    let taskId: string | undefined;
    let reconnects = 0;
    let settled = false;
    while (!settled) {
      // Cut after 1..40 updates (the opening snapshot does not count, so every cut has a last id).
      const cutAfter = 1 + Math.floor(random() * 40);
      let read = 0;
      for await (const event of stream.events) {
        if (event.data.task) {
          // Only the first stream opens with a snapshot: a reconnect with Last-Event-ID resumes after it.
          if (reconnects > 0)
            throw new Error(`reconnect ${reconnects} (seed ${seed}) opened with a snapshot`);
          taskId = event.data.task.id;
          continue;
        }
        received.push(event);
        if (stateOf(event.data) === 'TASK_STATE_COMPLETED') {
          settled = true;
          break;
        }
        if (++read >= cutAfter) break;
      }
      stream.cut();
      if (settled) break;
      if (taskId === undefined) throw new Error('the stream ended before its snapshot');
      reconnects++;
      const target = reconnects % 2 === 1 ? b : a;
      stream = await openSse(target.url, `/tasks/${taskId}:subscribe`, {
        lastEventId: received[received.length - 1].id,
      });
      expect(stream.status).toBe(200);
    }

    const all = await store.readEvents(taskId ?? '', '');
    expect(all.trimmed).toBe(false);
    // Reported so that a failure can be replayed: CUT_SEED=<seed>.
    expect({ seed, events: asStored(received) }).toEqual({ seed, events: all.events });
    expect(all.events).toHaveLength(302);
    expect(reconnects).toBeGreaterThan(3);
  }, 40_000);

  it('cancels on B a task running on A: A aborts its executor and the store refuses its late write', async () => {
    const task = await startTask(a.url, 'hold');
    await a.child.waitFor((r) => r['holding'] === task.id, 10_000, 'holding line');

    const { body } = await rpc<Task>(b.url, 'CancelTask', { id: task.id });
    expect(body.result?.status.state).toBe('TASK_STATE_CANCELED');

    const aborted = await a.child.waitFor((r) => r['aborted'] === task.id, 10_000, 'aborted line');
    expect(aborted['reason']).toBe('execution aborted: canceled');
    const late = await a.child.waitFor((r) => r['lateWrite'] === task.id, 10_000, 'late write line');
    expect(late['outcome']).toBe('TERMINAL');

    expect((await waitForState(a.url, task.id, 'TASK_STATE_CANCELED')).artifacts ?? []).toEqual([]);
    const { events } = await store.readEvents(task.id, '');
    expect(events.map((e) => stateOf(e.event) ?? 'artifact')).toEqual([
      'TASK_STATE_WORKING',
      'TASK_STATE_CANCELED',
    ]);
  }, 30_000);

  it('ends the task of a SIGKILLed instance: B reaps it at its deadline and its subscriber sees the failure', async () => {
    const c = await startAgent(bundle, 'C', { ...env, TASK_TIMEOUT_MS: '2000', REAPER_INTERVAL_MS: '0' });
    const task = await startTask(c.url, 'hold');
    await c.child.waitFor((r) => r['holding'] === task.id, 10_000, 'holding line');
    const stream = await openSse(b.url, `/tasks/${task.id}:subscribe`);
    expect(stream.status).toBe(200);
    const reading = readAll(stream, 20_000);
    await c.child.kill('SIGKILL');

    const events = await reading;
    const last = events[events.length - 1].data.statusUpdate;
    expect(last?.status.state).toBe('TASK_STATE_FAILED');
    expect(last?.status.message?.parts).toEqual([{ text: 'Task exceeded its deadline of 2000 ms' }]);
    // The change was written by B's store (its instance id carries B's pid), not by C before it died.
    const writer = await redis.hget(`${prefix}:{t:${task.id}}`, 'updatedBy');
    expect(writer).toContain(`-${b.child.process.pid}-`);
    const { body } = await rpc<Task>(a.url, 'GetTask', { id: task.id });
    expect(body.result?.status.state).toBe('TASK_STATE_FAILED');
  }, 30_000);

  it('creates one task for one messageId sent to A and then to B, or to both at once', async () => {
    const list = async (contextId: string) =>
      (await rpc<ListTasksResponse>(b.url, 'ListTasks', { contextId })).body.result;

    const messageId = randomUUID();
    const contextId = randomUUID();
    const first = await startTask(a.url, 'work 3', { messageId, contextId });
    const again = await startTask(b.url, 'work 3', { messageId, contextId });
    expect(again.id).toBe(first.id);

    const racedId = randomUUID();
    const racedContext = randomUUID();
    const raced = await Promise.all([
      startTask(a.url, 'work 3', { messageId: racedId, contextId: racedContext }),
      startTask(b.url, 'work 3', { messageId: racedId, contextId: racedContext }),
    ]);
    expect(raced[1].id).toBe(raced[0].id);

    for (const [id, context] of [
      [first.id, contextId],
      [raced[0].id, racedContext],
    ]) {
      expect((await list(context))?.tasks.map((t) => t.id)).toEqual([id]);
      await waitForState(b.url, id, 'TASK_STATE_COMPLETED');
      // Executed once: one working update, three artifacts, one completion.
      const { events } = await store.readEvents(id, '');
      expect(events.map((e) => stateOf(e.event) ?? 'artifact')).toEqual([
        'TASK_STATE_WORKING',
        'artifact',
        'artifact',
        'artifact',
        'TASK_STATE_COMPLETED',
      ]);
    }
    expect((await store.get(first.id, scope))?.task.history?.map((m) => m.messageId)).toEqual([
      messageId,
      expect.any(String),
    ]);
  }, 30_000);
});
