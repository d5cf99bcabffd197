import { randomUUID } from 'node:crypto';
import { SendMessageRequest, TaskState, type Message, type StreamResponse, type Task } from '@a2a-js/sdk';
import {
  ClientFactory,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
  RestTransportFactory,
  type Client,
} from '@a2a-js/sdk/client';
import { startTestServer, type TestServer } from './support/test-agent.js';
import type { WireBody } from './support/wire-checks.js';

/**
 * The official A2A SDK's clients against our server. Each client is made the way an application
 * makes it: from the Agent Card, by the SDK's ClientFactory.
 */

type ClientKind = 'v1.0 JSON-RPC' | 'v1.0 HTTP+JSON' | 'v0.3 JSON-RPC';

interface ClientSetup {
  /** Transport binding the factory must have picked. */
  binding: 'JSONRPC' | 'HTTP+JSON';
  version: '1.0' | '0.3';
  create(url: string): Promise<Client>;
  /** How the binding reports a missing task. */
  notFound: { envelopeCode?: number; statusCode?: number };
  /** How the binding reports invalid parameters. */
  invalidParams: { envelopeCode?: number; statusCode?: number };
  /** How the binding reports an unsupported protocol version. */
  badVersion: { envelopeCode?: number; statusCode?: number };
}

/** A fetch that asks for the v0.3 card, as a client still on 0.3 would read it. */
const v03Fetch: typeof fetch = (input, init) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'A2A-Version': '0.3' } });

const SETUPS: Record<ClientKind, ClientSetup> = {
  'v1.0 JSON-RPC': {
    binding: 'JSONRPC',
    version: '1.0',
    create: (url) => new ClientFactory({ transports: [new JsonRpcTransportFactory()] }).createFromUrl(url),
    notFound: { envelopeCode: -32001 },
    invalidParams: { envelopeCode: -32602 },
    badVersion: { envelopeCode: -32009 },
  },
  'v1.0 HTTP+JSON': {
    binding: 'HTTP+JSON',
    version: '1.0',
    create: (url) => new ClientFactory({ transports: [new RestTransportFactory()] }).createFromUrl(url),
    notFound: { statusCode: 404 },
    invalidParams: { statusCode: 400 },
    badVersion: { statusCode: 400 },
  },
  'v0.3 JSON-RPC': {
    binding: 'JSONRPC',
    version: '0.3',
    create: (url) =>
      new ClientFactory({
        transports: [new JsonRpcTransportFactory({ legacyCompat: { enabled: true } })],
        cardResolver: new DefaultAgentCardResolver({ legacyCompat: { enabled: true }, fetchImpl: v03Fetch }),
      }).createFromUrl(url),
    notFound: { envelopeCode: -32001 },
    invalidParams: { envelopeCode: -32602 },
    badVersion: { envelopeCode: -32009 },
  },
};

function request(
  text: string,
  opts: { taskId?: string; contextId?: string; returnImmediately?: boolean } = {},
): SendMessageRequest {
  const { returnImmediately, ...ids } = opts;
  return SendMessageRequest.fromJSON({
    message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...ids },
    ...(returnImmediately === undefined ? {} : { configuration: { returnImmediately } }),
  });
}

function asTask(result: Task | Message): Task {
  if (!('status' in result)) throw new Error(`expected a task, got a message: ${JSON.stringify(result)}`);
  return result;
}

function textOfParts(
  parts: readonly { content?: { $case: string; value: unknown } }[] | undefined,
): string[] {
  return (parts ?? []).flatMap((p) => (p.content?.$case === 'text' ? [p.content.value as string] : []));
}

function stateOf(event: StreamResponse): TaskState | undefined {
  const p = event.payload;
  if (p?.$case === 'task') return p.value.status?.state;
  if (p?.$case === 'statusUpdate') return p.value.status?.state;
  return undefined;
}

