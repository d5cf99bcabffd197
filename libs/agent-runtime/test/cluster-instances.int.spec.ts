import type { Task } from '@a2a-platform/a2a-protocol';
import { RedisTaskStore, redisClusterClient } from '@a2a-platform/task-store';
import type { Cluster } from 'ioredis';
import { openSse, readAll, rpc, startTask, stateOf } from './support/a2a-calls.js';
import { stopAll } from './support/child-processes.js';
import { bundleFixtures, type FixtureBundle } from './support/fixture-bundle.js';
import {
  redisToolsMissing,
  startAgent,
  startRedisCluster,
  type AgentInstance,
  type RedisClusterServers,
} from './support/instances.js';
import { testPrefix } from './support/redis-keys.js';

// Two agent processes configured with REDIS_CLUSTER_NODES (openTaskStores' Cluster path) on a real
// three-master Redis Cluster started here.
const missing = redisToolsMissing();
const describeCluster = missing ? describe.skip : describe;
if (missing) {
  console.warn(`Skipping the agents-on-a-Redis-Cluster tests: ${missing}`);
}

const prefix = testPrefix('cluster-agents');
let bundle: FixtureBundle;
let cluster: RedisClusterServers;
let client: Cluster;
let store: RedisTaskStore;
let a: AgentInstance;
let b: AgentInstance;

describeCluster('agent processes on a Redis Cluster', () => {
  beforeAll(async () => {
    [bundle, cluster] = await Promise.all([
      bundleFixtures(['test-agent-main']),
      startRedisCluster('cluster-node'),
    ]);
    client = redisClusterClient(cluster.nodes, { commandTimeoutMs: 10_000 });
    store = new RedisTaskStore({ client, prefix });
    const env = { REDIS_CLUSTER_NODES: cluster.nodeList, REDIS_KEY_PREFIX: prefix };
    [a, b] = await Promise.all([startAgent(bundle, 'A', env), startAgent(bundle, 'B', env)]);
  }, 40_000);

  afterAll(async () => {
    await stopAll();
    await store?.close();
    client?.disconnect();
    await cluster?.remove();
    await bundle?.remove();
  });

  it('are ready and stream on B the work running on A, every event once, to completion', async () => {
    for (const agent of [a, b]) expect((await fetch(`${agent.url}/ready`)).status).toBe(200);
    const task = await startTask(a.url, 'work 50');
    const stream = await openSse(b.url, `/tasks/${task.id}:subscribe`);
    const [snapshot, ...updates] = await readAll(stream, 20_000);
    const stored = await store.readEvents(task.id, snapshot.id ?? '');
    expect(updates.map((e) => ({ id: e.id, event: e.data }))).toEqual(stored.events);
    expect(stateOf(updates[updates.length - 1].data)).toBe('TASK_STATE_COMPLETED');
  }, 30_000);

  it('cancel on B reaches the executor on A through the Cluster pub/sub', async () => {
    const task = await startTask(a.url, 'hold');
    await a.child.waitFor((r) => r['holding'] === task.id, 10_000, 'holding line');
    const { body } = await rpc<Task>(b.url, 'CancelTask', { id: task.id });
    expect(body.result?.status.state).toBe('TASK_STATE_CANCELED');
    const aborted = await a.child.waitFor((r) => r['aborted'] === task.id, 10_000, 'aborted line');
    expect(aborted['reason']).toBe('execution aborted: canceled');
    expect((await a.child.waitFor((r) => r['lateWrite'] === task.id))['outcome']).toBe('TERMINAL');
  }, 30_000);
});
