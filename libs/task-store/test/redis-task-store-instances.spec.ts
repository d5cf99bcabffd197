import type { Redis } from 'ioredis';
import { RedisTaskStore, type ChangeResult, type TaskEvent, type TaskScope } from '../src/index.js';
import { deleteKeys, newRedisClient, testPrefix } from './redis-test-support.js';
import { TASK_SCRIPTS } from '../src/redis/task-scripts.js';
import { ids, newTask, sleep, takeEvents, textArtifact, userMessage, within } from './task-store-fixtures.js';

// Two store instances on two connections under one prefix: two replicas of a service.
const prefix = testPrefix('redis-instances');
const scope: TaskScope = { tenant: 'acme', owner: 'alice' };
let clientA: Redis;
let clientB: Redis;
let a: RedisTaskStore;
let b: RedisTaskStore;

beforeAll(() => {
  clientA = newRedisClient();
  clientB = newRedisClient();
  a = new RedisTaskStore({ client: clientA, prefix, instanceId: 'a', maxEventsPerTask: 5000 });
  b = new RedisTaskStore({ client: clientB, prefix, instanceId: 'b', maxEventsPerTask: 5000 });
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await deleteKeys(clientA, prefix);
  clientA.disconnect();
  clientB.disconnect();
});

async function created(store: RedisTaskStore): Promise<string> {
  const task = newTask();
  await store.create({ task, scope });
  return task.id;
}