async function drain<T>(stream: AsyncIterable<T>, timeoutMs = 5_000): Promise<T[]> {
  const out: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    (async () => {
      for await (const item of stream) out.push(item);
    })(),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`stream still open after ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return out;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ chunkDelayMs: 30 });
});
afterAll(async () => {
  await server.close();
});

describe.each(Object.keys(SETUPS) as ClientKind[])('official SDK client %s', (kind) => {
  const setup = SETUPS[kind];
  let client: Client;

  beforeAll(async () => {
    client = await setup.create(server.url);
  });

  it('resolves the Agent Card and picks the expected transport', async () => {
    expect(client.transport.protocolName).toBe(setup.binding);
    expect(client.protocolVersion).toBe(setup.version);
    const card = await client.getAgentCard();
    expect(card.name).toBe('Test Agent');
    expect(card.capabilities?.streaming).toBe(true);
    expect(card.capabilities?.pushNotifications).toBe(true);
  });

  it('blocking send returns the completed task with its artifact', async () => {
    const task = asTask(await client.sendMessage(request('echo hello there')));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(task.artifacts).toHaveLength(1);
    expect(textOfParts(task.artifacts[0]?.parts)).toEqual(['hello there']);
  });

  it('a failing executor ends the task failed', async () => {
    const task = asTask(await client.sendMessage(request('fail')));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_FAILED);
  });

  it('non-blocking send returns at once; GetTask later sees the finished task', async () => {
    const first = asTask(await client.sendMessage(request('slow 3', { returnImmediately: true })));
    expect([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING]).toContain(first.status?.state);
    const done = await until(
      () => client.getTask({ id: first.id, tenant: '' }),
      (t) => t.status?.state === TaskState.TASK_STATE_COMPLETED,
    );
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(textOfParts(done.artifacts[0]?.parts)).toEqual(['chunk 0', 'chunk 1', 'chunk 2']);
  });

  it('streaming send yields the task first, then updates in order, and ends at the terminal state', async () => {
    const events = await drain(client.sendMessageStream(request('slow 3')));
    expect(events[0]?.payload?.$case).toBe('task');
    const taskId = (events[0]?.payload?.value as Task).id;
    const chunks = events.flatMap((e) =>
      e.payload?.$case === 'artifactUpdate' ? textOfParts(e.payload.value.artifact?.parts) : [],
    );
    expect(chunks).toEqual(['chunk 0', 'chunk 1', 'chunk 2']);
    const last = events[events.length - 1];
    expect(last?.payload?.$case).toBe('statusUpdate');
    expect(stateOf(last as StreamResponse)).toBe(TaskState.TASK_STATE_COMPLETED);
    // Nothing after the terminal event, and every update is about the same task.
    expect(events.filter((e) => stateOf(e) === TaskState.TASK_STATE_COMPLETED)).toHaveLength(1);
    for (const e of events.slice(1)) expect((e.payload?.value as { taskId: string }).taskId).toBe(taskId);
  });

  it('GetTask honours historyLength', async () => {
    const ask = asTask(await client.sendMessage(request('ask')));
    const done = asTask(
      await client.sendMessage(request('Ada', { taskId: ask.id, contextId: ask.contextId })),
    );
    const full = await client.getTask({ id: done.id, tenant: '' });
    expect(full.history.length).toBeGreaterThanOrEqual(2);
    const one = await client.getTask({ id: done.id, tenant: '', historyLength: 1 });
    expect(one.history).toHaveLength(1);
    expect(one.history[0]?.messageId).toBe(full.history[full.history.length - 1]?.messageId);
  });

  it('multi-turn: input-required, then the answer in the same task completes it', async () => {
    const asked = asTask(await client.sendMessage(request('ask')));
    expect(asked.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(textOfParts(asked.status?.message?.parts)).toEqual(['What is your name?']);
    const answered = asTask(
      await client.sendMessage(request('Grace', { taskId: asked.id, contextId: asked.contextId })),
    );
    expect(answered.id).toBe(asked.id);
    expect(answered.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(textOfParts(answered.status?.message?.parts)).toEqual(['Thanks, Grace']);
  });

  it('cancels a running task: state canceled and the executor signal aborted', async () => {
    const started = asTask(await client.sendMessage(request('slow 200', { returnImmediately: true })));
    const canceled = await client.cancelTask({ id: started.id, tenant: '', metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    await expect(server.executor.whenAborted(started.id)).resolves.toBeUndefined();
    const read = await client.getTask({ id: started.id, tenant: '' });
    expect(read.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
  });

  it('subscribes to a running task and follows it to the end', async () => {
    // A gated task is held while working, so it cannot end before the subscription is open.
    const started = asTask(await client.sendMessage(request('gated 4', { returnImmediately: true })));
    await server.executor.whenHeld(started.id);
    const stream = client.resubscribeTask({ id: started.id, tenant: '' })[Symbol.asyncIterator]();
    const first = await stream.next();
    server.executor.release(started.id);
    const events = [
      first.value as StreamResponse,
      ...(await drain({ [Symbol.asyncIterator]: () => stream })),
    ];

    expect(events[0]?.payload?.$case).toBe('task');
    const snapshot = events[0]?.payload?.value as Task;
    expect(snapshot.id).toBe(started.id);
    expect(snapshot.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    const streamed = events.flatMap((e) =>
      e.payload?.$case === 'artifactUpdate' ? textOfParts(e.payload.value.artifact?.parts) : [],
    );
    expect(streamed).toEqual(['chunk 0', 'chunk 1', 'chunk 2', 'chunk 3']);
    expect(stateOf(events[events.length - 1] as StreamResponse)).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it('subscribing to an ended task is UnsupportedOperation', async () => {
    const done = asTask(await client.sendMessage(request('echo over')));
    const err = await rejection(drain(client.resubscribeTask({ id: done.id, tenant: '' })));
    expect(err['name']).toBe('UnsupportedOperationError');
  });

  it('push notification configs: create, get, list, delete', async () => {
    const task = asTask(await client.sendMessage(request('ask')));
    const created = await client.createTaskPushNotificationConfig({
      tenant: '',
      id: '',
      taskId: task.id,
      url: 'https://hooks.example.com/a2a',
      token: 'secret-token',
      authentication: undefined,
    });
    expect(created.id).not.toBe('');
    expect(created.taskId).toBe(task.id);
    expect(created.url).toBe('https://hooks.example.com/a2a');
    expect(created.token).toBe('secret-token');

    const got = await client.getTaskPushNotificationConfig({ tenant: '', taskId: task.id, id: created.id });
    expect(got).toMatchObject({ id: created.id, taskId: task.id, url: 'https://hooks.example.com/a2a' });

    const listed = await client.listTaskPushNotificationConfig({
      tenant: '',
      taskId: task.id,
      pageSize: 0,
      pageToken: '',
    });
    expect(listed.configs.map((c) => c.id)).toEqual([created.id]);

    await client.deleteTaskPushNotificationConfig({ tenant: '', taskId: task.id, id: created.id });
    const after = await client.listTaskPushNotificationConfig({
      tenant: '',
      taskId: task.id,
      pageSize: 0,
      pageToken: '',
    });
    expect(after.configs).toEqual([]);
    const err = await rejection(
      client.getTaskPushNotificationConfig({ tenant: '', taskId: task.id, id: created.id }),
    );
    expect(err['name']).toBe('TaskNotFoundError');
  });

  it('an unknown task is TaskNotFound', async () => {
    const err = await rejection(client.getTask({ id: 'no-such-task', tenant: '' }));
    expect(err['name']).toBe('TaskNotFoundError');
    expect(err).toMatchObject(setup.notFound);
  });

  it('a message without parts is refused as invalid params', async () => {
    const bad = SendMessageRequest.fromJSON({
      message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [] },
    });
    const err = await rejection(client.sendMessage(bad));
    expect(err['name']).toBe('RequestMalformedError');
    expect(err).toMatchObject(setup.invalidParams);
  });

  it('an unsupported A2A-Version is VersionNotSupported', async () => {
    // The Client always sets the header itself; the transport sends what it is given.
    const err = await rejection(
      client.transport.getTask({ id: 'any', tenant: '' }, { serviceParameters: { 'A2A-Version': '9.9' } }),
    );
    expect(err['name']).toBe('VersionNotSupportedError');
    expect(err).toMatchObject(setup.badVersion);
  });

  if (setup.version === '1.0') {
    it('lists tasks of a context', async () => {
      const first = asTask(await client.sendMessage(request('echo one')));
      const second = asTask(await client.sendMessage(request('echo two', { contextId: first.contextId })));
      const listed = await client.listTasks({
        tenant: '',
        contextId: first.contextId,
        status: TaskState.TASK_STATE_UNSPECIFIED,
        pageToken: '',
        statusTimestampAfter: undefined,
      });
      expect(listed.tasks.map((t) => t.id).sort()).toEqual([first.id, second.id].sort());
      expect(listed.totalSize).toBe(2);
    });
  } else {
    it('has no ListTasks in v0.3 (the SDK refuses it before sending)', async () => {
      const err = await rejection(
        client.listTasks({
          tenant: '',
          contextId: '',
          status: TaskState.TASK_STATE_UNSPECIFIED,
          pageToken: '',
          statusTimestampAfter: undefined,
        }),
      );
      expect(err['envelopeCode']).toBe(-32601);
    });
  }
});

/** Errors the SDK cannot be made to send: raw requests to each binding. */
describe('errors on the wire (raw requests)', () => {
  const V1 = { 'A2A-Version': '1.0' };

  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    return { status: res.status, body: (await res.json()) as WireBody };
  }

  const rpc = (method: string, params: unknown, headers: Record<string, string> = {}) =>
    post('/', JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }), headers);

  it.each([
    ['v1.0', 'SendMessage', { message: { role: 'ROLE_USER', parts: [{ text: 'x' }] } }, V1],
    ['v1.0', 'GetTask', { id: 42 }, V1],
    ['v1.0', 'ListTasks', { pageSize: 'ten' }, V1],
    ['v0.3', 'message/send', { message: { kind: 'message', role: 'user', parts: 'nope' } }, {}],
    ['v0.3', 'tasks/get', { id: ['a'] }, {}],
  ])('%s %s with wrong params: -32602 with HTTP 200', async (_v, method, params, headers) => {
    const { status, body } = await rpc(method, params, headers);
    expect(status).toBe(200);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32602 } });
  });

  it.each([
    ['v1.0', 'message/send', V1],
    ['v1.0', 'Frobnicate', V1],
    ['v0.3', 'GetTask', {}],
    ['v0.3', 'tasks/frobnicate', {}],
  ])('%s unknown method %s: -32601', async (_v, method, headers) => {
    const { status, body } = await rpc(method, {}, headers);
    expect(status).toBe(200);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32601 } });
  });

  it('JSON-RPC with A2A-Version 9.9: -32009 VersionNotSupported', async () => {
    const { status, body } = await rpc('GetTask', { id: 'x' }, { 'A2A-Version': '9.9' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 7, error: { code: -32009 } });
  });

  it('HTTP+JSON with A2A-Version 9.9: 400 with a google.rpc.Status body', async () => {
    const res = await fetch(`${server.url}/tasks/x`, { headers: { 'A2A-Version': '9.9' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as WireBody;
    expect(body.error).toMatchObject({ code: 400, status: 'FAILED_PRECONDITION' });
    expect(body.error?.details?.[0]).toMatchObject({ reason: 'VERSION_NOT_SUPPORTED' });
  });

  it('HTTP+JSON malformed message: 400 INVALID_ARGUMENT naming the field', async () => {
    const { status, body } = await post('/message:send', JSON.stringify({ message: { parts: [] } }), V1);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(body.error?.details?.[0]).toMatchObject({ reason: 'INVALID_PARAMS' });
    const violations = body.error?.details?.[1]?.fieldViolations ?? [];
    expect(violations.map((v) => v.field)).toEqual(expect.arrayContaining(['message.messageId']));
  });

  it('HTTP+JSON unknown task: 404 NOT_FOUND', async () => {
    const res = await fetch(`${server.url}/tasks/nope`, { headers: V1 });
    expect(res.status).toBe(404);
    const body = (await res.json()) as WireBody;
    expect(body.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect(body.error?.details?.[0]).toMatchObject({ reason: 'TASK_NOT_FOUND' });
  });
});
