import type { Task } from '@a2a-platform/a2a-protocol';
import { rest, rpc, startTask, textMessage } from './support/a2a-calls.js';
import { stopAll } from './support/child-processes.js';
import { bundleFixtures, type FixtureBundle } from './support/fixture-bundle.js';
import { redisServer, startAgent, type AgentInstance, type RedisServer } from './support/instances.js';

// An agent process on a redis-server of its own, which the test kills and starts again on the same port.
let bundle: FixtureBundle;
let redis: RedisServer;
let agent: AgentInstance;

const MESSAGE = 'The task store is unavailable; retry shortly';
const retryable = {
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason: 'INTERNAL',
  domain: 'a2a-protocol.org',
  metadata: { retryable: 'true' },
};

beforeAll(async () => {
  bundle = await bundleFixtures(['test-agent-main']);
  redis = await redisServer('redis-server');
  await redis.start();
  agent = await startAgent(bundle, 'agent', { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'outage' });
}, 30_000);

afterAll(async () => {
  await stopAll();
  await bundle?.remove();
});

async function status(path: string): Promise<number> {
  return (await fetch(`${agent.url}${path}`, { signal: AbortSignal.timeout(10_000) })).status;
}

async function waitForStatus(path: string, expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while ((last = await status(path)) !== expected) {
    if (Date.now() > deadline)
      throw new Error(`${path} answered ${last}, not ${expected}, for ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function completes(text: string): Promise<Task> {
  const { body } = await rpc<{ task: Task }>(
    agent.url,
    'SendMessage',
    textMessage(text, { returnImmediately: false }),
  );
  if (!body.result) throw new Error(`SendMessage failed: ${JSON.stringify(body.error)}`);
  return body.result.task;
}

describe('an agent whose Redis goes down and comes back', () => {
  it('refuses quickly and clearly while Redis is down, stays up, and serves again once it is back', async () => {
    expect(await status('/ready')).toBe(200);
    expect((await completes('work 2')).status.state).toBe('TASK_STATE_COMPLETED');

    await redis.kill();

    // Each call is bounded (the helpers abort after 10 s): a hang fails the test instead of passing late.
    const viaRpc = await rpc(agent.url, 'SendMessage', textMessage('work 1'));
    expect(viaRpc.status).toBe(200);
    expect(viaRpc.body.error).toEqual({ code: -32603, message: MESSAGE, data: [retryable] });

    const viaRest = await rest(agent.url, 'POST', '/message:send', textMessage('work 1'));
    expect(viaRest.status).toBe(503);
    expect(viaRest.headers.get('retry-after')).toBe('1');
    expect(viaRest.body).toEqual({
      error: { code: 503, status: 'UNAVAILABLE', message: MESSAGE, details: [retryable] },
    });

    const read = await rest(agent.url, 'GET', '/tasks/some-task');
    expect(read.status).toBe(503);

    expect(await status('/ready')).toBe(503);
    expect(await status('/health')).toBe(503);
    expect(await status('/live')).toBe(200);
    expect(agent.child.exited).toBe(false);

    await redis.start();
    // The client reconnects by itself (backoff capped at 2 s); readiness follows.
    await waitForStatus('/ready', 200, 15_000);
    const task = await startTask(agent.url, 'work 3');
    expect(task.status.state).toBe('TASK_STATE_SUBMITTED');
    const done = await completes('work 3');
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    expect(done.artifacts).toHaveLength(3);
    expect(agent.child.exited).toBe(false);
  }, 60_000);
});
