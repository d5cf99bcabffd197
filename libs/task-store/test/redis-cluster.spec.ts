import type { Cluster } from 'ioredis';
import { RedisTaskStore, TaskStoreError, redisClusterClient, type TaskScope } from '../src/index.js';
import { clusterToolsMissing, startLocalCluster, type LocalCluster } from './redis-cluster-support.js';
import { describeTaskStoreContract } from './task-store-contract.js';
import { newTask, sleep, textArtifact, within } from './task-store-fixtures.js';

// The task store on a real three-master Redis Cluster (started here on free ports): the whole contract,
// plus what only a cluster can show (a task's keys in one slot, other keys spread, notices across nodes).
const missing = clusterToolsMissing();
// Three more redis-servers on a shared machine: the longer contract tests can exceed jest's default 5 s.
jest.setTimeout(30_000);
const describeCluster = missing ? describe.skip : describe;
if (missing) {
  console.warn(`Skipping the Redis Cluster tests: ${missing}`);
}

let cluster: LocalCluster | undefined;
let client: Cluster;
let stores = 0;

function newCluster(commandTimeoutMs = 20_000): Cluster {
  const client = redisClusterClient(cluster?.nodes ?? [], { commandTimeoutMs });
  client.on('error', () => undefined);
  return client;
}

/** The TaskStoreError code a call ends with ('ok' when it succeeds). */
async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (err: unknown) => (err instanceof TaskStoreError ? err.code : `not a TaskStoreError: ${String(err)}`),
  );
}

describeCluster('RedisTaskStore on a Redis Cluster', () => {
  beforeAll(async () => {
    cluster = await startLocalCluster(3);
    client = newCluster();
  }, 30_000);
  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  describeTaskStoreContract('RedisTaskStore (Cluster)', async (options) => {
    const store = new RedisTaskStore({
      client,
      prefix: `cluster:${++stores}`,
      maxEventsPerTask: options?.maxEventsPerTask,
    });
    return { store, cleanup: () => store.close() };
  });

  describe('across the nodes', () => {
    const scope: TaskScope = { tenant: 'acme', owner: 'alice' };

    it('keeps each task in one slot while tasks spread over every master', async () => {
      const prefix = `cluster:${++stores}`;
      const store = new RedisTaskStore({ client, prefix });
      try {
        const slots = new Set<number>();
        const owners = new Set<string>();
        for (let i = 0; i < 30; i++) {
          const task = newTask();
          await store.create({ task, scope, messageId: `m-${i}`, timeoutMs: 60_000 });
          await store.appendArtifact(task.id, scope, { artifact: textArtifact('a', 'x') });
          await store.claimMessage(task.id, `m-${i}-again`);
          const keys = ['', ':ev', ':msgs'].map((suffix) => `${prefix}:{t:${task.id}}${suffix}`);
          const taskSlots = new Set(
            await Promise.all(keys.map(async (key) => Number(await client.call('CLUSTER', 'KEYSLOT', key)))),
          );
          expect(taskSlots.size).toBe(1);
          const [slot] = taskSlots;
          slots.add(slot);
          const node = client.slots[slot]?.[0];
          if (node) owners.add(node);
        }
        expect(slots.size).toBeGreaterThan(1);
        expect(owners.size).toBe(3);
        expect((await store.list(scope, { pageSize: 100 })).totalSize).toBe(30);
      } finally {
        await store.close();
      }
    });

    it('wakes a watcher and a cancel listener on another connection whatever node the task lives on', async () => {
      const prefix = `cluster:${++stores}`;
      const writerClient = newCluster();
      const writer = new RedisTaskStore({ client: writerClient, prefix });
      const reader = new RedisTaskStore({ client, prefix });
      try {
        const tasks = Array.from({ length: 6 }, () => newTask());
        for (const task of tasks) await writer.create({ task, scope });
        for (const task of tasks) {
          const canceled = new Promise<void>((resolve) => reader.onCancel(task.id, resolve));
          const watch = reader
            .watch(task.id, { after: '', signal: AbortSignal.timeout(5_000) })
            [Symbol.asyncIterator]();
          const first = await writer.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } });
          expect((await watch.next()).value).toEqual(first.event);
          // The watcher has read everything and waits: only a notice from the task's node can wake it.
          const next = watch.next();
          await sleep(20);
          const second = await writer.cancel(task.id, scope);
          expect((await next).value).toEqual(second.event);
          await watch.return?.();
          await canceled;
        }
      } finally {
        await reader.close();
        await writer.close();
        writerClient.disconnect();
      }
    });

    it('reaps due tasks whatever node they live on', async () => {
      const store = new RedisTaskStore({ client, prefix: `cluster:${++stores}` });
      try {
        const tasks = Array.from({ length: 12 }, () => newTask());
        for (const task of tasks) await store.create({ task, scope, timeoutMs: 1 });
        const failed = await store.reapExpired(Date.now() + 10);
        expect(failed.map((record) => record.task.id).sort()).toEqual(tasks.map((task) => task.id).sort());
        for (const task of tasks) {
          expect((await store.get(task.id, scope))?.task.status.state).toBe('TASK_STATE_FAILED');
        }
      } finally {
        await store.close();
      }
    });
  });

  // Last: it takes the whole cluster down.
  describe('when every node goes down', () => {
    const scope: TaskScope = { tenant: 'acme', owner: 'alice' };

    it('fails fast with UNAVAILABLE (no hang in the Cluster queue) and recovers when the nodes are back', async () => {
      const own = newCluster(1000);
      const store = new RedisTaskStore({ client: own, prefix: `cluster:${++stores}` });
      try {
        const task = newTask();
        await store.create({ task, scope });
        await cluster?.kill();
        // Right after the kill, commands still reach node connections, which time out on their own. Once
        // the client has dropped every node, they wait in the Cluster's own queue: only a bound set when
        // the command is issued ends them. So ask several times over a few seconds, each bounded.
        for (let round = 0; round < 2; round++) {
          await sleep(1000);
          const outcomes = await within(
            Promise.all([
              outcome(store.get(task.id, scope)),
              outcome(store.create({ task: newTask(), scope })),
              outcome(store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } })),
              outcome(store.list(scope, {})),
              outcome(store.readEvents(task.id, '')),
            ]),
            10_000,
            `the refusals of round ${round}`,
          );
          expect(outcomes).toEqual(Array(5).fill('UNAVAILABLE'));
        }

        await cluster?.restart();
        // Back empty (no persistence); the client reconnects by itself and the store works again.
        let recovered = 'UNAVAILABLE';
        for (let i = 0; i < 100 && recovered === 'UNAVAILABLE'; i++) {
          recovered = await outcome(store.create({ task: newTask({ id: task.id }), scope }));
          if (recovered === 'UNAVAILABLE') await sleep(100);
        }
        expect(recovered).toBe('ok');
        const watch = store
          .watch(task.id, { after: '', signal: AbortSignal.timeout(5_000) })
          [Symbol.asyncIterator]();
        const first = await store.transition(task.id, scope, { status: { state: 'TASK_STATE_WORKING' } });
        expect((await watch.next()).value).toEqual(first.event);
        // Waiting now: only a notice through the new subscription can wake it.
        const next = watch.next();
        await sleep(20);
        const second = await store.cancel(task.id, scope);
        expect((await next).value).toEqual(second.event);
        await watch.return?.();
      } finally {
        await store.close();
        own.disconnect();
      }
    }, 60_000);
  });
});