describe('two RedisTaskStore instances', () => {
  it('applies each change to the task as the other instance left it', async () => {
    const task = newTask({ artifacts: [textArtifact('a', '1')] });
    await a.create({ task, scope });
    const note = userMessage('from b');
    const fromB = await b.transition(task.id, scope, {
      status: { state: 'TASK_STATE_WORKING' },
      appendHistory: [note],
    });
    expect(fromB.version).toBe(2);
    const fromA = await a.appendArtifact(task.id, scope, { artifact: textArtifact('a', '2'), append: true });
    expect(fromA).toMatchObject({ version: 3, state: 'TASK_STATE_WORKING' });
    const seen = await b.get(task.id, scope);
    expect(seen?.task.history).toEqual([note]);
    expect(seen?.task.artifacts).toEqual([textArtifact('a', '1', '2')]);
    expect(seen?.lastEventId).toBe(fromA.event.id);
    expect(await a.get(task.id, scope)).toEqual(seen);
  });

  it('gives concurrent changes of one task distinct versions and loses none', async () => {
    const task = newTask({ artifacts: Array.from({ length: 50 }, (_, i) => textArtifact(`a${i}`, 'x')) });
    await a.create({ task, scope });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? a : b).appendArtifact(task.id, scope, { artifact: textArtifact(`n${i}`) }),
      ),
    );
    expect(results.map((r) => r.version).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 2),
    );
    const stored = await a.get(task.id, scope);
    expect(stored?.task.artifacts).toHaveLength(62);
    expect(stored?.version).toBe(13);
  });

  it('answers a change with its version, state and ids only, whatever the task size', async () => {
    const task = newTask({ artifacts: Array.from({ length: 50 }, (_, i) => textArtifact(`a${i}`, 'x')) });
    await a.create({ task, scope });
    const evalsha = jest.spyOn(clientA, 'evalsha');
    try {
      await a.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } });
      const replies = await Promise.all(
        evalsha.mock.calls.flatMap(([sha], i) =>
          sha === TASK_SCRIPTS.transition.sha ? [evalsha.mock.results[i].value as Promise<unknown[]>] : [],
        ),
      );
      expect(replies).toHaveLength(1);
      expect(replies[0]).toEqual([
        2,
        expect.any(String),
        'TASK_STATE_WORKING',
        task.contextId,
        null,
        scope.tenant,
        scope.owner,
        0,
      ]);
    } finally {
      evalsha.mockRestore();
    }
  });

  it('a watcher on B sees every event of the writes on A, in order', async () => {
    const taskId = await created(a);
    const seen = takeEvents(b, taskId, '', 60, { timeoutMs: 10_000 });
    const written: TaskEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const change =
        i % 3 === 0
          ? await a.transition(taskId, scope, {
              status: { state: 'TASK_STATE_WORKING' },
              eventMetadata: { i },
            })
          : await a.appendArtifact(taskId, scope, {
              artifact: textArtifact('log', `line ${i}`),
              append: true,
            });
      written.push(change.event);
      if (i % 10 === 0) await sleep(1);
    }
    expect(await seen).toEqual(written);
  });

  it('a cancel on B fires onCancel on A', async () => {
    const taskId = await created(a);
    await a.transition(taskId, scope, { status: { state: 'TASK_STATE_WORKING' } });
    const signalled = new Promise<void>((resolve) => a.onCancel(taskId, resolve));
    await sleep(20); // A's subscription is in place: the notice is what must carry the cancel
    await b.cancel(taskId, scope);
    await within(signalled, 3000, 'the cancel signal on A');
  });

  it('concurrent writers on both instances lose nothing', async () => {
    const taskId = await created(a);
    const ops: (() => Promise<ChangeResult>)[] = [];
    for (let i = 0; i < 1000; i++) {
      const store = i % 2 === 0 ? a : b;
      // Alternate new artifacts and chunks of one shared artifact.
      ops.push(() =>
        i % 4 < 2
          ? store.appendArtifact(taskId, scope, { artifact: textArtifact(`art-${i}`, `${i}`) })
          : store.appendArtifact(taskId, scope, { artifact: textArtifact('shared', `${i}`), append: true }),
      );
      if (i % 5 === 0) {
        ops.push(() => store.transition(taskId, scope, { status: { state: 'TASK_STATE_WORKING' } }));
      }
    }
    const watched = takeEvents(a, taskId, '', ops.length, { timeoutMs: 20_000 });
    const results = await Promise.all(ops.map((op) => op()));

    const record = await b.get(taskId, scope);
    expect(record?.version).toBe(ops.length + 1);
    const artifacts = record?.task.artifacts ?? [];
    expect(artifacts).toHaveLength(501);
    const shared = artifacts.find((artifact) => artifact.artifactId === 'shared');
    expect(shared?.parts.map((part) => Number(part.text)).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 4 >= 2),
    );
    const { events, trimmed } = await a.readEvents(taskId, '');
    expect(trimmed).toBe(false);
    expect(events).toHaveLength(ops.length);
    expect(new Set(ids(events))).toEqual(new Set(results.map((result) => result.event.id)));
    expect(record?.lastEventId).toBe(events[events.length - 1].id);
    expect(ids(await watched)).toEqual(ids(events));
  }, 60_000);

  it('the reaper on B fails a task created on A, and A sees the event', async () => {
    const task = newTask();
    await a.create({ task, scope, timeoutMs: 1 });
    const seen = takeEvents(a, task.id, '', 1);
    await sleep(5);
    expect((await b.reapExpired()).map((record) => record.task.id)).toEqual([task.id]);
    expect(await a.reapExpired(Date.now() + 1000)).toEqual([]);
    const [event] = await seen;
    expect(event.event).toEqual({
      statusUpdate: expect.objectContaining({
        taskId: task.id,
        status: expect.objectContaining({ state: 'TASK_STATE_FAILED' }),
      }),
    });
    const record = await a.get(task.id, scope);
    expect(record?.task.status.message?.parts).toEqual([{ text: 'Task exceeded its deadline of 1 ms' }]);
    expect(record?.task.history).toEqual([record?.task.status.message]);
  });

  it('a messageId sent to both instances at once creates one task', async () => {
    const own: TaskScope = { tenant: 'acme', owner: 'racer' };
    const tasks = [newTask(), newTask(), newTask(), newTask()];
    const results = await Promise.all(
      tasks.map((task, i) => (i % 2 === 0 ? a : b).create({ task, scope: own, messageId: 'same-message' })),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const winner = results[0].record.task.id;
    expect(results.map((result) => result.record.task.id)).toEqual([winner, winner, winner, winner]);
    const listed = await b.list(own, {});
    expect(listed.tasks.map((task) => task.id)).toEqual([winner]);
    expect(listed.totalSize).toBe(1);
    // The losers' tasks are gone, keys and all.
    for (const task of tasks.filter((task) => task.id !== winner)) {
      expect(await clientA.keys(`${prefix}:{t:${task.id}}*`)).toEqual([]);
    }
  });
});
