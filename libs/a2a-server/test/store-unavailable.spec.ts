import { randomUUID } from 'node:crypto';
import {
  MemoryPushConfigStore,
  MemoryTaskStore,
  TaskStoreError,
  type TaskStore,
} from '@a2a-platform/task-store';
import Fastify, { type FastifyInstance } from 'fastify';
import { A2ARequestHandler, a2aPlugin, type AgentExecutor } from '../src/index.js';
import { testAgentCard } from './support/test-agent.js';

/** How the server answers when its task store cannot be reached: retryable, on both bindings. */

const V1 = { 'a2a-version': '1.0', 'content-type': 'application/json' };
const MESSAGE = 'The task store is unavailable; retry shortly';
let failure: Error = new Error('unset');
let app: FastifyInstance;
let store: MemoryTaskStore;

/** A store whose every call fails with `failure` (what the Redis store throws while Redis is down). */
function failingStore(inner: TaskStore): TaskStore {
  return new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || name === 'close' || name === 'onCancel') return value;
      return () => Promise.reject(failure);
    },
  });
}

beforeAll(async () => {
  store = new MemoryTaskStore();
  const executor: AgentExecutor = { execute: async (_ctx, updater) => updater.complete('done') };
  const handler = new A2ARequestHandler({
    card: testAgentCard('http://127.0.0.1:1'),
    executor,
    store: failingStore(store),
    pushConfigs: new MemoryPushConfigStore(),
  });
  app = Fastify({ logger: false });
  await app.register(a2aPlugin, { handler });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});
beforeEach(() => {
  failure = new TaskStoreError('UNAVAILABLE', 'Redis is unavailable: Command timed out');
});

function sendBody(): Record<string, unknown> {
  return { message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text: 'hi' }] } };
}

const errorInfo = {
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason: 'INTERNAL',
  domain: 'a2a-protocol.org',
  metadata: { retryable: 'true' },
};

describe('a task store that is unavailable', () => {
  it('answers JSON-RPC with InternalError -32603, a clear message and retryable ErrorInfo', async () => {
    for (const [method, params] of [
      ['SendMessage', sendBody()],
      ['GetTask', { id: 'task-1' }],
      ['ListTasks', {}],
      ['CancelTask', { id: 'task-1' }],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/',
        headers: V1,
        payload: { jsonrpc: '2.0', id: 7, method, params },
      });
      expect({ method, status: res.statusCode, body: res.json() }).toEqual({
        method,
        status: 200,
        body: { jsonrpc: '2.0', id: 7, error: { code: -32603, message: MESSAGE, data: [errorInfo] } },
      });
      // The cause (Redis's own words) stays in the logs.
      expect(res.body).not.toContain('Command timed out');
    }
  });

  it('answers the HTTP+JSON binding with 503 UNAVAILABLE and Retry-After, streams included', async () => {
    for (const [method, url, payload] of [
      ['POST', '/message:send', sendBody()],
      ['POST', '/message:stream', sendBody()],
      ['GET', '/tasks/task-1', undefined],
      ['GET', '/tasks/task-1:subscribe', undefined],
      ['GET', '/tasks', undefined],
      ['POST', '/tasks/task-1:cancel', {}],
    ] as const) {
      const res = await app.inject({ method, url, headers: V1, ...(payload ? { payload } : {}) });
      expect({
        url,
        status: res.statusCode,
        retryAfter: res.headers['retry-after'],
        body: res.json(),
      }).toEqual({
        url,
        status: 503,
        retryAfter: '1',
        body: { error: { code: 503, status: 'UNAVAILABLE', message: MESSAGE, details: [errorInfo] } },
      });
    }
  });

  it('keeps other failures internal: 500, no Retry-After, nothing retryable', async () => {
    failure = new Error('a bug in the store');
    const res = await app.inject({ method: 'GET', url: '/tasks/task-1', headers: V1 });
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json()).toEqual({
      error: {
        code: 500,
        status: 'INTERNAL',
        message: expect.any(String),
        details: [{ '@type': errorInfo['@type'], reason: 'INTERNAL', domain: errorInfo.domain }],
      },
    });
    expect(res.body).not.toContain('a bug in the store');
  });
});
