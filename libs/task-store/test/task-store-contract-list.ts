import { DEFAULT_LIST_PAGE_SIZE } from '@a2a-platform/a2a-protocol';
import type { TaskStore } from '../src/index.js';
import { ALICE, BOB, newTask, sleep, storeErrorCode, textArtifact } from './task-store-fixtures.js';

async function createTasks(store: TaskStore, count: number, contextId = 'ctx-1'): Promise<string[]> {
  const created: string[] = [];
  for (let i = 0; i < count; i++) {
    const task = newTask({ contextId });
    await store.create({ task, scope: ALICE });
    created.push(task.id);
  }
  return created;
}

/** list: scope, filters, order and cursor pagination. */
export function describeListContract(current: () => TaskStore): void {
  describe('list', () => {
    it('filters by contextId, status and statusTimestampAfter (inclusive)', async () => {
      const store = current();
      const at = (timestamp: string) => ({ state: 'TASK_STATE_SUBMITTED' as const, timestamp });
      const old = newTask({ contextId: 'c-1', status: at('2024-01-01T00:00:00.000Z') });
      const mid = newTask({ contextId: 'c-2', status: at('2024-06-01T00:00:00.000Z') });
      const recent = newTask({ contextId: 'c-1', status: at('2025-01-01T00:00:00.000Z') });
      for (const task of [old, mid, recent]) await store.create({ task, scope: ALICE });
      await store.create({ task: newTask({ contextId: 'c-1' }), scope: BOB });
      await store.transition(recent.id, ALICE, { status: { state: 'TASK_STATE_WORKING' } });

      const idsOf = async (query: Parameters<TaskStore['list']>[1]) =>
        (await store.list(ALICE, query)).tasks.map((task) => task.id).sort();
      expect(await idsOf({})).toEqual([old.id, mid.id, recent.id].sort());
      expect(await idsOf({ contextId: 'c-1' })).toEqual([old.id, recent.id].sort());
      expect(await idsOf({ status: 'TASK_STATE_SUBMITTED' })).toEqual([old.id, mid.id].sort());
      expect(await idsOf({ status: 'TASK_STATE_WORKING', contextId: 'c-2' })).toEqual([]);
      expect(await idsOf({ statusTimestampAfter: '2024-06-01T00:00:00.000Z' })).toEqual(
        [mid.id, recent.id].sort(),
      );
      const page = await store.list(ALICE, { contextId: 'c-1' });
      expect(page.totalSize).toBe(2);
      expect(page.nextPageToken).toBe('');
    });

    it('puts the most recently changed task first', async () => {
      const store = current();
      const [a, b, c] = newTaskIds(3);
      for (const id of [a, b, c]) {
        await store.create({ task: newTask({ id }), scope: ALICE });
        await sleep(3);
      }
      const order = async () => (await store.list(ALICE, {})).tasks.map((task) => task.id);
      expect(await order()).toEqual([c, b, a]);
      await store.transition(a, ALICE, { status: { state: 'TASK_STATE_WORKING' } });
      await sleep(3);
      expect(await order()).toEqual([a, c, b]);
      await store.appendArtifact(b, ALICE, { artifact: textArtifact('x', 'y') });
      expect(await order()).toEqual([b, a, c]);
    });

    it('pages with a cursor that never repeats or skips, even while tasks are created', async () => {
      const store = current();
      const original = await createTasks(store, 23);
      const seen: string[] = [];
      let pageToken = '';
      let pages = 0;
      do {
        const page = await store.list(ALICE, { pageSize: 5, pageToken });
        expect(page.tasks.length).toBeLessThanOrEqual(5);
        expect(page.totalSize).toBeGreaterThanOrEqual(23);
        seen.push(...page.tasks.map((task) => task.id));
        pageToken = page.nextPageToken;
        await createTasks(store, 2); // newer tasks land in front of the cursor
      } while (pageToken !== '' && ++pages < 50);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => original.includes(id)).sort()).toEqual([...original].sort());
    });

    it('uses the default page size and counts every match in totalSize', async () => {
      const store = current();
      await createTasks(store, DEFAULT_LIST_PAGE_SIZE + 1);
      const first = await store.list(ALICE, {});
      expect(first.tasks).toHaveLength(DEFAULT_LIST_PAGE_SIZE);
      expect(first.totalSize).toBe(DEFAULT_LIST_PAGE_SIZE + 1);
      expect(first.nextPageToken).not.toBe('');
      const second = await store.list(ALICE, { pageToken: first.nextPageToken });
      expect(second.tasks).toHaveLength(1);
      expect(second.nextPageToken).toBe('');
      const whole = await store.list(ALICE, { pageSize: 100 });
      expect(whole.tasks).toHaveLength(DEFAULT_LIST_PAGE_SIZE + 1);
      expect(whole.nextPageToken).toBe('');
    });

    it('refuses a page token it did not issue', async () => {
      const store = current();
      await createTasks(store, 2);
      expect(await storeErrorCode(store.list(ALICE, { pageToken: 'bm90LWEtY3Vyc29y' }))).toBe(
        'INVALID_CURSOR',
      );
      expect(await storeErrorCode(store.list(ALICE, { pageToken: '%%%' }))).toBe('INVALID_CURSOR');
    });
  });
}

function newTaskIds(count: number): string[] {
  return Array.from({ length: count }, () => newTask().id);
}
