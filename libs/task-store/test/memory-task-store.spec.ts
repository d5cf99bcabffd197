import { MemoryTaskStore, type TaskScope } from '../src/index.js';
import { describeTaskStoreContract } from './task-store-contract.js';
import { newTask, storeErrorCode, takeEvents } from './task-store-fixtures.js';

describeTaskStoreContract('MemoryTaskStore', async (options) => {
  const store = new MemoryTaskStore({ maxEventsPerTask: options?.maxEventsPerTask });
  return { store, cleanup: () => store.close() };
});

describe('MemoryTaskStore', () => {
  const scope: TaskScope = { tenant: 'acme', owner: 'alice' };

  /** A store on a clock the test moves by hand. */
  function storeAt(start: number, options: { retentionMs?: number } = {}) {
    const clock = { now: start };
    const store = new MemoryTaskStore({ ...options, now: () => clock.now });
    return { store, clock };
  }

  it('keeps an ended task for retentionMs, then forgets it and its messageId', async () => {
    const { store, clock } = storeAt(1_000_000, { retentionMs: 5_000 });
    const task = newTask();
    await store.create({ task, scope, messageId: 'm-1' });
    await store.transition(task.id, scope, { status: { state: 'TASK_STATE_COMPLETED' } });
    clock.now += 4_999;
    expect(await store.get(task.id, scope)).toBeDefined();
    expect((await store.readEvents(task.id, '')).events).toHaveLength(1);
    clock.now += 1;
    expect(await store.get(task.id, scope)).toBeUndefined();
    expect(await store.readEvents(task.id, '')).toEqual({ events: [], trimmed: false });
    expect((await store.list(scope, {})).totalSize).toBe(0);
    const again = await store.create({ task: newTask(), scope, messageId: 'm-1' });
    expect(again.created).toBe(true);
    await store.close();
  });

  it('keeps a running task however old it is', async () => {
    const { store, clock } = storeAt(0, { retentionMs: 10 });
    const task = newTask();
    await store.create({ task, scope });
    clock.now += 86_400_000;
    expect(await store.get(task.id, scope)).toBeDefined();
    await store.close();
  });

  it('uses its clock for timestamps, deadlines and the reaper', async () => {
    const { store, clock } = storeAt(Date.parse('2030-01-01T00:00:00.000Z'));
    const task = newTask();
    const { record } = await store.create({ task, scope, timeoutMs: 1_000 });
    expect(record.task.status.timestamp).toBe('2030-01-01T00:00:00.000Z');
    expect(record.deadlineAt).toBe(clock.now + 1_000);
    clock.now += 999;
    expect(await store.reapExpired()).toEqual([]);
    clock.now += 1;
    expect((await store.reapExpired()).map((record) => record.task.id)).toEqual([task.id]);
    const failed = await store.get(task.id, scope);
    expect(failed?.task.status.timestamp).toBe('2030-01-01T00:00:01.000Z');
    await store.close();
  });

  it('counts open watch loops and closes them on close()', async () => {
    const store = new MemoryTaskStore();
    const task = newTask();
    await store.create({ task, scope });
    const loop = takeEvents(store, task.id, '', 1, { timeoutMs: 5_000 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.watcherCount).toBe(1);
    await store.close();
    expect(await loop).toEqual([]);
    expect(store.watcherCount).toBe(0);
  });

  it('hands out frozen events that every reader shares', async () => {
    const store = new MemoryTaskStore();
    const task = newTask();
    await store.create({ task, scope });
    const { event } = await store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } });
    expect(Object.isFrozen(event)).toBe(true);
    expect((await store.readEvents(task.id, '')).events[0]).toBe(event);
    expect(await storeErrorCode(store.readEvents(task.id, '12abc'))).toBe('INVALID_CURSOR');
    await store.close();
  });

  it('rejects options it cannot honour', () => {
    expect(() => new MemoryTaskStore({ maxEventsPerTask: 0 })).toThrow(RangeError);
    expect(() => new MemoryTaskStore({ retentionMs: -1 })).toThrow(RangeError);
  });
});
