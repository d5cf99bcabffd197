import type { Redis } from 'ioredis';
import { RedisPushConfigStore, RedisTaskStore, TaskStoreError, type TaskScope } from '../src/index.js';
import { describeTaskStoreContract } from './task-store-contract.js';
import { deleteKeys, newRedisClient, testPrefix } from './redis-test-support.js';
import { TASK_SCRIPTS } from '../src/redis/task-scripts.js';
import { NOTICE_EVENT_BYTES, parseNotice } from '../src/redis/task-notices.js';
import { newTask, textArtifact, userMessage, withRecord } from './task-store-fixtures.js';

const prefix = testPrefix('redis-task-store');
let client: Redis;
let stores = 0;

beforeAll(() => {
  client = newRedisClient();
});
afterAll(async () => {
  await deleteKeys(client, prefix);
  client.disconnect();
});

// Each contract test gets its own prefix under the file's: an empty store, as the contract expects.
describeTaskStoreContract('RedisTaskStore', async (options) => {
  const store = new RedisTaskStore({
    client,
    prefix: `${prefix}:${++stores}`,
    maxEventsPerTask: options?.maxEventsPerTask,
  });
  return { store, cleanup: () => store.close() };
});

describe('RedisTaskStore', () => {
  const scope: TaskScope = { tenant: 'acme', owner: 'alice' };
  let store: RedisTaskStore;
  let storePrefix: string;

  beforeEach(() => {
    storePrefix = `${prefix}:${++stores}`;
    store = new RedisTaskStore({ client, prefix: storePrefix, ttlMs: 60_000, retentionMs: 5_000 });
  });
  afterEach(() => store.close());

  it('keeps JSON exactly: empty arrays, large and precise numbers, unicode, escapes', async () => {
    const data = { items: [], nested: { empty: {}, list: [[], [1.5]] }, big: 9007199254740991, pi: Math.PI };
    const task = newTask({
      metadata: { tags: [], amount: 1234567890.123456, note: 'quote " slash / backslash \\ é 🚚' },
      history: [],
      artifacts: [{ artifactId: 'init', parts: [{ data }] }],
    });
    const created = await store.create({ task, scope });
    expect(created.record.task).toEqual({
      ...task,
      status: { ...task.status, timestamp: expect.any(String) },
    });
    const chunk = { artifactId: 'init', parts: [{ data: { more: [] } }], metadata: { n: 0.1 + 0.2 } };
    const appended = await withRecord(
      store,
      task.id,
      scope,
      store.appendArtifact(task.id, scope, { artifact: chunk, append: true }),
    );
    expect(appended.record.task.artifacts).toEqual([
      { artifactId: 'init', parts: [{ data }, { data: { more: [] } }] },
    ]);
    expect(appended.event.event).toEqual({
      artifactUpdate: { taskId: task.id, contextId: task.contextId, artifact: chunk, append: true },
    });
    expect((await store.get(task.id, scope))?.task).toEqual(appended.record.task);
  });

  it('puts every key of a task in one slot and gives each a TTL', async () => {
    const task = newTask();
    await store.create({ task, scope, messageId: 'm-1', timeoutMs: 30_000 });
    await store.appendArtifact(task.id, scope, { artifact: textArtifact('a', 'x') });
    await new RedisPushConfigStore({ client, prefix: storePrefix, ttlMs: 60_000 }).set(task.id, {
      url: 'https://hook.test/',
    });
    const keys = await client.keys(`${storePrefix}:{t:${task.id}}*`);
    expect(keys.sort()).toEqual(
      ['', ':ev', ':msgs', ':push'].map((suffix) => `${storePrefix}:{t:${task.id}}${suffix}`).sort(),
    );
    const slots = await Promise.all(
      keys.map((key) => client.call('CLUSTER', 'KEYSLOT', key).catch(() => null)),
    );
    if (slots[0] !== null) expect(new Set(slots).size).toBe(1);
    for (const key of keys) {
      const ttl = await client.pttl(key);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    // At the end every key gets the retention period instead.
    await store.transition(task.id, scope, { status: { state: 'TASK_STATE_COMPLETED' } });
    for (const key of keys) expect(await client.pttl(key)).toBeLessThanOrEqual(5_000);
    expect(await client.zscore(`${storePrefix}:deadlines`, task.id)).toBeNull();
  });

  it('forgets an ended task after retentionMs on its own clock', async () => {
    const clock = { now: Date.now() };
    const timed = new RedisTaskStore({
      client,
      prefix: `${storePrefix}:clock`,
      retentionMs: 5_000,
      now: () => clock.now,
    });
    try {
      const task = newTask();
      await timed.create({ task, scope, messageId: 'm-1' });
      await timed.transition(task.id, scope, { status: { state: 'TASK_STATE_COMPLETED' } });
      clock.now += 4_999;
      expect(await timed.get(task.id, scope)).toBeDefined();
      clock.now += 1;
      expect(await timed.get(task.id, scope)).toBeUndefined();
      expect(await timed.readEvents(task.id, '')).toEqual({ events: [], trimmed: false });
      expect((await timed.list(scope, {})).tasks).toEqual([]);
      expect(await timed.claimMessage(task.id, 'm-2').catch((err: TaskStoreError) => err.code)).toBe(
        'NOT_FOUND',
      );
    } finally {
      await timed.close();
    }
  });

  it('creates with artifacts and history, and keeps appending to them', async () => {
    const opening = userMessage('hello');
    const task = newTask({ history: [opening], artifacts: [textArtifact('a', '1'), textArtifact('b', '2')] });
    await store.create({ task, scope });
    await store.appendArtifact(task.id, scope, { artifact: textArtifact('b', '3'), append: true });
    const follow = userMessage('more');
    const { record } = await withRecord(
      store,
      task.id,
      scope,
      store.transition(task.id, scope, {
        status: { state: 'TASK_STATE_WORKING' },
        appendHistory: [follow],
      }),
    );
    expect(record.task.artifacts).toEqual([textArtifact('a', '1'), textArtifact('b', '2', '3')]);
    expect(record.task.history).toEqual([opening, follow]);
  });

  it('delivers events announced by their notice without reading the stream, and reads across a gap', async () => {
    const task = newTask();
    await store.create({ task, scope });
    const evalsha = jest.spyOn(client, 'evalsha');
    const readsOfEvents = (): number =>
      evalsha.mock.calls.filter(([sha]) => sha === TASK_SCRIPTS.readEvents.sha).length;
    try {
      const seen: string[] = [];
      let caughtUp!: () => void;
      const ready = new Promise<void>((resolve) => (caughtUp = resolve));
      const watching = (async () => {
        for await (const { id, event } of store.watch(task.id, { after: '' })) {
          seen.push(id);
          if (seen.length === 1) caughtUp();
          if ('statusUpdate' in event && event.statusUpdate.status.state === 'TASK_STATE_COMPLETED') return;
        }
      })();
      const written = [
        (await store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } })).event.id,
      ];
      await ready;
      const readsWhenCaughtUp = readsOfEvents();
      for (let i = 0; i < 10; i++) {
        const { event } = await store.appendArtifact(task.id, scope, {
          artifact: textArtifact(`a${i}`, `${i}`),
        });
        written.push(event.id);
      }
      // Up to date: each of the ten came with its notice.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(readsOfEvents()).toBe(readsWhenCaughtUp);
      // Too large to announce: read from the stream, then announced ones follow on from it again.
      const large = textArtifact('large', 'x'.repeat(NOTICE_EVENT_BYTES));
      written.push((await store.appendArtifact(task.id, scope, { artifact: large })).event.id);
      written.push(
        (await store.transition(task.id, scope, { status: { state: 'TASK_STATE_COMPLETED' } })).event.id,
      );
      await watching;
      expect(seen).toEqual(written);
      expect(readsOfEvents()).toBeGreaterThan(readsWhenCaughtUp);
    } finally {
      evalsha.mockRestore();
    }
  });

  it('refuses a task id with a line break (notices are line-based)', async () => {
    await expect(store.create({ task: newTask({ id: 'a\nb' }), scope })).rejects.toThrow(RangeError);
  });

  it('gives a watch that stops pulling its events from the stream, in order, once it pulls again', async () => {
    const task = newTask();
    await store.create({ task, scope });
    const watch = store.watch(task.id, { after: '' })[Symbol.asyncIterator]();
    const written = [
      (await store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } })).event.id,
    ];
    expect((await watch.next()).value?.id).toBe(written[0]);
    // Far more events than a watch keeps from notices while its reader is away.
    for (let i = 0; i < 250; i++) {
      written.push(
        (await store.appendArtifact(task.id, scope, { artifact: textArtifact(`a${i}`, `${i}`) })).event.id,
      );
    }
    const evalsha = jest.spyOn(client, 'evalsha');
    try {
      const seen = [written[0]];
      while (seen.length < written.length) seen.push(((await watch.next()).value as { id: string }).id);
      await watch.return?.(undefined);
      expect(seen).toEqual(written);
      // The inbox overflowed and was dropped: the rest came from reading the stream.
      expect(evalsha.mock.calls.some(([sha]) => sha === TASK_SCRIPTS.readEvents.sha)).toBe(true);
    } finally {
      evalsha.mockRestore();
    }
  });

  it('parses notices with and without their event', () => {
    expect(parseNotice('1-0 TASK_STATE_WORKING task 1')).toEqual({
      eventId: '1-0',
      state: 'TASK_STATE_WORKING',
      taskId: 'task 1',
    });
    expect(parseNotice('1-0 TASK_STATE_WORKING t1\n-\n{"statusUpdate":{}}')?.inline).toEqual({
      previousId: '',
      json: '{"statusUpdate":{}}',
    });
    expect(parseNotice('2-0 TASK_STATE_WORKING t1\n1-0\n{"a":"line\\nbreak"}')?.inline).toEqual({
      previousId: '1-0',
      json: '{"a":"line\\nbreak"}',
    });
    expect(parseNotice('garbage')).toBeUndefined();
  });

  it('shares one read per notice among the watches of a task', async () => {
    const task = newTask();
    await store.create({ task, scope });
    const evalsha = jest.spyOn(client, 'evalsha');
    const readsOfEvents = (): number =>
      evalsha.mock.calls.filter(([sha]) => sha === TASK_SCRIPTS.readEvents.sha).length;
    try {
      const controller = new AbortController();
      const watchers = Array.from({ length: 20 }, async () => {
        const seen: string[] = [];
        for await (const { event } of store.watch(task.id, { after: '', signal: controller.signal })) {
          seen.push('statusUpdate' in event ? (event.statusUpdate?.status?.state ?? '') : '');
          if (seen.length === 2) break;
        }
        return seen;
      });
      await store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } });
      await store.transition(task.id, scope, { status: { state: 'TASK_STATE_COMPLETED' } });
      const seen = await Promise.all(watchers);
      expect(seen).toEqual(Array.from({ length: 20 }, () => ['TASK_STATE_WORKING', 'TASK_STATE_COMPLETED']));
      // Unshared, each of the 20 watches makes at least one read of its own.
      expect(readsOfEvents()).toBeLessThanOrEqual(6);
    } finally {
      evalsha.mockRestore();
    }
  });

  it('answers each change with the version, state and event the store then holds', async () => {
    const task = newTask({ history: [] });
    await store.create({ task, scope });
    for (let i = 0; i < 40; i++) {
      const change =
        i % 2 === 0
          ? store.appendArtifact(task.id, scope, {
              artifact: textArtifact(`a${i % 6}`, `${i}`),
              append: i % 4 === 0,
            })
          : store.transition(task.id, scope, {
              status: { state: 'TASK_STATE_WORKING' },
              appendHistory: [{ messageId: `m${i}`, role: 'ROLE_USER', parts: [{ text: `${i}` }] }],
            });
      const { version, event } = await withRecord(store, task.id, scope, change);
      expect(version).toBe(i + 2);
      // The event built from the caller's input is the one readers get from the stream.
      expect((await store.readEvents(task.id, '')).events.at(-1)).toEqual(event);
    }
  });

  it('renews key lifetimes only once a sixteenth of the TTL has passed since the last renewal', async () => {
    const clock = { now: Date.now() };
    const timed = new RedisTaskStore({
      client,
      prefix: `${storePrefix}:renew`,
      ttlMs: 64_000,
      now: () => clock.now,
    });
    try {
      const task = newTask();
      await timed.create({ task, scope });
      // The first change starts the event stream: every key gets the full TTL.
      await timed.appendArtifact(task.id, scope, { artifact: textArtifact('a', '1') });
      const hashKey = `${storePrefix}:renew:{t:${task.id}}`;
      expect(await client.pttl(`${hashKey}:ev`)).toBeGreaterThan(60_000);
      await client.pexpire(hashKey, 10_000);
      clock.now += 3_000;
      await timed.appendArtifact(task.id, scope, { artifact: textArtifact('b', '2') });
      expect(await client.pttl(hashKey)).toBeLessThanOrEqual(10_000);
      clock.now += 1_000;
      await timed.appendArtifact(task.id, scope, { artifact: textArtifact('c', '3') });
      expect(await client.pttl(hashKey)).toBeGreaterThan(60_000);
    } finally {
      await timed.close();
    }
  });

  it('takes back the messageId claim of a create refused as ALREADY_EXISTS', async () => {
    const existing = newTask();
    await store.create({ task: existing, scope });
    const refused = await store.create({ task: existing, scope, messageId: 'm-taken' }).catch((err) => err);
    expect(refused).toMatchObject({ code: 'ALREADY_EXISTS' });
    const fresh = newTask();
    const result = await store.create({ task: fresh, scope, messageId: 'm-taken' });
    expect(result.created).toBe(true);
    expect(result.record.task.id).toBe(fresh.id);
  });

  it('stores changes as fragments: appended chunks, replacement dropping old chunks, no task document', async () => {
    const task = newTask({ artifacts: [textArtifact('a', '1')] });
    await store.create({ task, scope });
    for (const text of ['2', '3']) {
      await store.appendArtifact(task.id, scope, { artifact: textArtifact('a', text), append: true });
    }
    const hashKey = `${storePrefix}:{t:${task.id}}`;
    expect(await client.hmget(hashKey, 'pn:1', 'p:1:3', 'task')).toEqual(['3', expect.any(String), null]);
    expect((await store.get(task.id, scope))?.task.artifacts).toEqual([textArtifact('a', '1', '2', '3')]);
    const { record } = await withRecord(
      store,
      task.id,
      scope,
      store.appendArtifact(task.id, scope, { artifact: textArtifact('a', 'new') }),
    );
    expect(record.task.artifacts).toEqual([textArtifact('a', 'new')]);
    expect(await client.hmget(hashKey, 'pn:1', 'p:1:2', 'p:1:3')).toEqual(['1', null, null]);
    await store.appendArtifact(task.id, scope, { artifact: textArtifact('a', 'more'), append: true });
    expect((await store.get(task.id, scope))?.task.artifacts).toEqual([textArtifact('a', 'new', 'more')]);
  });

  it('keeps ids with separators apart: tasks, tenants and owners cannot collide', async () => {
    const a = newTask({ id: 'x}:ev' });
    const b = newTask({ id: 'x' });
    await store.create({ task: a, scope });
    await store.create({ task: b, scope });
    await store.appendArtifact(b.id, scope, { artifact: textArtifact('a', 'x') });
    expect((await store.get(a.id, scope))?.version).toBe(1);
    const tricky = { tenant: 'a:b', owner: 'c' };
    const other = { tenant: 'a', owner: 'b:c' };
    await store.create({ task: newTask(), scope: tricky });
    expect((await store.list(other, {})).totalSize).toBe(0);
    expect((await store.list(tricky, {})).totalSize).toBe(1);
  });

  it('starts a reaper that fails due tasks by itself and stops with close()', async () => {
    const task = newTask();
    await store.create({ task, scope, timeoutMs: 1 });
    store.startReaper({ intervalMs: 10 });
    const deadline = Date.now() + 3000;
    while ((await store.get(task.id, scope))?.task.status.state !== 'TASK_STATE_FAILED') {
      if (Date.now() > deadline) throw new Error('the reaper did not fail the task');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

  it('fires onCancel for a task canceled before the subscription took hold', async () => {
    const task = newTask();
    await store.create({ task, scope });
    // Another instance cancels it before this store has ever subscribed.
    const other = new RedisTaskStore({ client, prefix: storePrefix });
    await other.cancel(task.id, scope);
    await other.close();
    await new Promise<void>((resolve) => store.onCancel(task.id, resolve));
  });
});

describe('RedisPushConfigStore', () => {
  const pushPrefix = `${prefix}:push`;

  it('sets, gets, lists, replaces and deletes configs of a task, with a TTL', async () => {
    const push = new RedisPushConfigStore({ client, prefix: pushPrefix, ttlMs: 10_000 });
    const first = await push.set('t-1', { url: 'https://a.test/hook', token: 'secret' });
    expect(first.id).toEqual(expect.any(String));
    expect(first.taskId).toBe('t-1');
    const second = await push.set('t-1', { id: 'cfg-2', url: 'https://b.test/hook' });
    expect(await push.get('t-1', 'cfg-2')).toEqual(second);
    expect(await push.get('t-2', 'cfg-2')).toBeUndefined();
    expect((await push.list('t-1')).map((config) => config.id).sort()).toEqual([first.id, 'cfg-2'].sort());
    await push.set('t-1', { id: 'cfg-2', url: 'https://c.test/hook' });
    expect((await push.get('t-1', 'cfg-2'))?.url).toBe('https://c.test/hook');
    expect(await push.delete('t-1', 'cfg-2')).toBe(true);
    expect(await push.delete('t-1', 'cfg-2')).toBe(false);
    expect(await push.list('t-1')).toEqual([first]);
    expect(await push.list('t-2')).toEqual([]);
    const ttl = await client.pttl(`${pushPrefix}:{t:t-1}:push`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });
});
