import type { Redis } from 'ioredis';
import { RedisTaskStore } from '../src/index.js';
import { deleteKeys, newRedisClient, testPrefix } from './redis-test-support.js';
import { ALICE, BOB, agentMessage, newTask, textArtifact } from './task-store-fixtures.js';

const prefix = testPrefix('redis-task-store-inspect');
const TTL_MS = 60_000;
const RETENTION_MS = 5_000;
let client: Redis;
let store: RedisTaskStore;
let clock: number;

beforeAll(() => {
  client = newRedisClient();
});
beforeEach(() => {
  clock = Date.now();
  store = new RedisTaskStore({
    client,
    prefix,
    ttlMs: TTL_MS,
    retentionMs: RETENTION_MS,
    now: () => clock,
  });
});
afterEach(() => store.close());
afterAll(async () => {
  await deleteKeys(client, prefix);
  client.disconnect();
});

describe('RedisTaskStore.inspect', () => {
  it('reads a running task without its scope: record, scope, deadline and key lifetimes', async () => {
    const task = newTask();
    await store.create({ task, scope: BOB, timeoutMs: 30_000 });
    await store.transition(task.id, BOB, {
      status: { state: 'TASK_STATE_WORKING', message: agentMessage('on it') },
    });
    await store.appendArtifact(task.id, BOB, { artifact: textArtifact('a1', 'part one') });

    expect(await store.get(task.id, ALICE)).toBeUndefined();
    const seen = await store.inspect(task.id);

    expect(seen).toBeDefined();
    expect(seen?.record.scope).toEqual(BOB);
    expect(seen?.record.version).toBe(3);
    expect(seen?.record.task.status.state).toBe('TASK_STATE_WORKING');
    expect(seen?.record.task.artifacts?.map((a) => a.artifactId)).toEqual(['a1']);
    expect(seen?.record.deadlineAt).toBe(clock + 30_000);
    expect(seen?.expiresAt).toBeUndefined();
    expect(seen?.taskTtlMs).toBeGreaterThan(0);
    expect(seen?.taskTtlMs).toBeLessThanOrEqual(TTL_MS);
    expect(seen?.eventsTtlMs).toBeGreaterThan(0);
    expect(seen?.eventsTtlMs).toBeLessThanOrEqual(TTL_MS);
    const events = await store.readEvents(task.id, '');
    expect(seen?.record.lastEventId).toBe(events.events.at(-1)?.id);
  });

  it('shows the retention of an ended task, and nothing once it has passed', async () => {
    const task = newTask();
    await store.create({ task, scope: ALICE });
    await store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_COMPLETED' } });

    const ended = await store.inspect(task.id);
    expect(ended?.record.task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(ended?.expiresAt).toBe(clock + RETENTION_MS);
    expect(ended?.taskTtlMs).toBeLessThanOrEqual(RETENTION_MS);

    clock += RETENTION_MS;
    expect(await store.inspect(task.id)).toBeUndefined();
  });

  it('reports a task without events (a fresh one) with no event stream', async () => {
    const task = newTask();
    await store.create({ task, scope: ALICE });
    const seen = await store.inspect(task.id);
    expect(seen?.record.version).toBe(1);
    expect(seen?.record.lastEventId).toBe('');
    expect(seen?.eventsTtlMs).toBe(-2);
  });

  it('answers undefined for a task that does not exist', async () => {
    expect(await store.inspect('no-such-task')).toBeUndefined();
  });
});
