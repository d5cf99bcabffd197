import { getEventListeners } from 'node:events';
import type { ChangeResult, TaskEvent, TaskStore } from '../src/index.js';
import {
  ALICE,
  ids,
  newTask,
  sleep,
  storeErrorCode,
  takeEvents,
  textArtifact,
  type TaskStoreFactory,
} from './task-store-fixtures.js';

/** Makes `count` changes (status re-entries and artifact chunks, alternating); returns their events. */
async function makeChanges(store: TaskStore, taskId: string, count: number): Promise<TaskEvent[]> {
  const events: TaskEvent[] = [];
  for (let i = 0; i < count; i++) events.push((await change(store, taskId, i)).event);
  return events;
}

function change(store: TaskStore, taskId: string, i: number): Promise<ChangeResult> {
  return i % 2 === 0
    ? store.transition(taskId, ALICE, { status: { state: 'TASK_STATE_WORKING' }, eventMetadata: { i } })
    : store.appendArtifact(taskId, ALICE, { artifact: textArtifact('log', `chunk ${i}`), append: true });
}

async function newTaskId(store: TaskStore): Promise<string> {
  const task = newTask();
  await store.create({ task, scope: ALICE });
  return task.id;
}

/** readEvents and watch: replay, live delivery, trimming, and leaving no listener behind. */
export function describeEventContract(factory: TaskStoreFactory, current: () => TaskStore): void {
  describe('readEvents', () => {
    it('replays the events after an id, in order, with the ids the changes returned', async () => {
      const store = current();
      const taskId = await newTaskId(store);
      const made = await makeChanges(store, taskId, 6);
      expect(new Set(ids(made)).size).toBe(6);
      expect(await store.readEvents(taskId, '')).toEqual({ events: made, trimmed: false });
      expect(await store.readEvents(taskId, made[2].id)).toEqual({ events: made.slice(3), trimmed: false });
      expect(await store.readEvents(taskId, made[5].id)).toEqual({ events: [], trimmed: false });
    });

    it('has no events for an unknown task and refuses an id it never issued', async () => {
      const store = current();
      expect(await store.readEvents('no-such-task', '')).toEqual({ events: [], trimmed: false });
      const taskId = await newTaskId(store);
      expect(await storeErrorCode(store.readEvents(taskId, 'not-an-id'))).toBe('INVALID_CURSOR');
    });

    it('keeps the newest maxEventsPerTask events and reports what a reader missed', async () => {
      const { store, cleanup } = await factory({ maxEventsPerTask: 5 });
      try {
        const taskId = await newTaskId(store);
        const made = await makeChanges(store, taskId, 12);
        const kept = made.slice(7);
        expect(await store.readEvents(taskId, '')).toEqual({ events: kept, trimmed: true });
        expect(await store.readEvents(taskId, made[5].id)).toEqual({ events: kept, trimmed: true });
        // Right before the oldest kept event: nothing was missed.
        expect(await store.readEvents(taskId, made[6].id)).toEqual({ events: kept, trimmed: false });
        expect(await store.readEvents(taskId, made[9].id)).toEqual({
          events: made.slice(10),
          trimmed: false,
        });
        expect((await store.get(taskId, ALICE))?.lastEventId).toBe(made[11].id);
      } finally {
        await cleanup();
      }
    });
  });

  describe('watch', () => {
    it('replays from the start with after "" and then follows live events', async () => {
      const store = current();
      const taskId = await newTaskId(store);
      const before = await makeChanges(store, taskId, 3);
      const seen = takeEvents(store, taskId, '', 6);
      await sleep(5);
      const live = await makeChanges(store, taskId, 3);
      expect(ids(await seen)).toEqual(ids([...before, ...live]));
    });

    it('delivers only later events when after is absent', async () => {
      const store = current();
      const taskId = await newTaskId(store);
      await makeChanges(store, taskId, 3);
      const seen = takeEvents(store, taskId, undefined, 2);
      await sleep(5);
      const live = await makeChanges(store, taskId, 2);
      expect(ids(await seen)).toEqual(ids(live));
    });

    it('resumes after an id from the middle of the stream', async () => {
      const store = current();
      const taskId = await newTaskId(store);
      const made = await makeChanges(store, taskId, 8);
      const seen = takeEvents(store, taskId, made[3].id, 6);
      const live = await makeChanges(store, taskId, 2);
      expect(ids(await seen)).toEqual(ids([...made.slice(4), ...live]));
    });

    it('gives two watchers, one of them slow, the same events in order under concurrent writers', async () => {
      const store = current();
      const taskId = await newTaskId(store);
      const total = 200;
      const fast = takeEvents(store, taskId, '', total, { timeoutMs: 10_000 });
      const slow = takeEvents(store, taskId, '', total, { timeoutMs: 10_000, slow: true });
      // Writers run concurrently: the store decides the order, every watcher must agree with it.
      const results = await Promise.all(Array.from({ length: total }, (_, i) => change(store, taskId, i)));
      const stream = (await store.readEvents(taskId, '')).events;
      expect(stream).toHaveLength(total);
      expect(new Set(ids(stream))).toEqual(new Set(results.map((r) => r.event.id)));
      expect(ids(await fast)).toEqual(ids(stream));
      expect(ids(await slow)).toEqual(ids(stream));
      expect((await store.get(taskId, ALICE))?.version).toBe(total + 1);
    });

    it('throws TRIMMED for a trimmed id and INVALID_CURSOR for a foreign one', async () => {
      const { store, cleanup } = await factory({ maxEventsPerTask: 5 });
      try {
        const taskId = await newTaskId(store);
        const made = await makeChanges(store, taskId, 12);
        expect(await storeErrorCode(takeEvents(store, taskId, made[2].id, 1))).toBe('TRIMMED');
        expect(await storeErrorCode(takeEvents(store, taskId, '', 1))).toBe('TRIMMED');
        expect(await storeErrorCode(takeEvents(store, taskId, 'not-an-id', 1))).toBe('INVALID_CURSOR');
        expect(ids(await takeEvents(store, taskId, made[6].id, 5))).toEqual(ids(made.slice(7)));
      } finally {
        await cleanup();
      }
    });

    it('never lets a reader that falls behind the trimming see a gap', async () => {
      const { store, cleanup } = await factory({ maxEventsPerTask: 5 });
      try {
        const taskId = await newTaskId(store);
        const first = await makeChanges(store, taskId, 1);
        const iterator = store
          .watch(taskId, { after: '', signal: AbortSignal.timeout(3000) })
          [Symbol.asyncIterator]();
        const got: TaskEvent[] = [];
        got.push((await iterator.next()).value as TaskEvent);
        const rest = await makeChanges(store, taskId, 10);
        let outcome = 'complete';
        try {
          while (got.length < 11) {
            const next = await iterator.next();
            if (next.done) break;
            got.push(next.value);
          }
        } catch (error) {
          outcome = (error as { code?: string }).code ?? String(error);
        } finally {
          await iterator.return?.();
        }
        // Either every event arrived, or the reader was told it missed some; never a silent hole.
        if (outcome === 'complete') expect(ids(got)).toEqual(ids([...first, ...rest]));
        else expect(outcome).toBe('TRIMMED');
      } finally {
        await cleanup();
      }
    });

    it('ends without throwing when the signal aborts, also while waiting', async () => {
      const store = current();
      const taskId = await newTaskId(store);
      const controller = new AbortController();
      const seen: TaskEvent[] = [];
      const loop = (async () => {
        for await (const event of store.watch(taskId, { after: '', signal: controller.signal }))
          seen.push(event);
      })();
      await makeChanges(store, taskId, 2);
      // Abort once the watch has delivered both and waits for more (its first read may take a while:
      // a Cluster's subscriber connection has to learn the slots before the watch starts reading).
      for (const end = Date.now() + 5000; seen.length < 2 && Date.now() < end; ) await sleep(5);
      await sleep(10);
      controller.abort();
      await loop;
      expect(seen).toHaveLength(2);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

      const aborted = AbortSignal.abort();
      for await (const event of store.watch(taskId, { after: '', signal: aborted })) seen.push(event);
      expect(seen).toHaveLength(2);
    });

    it('releases its abort listener when the loop breaks', async () => {
      const store = current();
      const taskId = await newTaskId(store);
      const controller = new AbortController();
      const loop = (async () => {
        for await (const _event of store.watch(taskId, { after: '', signal: controller.signal })) break;
      })();
      await sleep(5);
      await makeChanges(store, taskId, 1);
      await loop;
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      controller.abort();
    });
  });
}
