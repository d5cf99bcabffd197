import { randomUUID } from 'node:crypto';
import { RedisTaskStore, redisClientOptions } from '@a2a-platform/task-store';
import { Redis } from 'ioredis';
import { startChild, stopAll, type Child } from './support/child-processes.js';
import { bundleFixtures, type FixtureBundle } from './support/fixture-bundle.js';
import { SHARED_REDIS_URL, deleteKeys, testPrefix } from './support/redis-keys.js';

// Two processes write the same task at once through RedisTaskStore (test/fixtures/store-writer-main.ts):
// every change is one script, so nothing is lost or doubled however the writes interleave.
const prefix = testPrefix('concurrent-writers');
const scope = { tenant: 'acme', owner: 'writers' };
const APPENDS = 1500;
const ARTIFACTS = 20;
const TRANSITIONS = 150;
const MAX_EVENTS = 10_000;
let bundle: FixtureBundle;
let redis: Redis;
let store: RedisTaskStore;

beforeAll(async () => {
  redis = new Redis(SHARED_REDIS_URL, redisClientOptions({ commandTimeoutMs: 10_000 }));
  store = new RedisTaskStore({ client: redis, prefix, maxEventsPerTask: MAX_EVENTS });
  bundle = await bundleFixtures(['store-writer-main']);
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

interface WriterResult {
  appended: number;
  transitioned: number;
  conflicts: number;
  failures: string[];
}

function startWriter(name: string, taskId: string): Child {
  return startChild(name, process.execPath, [bundle.entry('store-writer-main')], {
    WRITER: name,
    TASK_ID: taskId,
    APPENDS: String(APPENDS),
    ARTIFACTS: String(ARTIFACTS),
    TRANSITIONS: String(TRANSITIONS),
    TENANT: scope.tenant,
    OWNER: scope.owner,
    REDIS_URL: SHARED_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    MAX_EVENTS: String(MAX_EVENTS),
  });
}

describe('two processes writing one task', () => {
  it('keeps every artifact, event and version bump of thousands of concurrent changes', async () => {
    const taskId = `task-${randomUUID()}`;
    await store.create({
      task: { id: taskId, contextId: 'ctx', status: { state: 'TASK_STATE_WORKING' } },
      scope,
    });
    const writers = [startWriter('w1', taskId), startWriter('w2', taskId)];
    await Promise.all(writers.map((w) => w.waitFor((r) => r['ready'] !== undefined, 15_000, 'ready line')));
    // Both start at once: the line on stdin is their starting signal.
    for (const w of writers) w.process.stdin?.write('go\n');
    const results = (await Promise.all(
      writers.map((w) => w.waitFor((r) => r['done'] !== undefined, 60_000, 'result line')),
    )) as unknown as WriterResult[];

    for (const result of results) {
      expect(result.failures).toEqual([]);
      expect(result.appended).toBe(APPENDS);
      expect(result.transitioned + result.conflicts).toBe(TRANSITIONS);
    }
    const changes = results.reduce((sum, r) => sum + r.appended + r.transitioned, 0);
    const record = await store.get(taskId, scope);
    expect(record?.version).toBe(1 + changes);
    const artifacts = record?.task.artifacts ?? [];
    const textsOf = (parts: readonly { text?: string }[]) => parts.map((part) => part.text ?? '');
    // Every chunk of both writers is in its artifact exactly once.
    expect(artifacts.map((artifact) => artifact.artifactId).sort()).toEqual(
      ['w1', 'w2'].flatMap((w) => Array.from({ length: ARTIFACTS }, (_, i) => `${w}-${i}`)).sort(),
    );
    for (const artifact of artifacts) {
      const [writer, index] = artifact.artifactId.split('-');
      const expected = Array.from(
        { length: APPENDS / ARTIFACTS },
        (_, k) => `${writer}:${k * ARTIFACTS + Number(index)}`,
      );
      expect(textsOf(artifact.parts).sort()).toEqual(expected.sort());
    }

    const { events, trimmed } = await store.readEvents(taskId, '');
    expect(trimmed).toBe(false);
    expect(events).toHaveLength(changes);
    expect(record?.lastEventId).toBe(events[events.length - 1].id);
    // Replaying the events gives the stored task: same chunks in the same order in every artifact.
    const replayed = new Map<string, string[]>();
    for (const { event } of events) {
      if (!('artifactUpdate' in event)) continue;
      const { artifact } = event.artifactUpdate;
      replayed.set(artifact.artifactId, [
        ...(replayed.get(artifact.artifactId) ?? []),
        ...textsOf(artifact.parts),
      ]);
    }
    expect(Object.fromEntries(replayed)).toEqual(
      Object.fromEntries(artifacts.map((artifact) => [artifact.artifactId, textsOf(artifact.parts)])),
    );
    const statusEvents = events.filter((e) => 'statusUpdate' in e.event);
    expect(statusEvents).toHaveLength(results.reduce((sum, r) => sum + r.transitioned, 0));
    // The last status event names the state the task is in.
    const lastStatus = statusEvents[statusEvents.length - 1].event;
    expect('statusUpdate' in lastStatus && lastStatus.statusUpdate.status.state).toBe(
      record?.task.status.state,
    );
  }, 90_000);
});
