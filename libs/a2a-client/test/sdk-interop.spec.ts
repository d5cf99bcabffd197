/**
 * Our client against the official SDK's server, over each binding and version the SDK serves.
 */
import {
  A2AError,
  A2A_ERRORS,
  type Message,
  type SendMessageRequest,
  type StreamResponse,
  type Task,
} from '@a2a-platform/a2a-protocol';
import {
  A2AClient,
  AgentCardResolver,
  JsonRpcTransport,
  type A2AClientOptions,
  type ClientBinding,
  type ClientProtocolVersion,
} from '../src/index.js';
import { startSdkAgent, type SdkAgent } from './sdk-agent.fixture.js';

let agent: SdkAgent;
let consoleError: jest.SpyInstance;

beforeAll(async () => {
  // The SDK logs every error it answers with; the tests assert on those errors instead.
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  agent = await startSdkAgent();
});

afterAll(async () => {
  await agent.close();
  consoleError.mockRestore();
});

function userMessage(text: string, extra: Partial<Message> = {}): Message {
  return { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...extra };
}

function send(text: string, extra: Partial<SendMessageRequest> = {}): SendMessageRequest {
  return { message: userMessage(text), ...extra };
}

function taskOf(response: { task: Task } | { message: Message }): Task {
  if (!('task' in response)) throw new Error(`expected a task, got ${JSON.stringify(response)}`);
  return response.task;
}

async function collect(stream: AsyncIterable<StreamResponse>): Promise<StreamResponse[]> {
  const events: StreamResponse[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function kinds(events: StreamResponse[]): string[] {
  return events.map((e) => {
    if ('task' in e) return `task:${e.task.status.state}`;
    if ('message' in e) return 'message';
    if ('statusUpdate' in e) return `status:${e.statusUpdate.status.state}`;
    return `artifact:${e.artifactUpdate.artifact.artifactId}`;
  });
}

async function expectA2AError(promise: Promise<unknown>, code: number): Promise<A2AError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(A2AError);
  expect((err as A2AError).code).toBe(code);
  return err as A2AError;
}

const matrix: Array<[string, ClientBinding, ClientProtocolVersion]> = [
  ['JSON-RPC v1.0', 'JSONRPC', '1.0'],
  ['HTTP+JSON v1.0', 'HTTP+JSON', '1.0'],
  ['JSON-RPC v0.3', 'JSONRPC', '0.3'],
];

describe.each(matrix)('%s', (_name, binding, version) => {
  let client: A2AClient;
  const options = (): A2AClientOptions => ({ preferredBindings: [binding], preferredVersions: [version] });

  beforeAll(async () => {
    client = await A2AClient.connect(agent.baseUrl, options());
  });

  it('resolves the card and picks the requested interface', () => {
    expect(client.card.name).toBe('SDK test agent');
    expect(client.card.capabilities.streaming).toBe(true);
    expect(client.transport.binding).toBe(binding);
    expect(client.transport.protocolVersion).toBe(version);
    expect(client.transport.url).toBe(binding === 'JSONRPC' ? agent.jsonRpcUrl : agent.restUrl);
  });

  it('sends a blocking message and gets the completed task', async () => {
    const task = taskOf(await client.sendMessage(send('hello')));
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task.artifacts?.[0]?.parts[0]?.text).toBe('echo: hello');
    expect(task.history?.some((m) => m.role === 'ROLE_USER' && m.parts[0]?.text === 'hello')).toBe(true);
  });

  it('gets a direct message back when the agent answers with one', async () => {
    const response = await client.sendMessage(send('message: hi there'));
    expect('message' in response && response.message.parts[0]?.text).toBe('hi there');
    expect('message' in response && response.message.role).toBe('ROLE_AGENT');
  });

  it('streams a direct message as a single event', async () => {
    const events = await collect(client.sendStreamingMessage(send('message: streamed hi')));
    expect(kinds(events)).toEqual(['message']);
  });

  it('sends without blocking (returnImmediately), then gets the task once it settles', async () => {
    const first = taskOf(
      await client.sendMessage(send('slow', { configuration: { returnImmediately: true } })),
    );
    expect(['TASK_STATE_SUBMITTED', 'TASK_STATE_WORKING']).toContain(first.status.state);
    let task = await client.getTask({ id: first.id });
    for (let i = 0; i < 100 && task.status.state !== 'TASK_STATE_COMPLETED'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      task = await client.getTask({ id: first.id });
    }
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task.artifacts?.[0]?.parts.map((p) => p.text)).toEqual(['chunk-0', 'chunk-1', 'chunk-2']);
  });

  it('streams the task first, then its updates in order, and ends at the terminal state', async () => {
    const events = await collect(client.sendStreamingMessage(send('slow')));
    expect(kinds(events)).toEqual([
      'task:TASK_STATE_SUBMITTED',
      'status:TASK_STATE_WORKING',
      'artifact:chunks',
      'artifact:chunks',
      'artifact:chunks',
      'status:TASK_STATE_COMPLETED',
    ]);
    const appended = events.flatMap((e) => ('artifactUpdate' in e ? [e.artifactUpdate.append ?? false] : []));
    expect(appended).toEqual([false, true, true]);
  });

  it('ends a stream at input-required, and a follow-up message completes the task', async () => {
    const events = await collect(client.sendStreamingMessage(send('input')));
    expect(kinds(events).at(-1)).toBe('status:TASK_STATE_INPUT_REQUIRED');
    const first = events[0];
    const taskId = first && 'task' in first ? first.task.id : '';
    const contextId = first && 'task' in first ? first.task.contextId : '';
    const done = taskOf(
      await client.sendMessage({ message: userMessage('the blue one', { taskId, contextId }) }),
    );
    expect(done.id).toBe(taskId);
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    expect(done.artifacts?.some((a) => a.parts[0]?.text === 'got: the blue one')).toBe(true);
  });

  it('gets a task with historyLength', async () => {
    const task = taskOf(await client.sendMessage(send('history please')));
    const full = await client.getTask({ id: task.id });
    expect(full.history?.length ?? 0).toBeGreaterThanOrEqual(2);
    const one = await client.getTask({ id: task.id, historyLength: 1 });
    expect(one.history).toHaveLength(1);
    expect(one.history?.[0]).toEqual(full.history?.at(-1));
  });

  if (version === '1.0') {
    it('lists tasks of a context, filtered by state and paged', async () => {
      const a = taskOf(await client.sendMessage(send('one')));
      const contextId = a.contextId;
      const b = taskOf(await client.sendMessage({ message: userMessage('two', { contextId }) }));
      const page = await client.listTasks({ contextId, pageSize: 1 });
      expect(page.tasks).toHaveLength(1);
      expect(page.totalSize).toBe(2);
      expect(page.nextPageToken).not.toBe('');
      const rest = await client.listTasks({ contextId, pageSize: 1, pageToken: page.nextPageToken });
      expect([page.tasks[0]?.id, rest.tasks[0]?.id].sort()).toEqual([a.id, b.id].sort());
      const completed = await client.listTasks({ contextId, status: 'TASK_STATE_COMPLETED' });
      expect(completed.tasks).toHaveLength(2);
      const working = await client.listTasks({ contextId, status: 'TASK_STATE_WORKING' });
      expect(working.tasks).toHaveLength(0);
    });
  } else {
    it('refuses ListTasks, which v0.3 JSON-RPC does not have', async () => {
      await expectA2AError(client.listTasks({}), A2A_ERRORS.UNSUPPORTED_OPERATION.code);
    });
  }

  it('cancels a running task', async () => {
    const started = taskOf(
      await client.sendMessage(send('wait', { configuration: { returnImmediately: true } })),
    );
    const canceled = await client.cancelTask({ id: started.id });
    expect(canceled.id).toBe(started.id);
    expect(canceled.status.state).toBe('TASK_STATE_CANCELED');
    expect((await client.getTask({ id: started.id })).status.state).toBe('TASK_STATE_CANCELED');
  });

  it('refuses to cancel a completed task with TASK_NOT_CANCELABLE', async () => {
    const done = taskOf(await client.sendMessage(send('finished')));
    await expectA2AError(client.cancelTask({ id: done.id }), A2A_ERRORS.TASK_NOT_CANCELABLE.code);
  });

  it('subscribes to a running task: the current task first, then updates to the end', async () => {
    const started = taskOf(
      await client.sendMessage(send('slow', { configuration: { returnImmediately: true } })),
    );
    const events = await collect(client.subscribeToTask({ id: started.id }));
    expect(kinds(events)[0]).toMatch(/^task:/);
    expect(events[0] && 'task' in events[0] && events[0].task.id).toBe(started.id);
    expect(kinds(events).at(-1)).toBe('status:TASK_STATE_COMPLETED');
    const final = await client.getTask({ id: started.id });
    expect(final.artifacts?.[0]?.parts).toHaveLength(3);
  });

  it('refuses to subscribe to a terminal task', async () => {
    const done = taskOf(await client.sendMessage(send('finished')));
    await expect(collect(client.subscribeToTask({ id: done.id }))).rejects.toMatchObject({
      code: A2A_ERRORS.UNSUPPORTED_OPERATION.code,
    });
  });

  it('creates, gets, lists and deletes push notification configs', async () => {
    const task = taskOf(await client.sendMessage(send('input')));
    const created = await client.createTaskPushNotificationConfig({
      taskId: task.id,
      id: 'cfg-1',
      url: agent.pushReceiverUrl,
      token: 'secret-token',
      authentication: { scheme: 'Bearer', credentials: 'abc' },
    });
    expect(created).toMatchObject({
      taskId: task.id,
      id: 'cfg-1',
      url: agent.pushReceiverUrl,
      token: 'secret-token',
    });
    expect(created.authentication?.scheme).toBe('Bearer');
    await client.createTaskPushNotificationConfig({
      taskId: task.id,
      id: 'cfg-2',
      url: agent.pushReceiverUrl,
    });

    const got = await client.getTaskPushNotificationConfig({ taskId: task.id, id: 'cfg-1' });
    expect(got).toMatchObject({ id: 'cfg-1', url: agent.pushReceiverUrl, token: 'secret-token' });

    const listed = await client.listTaskPushNotificationConfigs({ taskId: task.id });
    expect(listed.configs.map((c) => c.id).sort()).toEqual(['cfg-1', 'cfg-2']);

    await client.deleteTaskPushNotificationConfig({ taskId: task.id, id: 'cfg-1' });
    const after = await client.listTaskPushNotificationConfigs({ taskId: task.id });
    expect(after.configs.map((c) => c.id)).toEqual(['cfg-2']);
  });

  it('gets the extended agent card', async () => {
    const extended = await client.getExtendedAgentCard();
    expect(extended.name).toBe('SDK test agent (extended)');
  });

  it('maps an unknown task to TASK_NOT_FOUND (-32001)', async () => {
    const err = await expectA2AError(client.getTask({ id: 'no-such-task' }), -32001);
    expect(err.kind.reason).toBe('TASK_NOT_FOUND');
    await expectA2AError(client.cancelTask({ id: 'no-such-task' }), -32001);
  });

  it('maps invalid params to -32602', async () => {
    // The SDK checks task ids (blank is malformed) on every binding; historyLength only on HTTP+JSON.
    await expectA2AError(client.getTask({ id: ' ' }), A2A_ERRORS.INVALID_PARAMS.code);
    if (binding === 'HTTP+JSON') {
      await expectA2AError(client.getTask({ id: 'x', historyLength: -1 }), A2A_ERRORS.INVALID_PARAMS.code);
    }
  });
});

describe('JSON-RPC errors beyond the client API', () => {
  let transport: JsonRpcTransport;

  beforeAll(async () => {
    const client = await A2AClient.connect(agent.baseUrl, { preferredBindings: ['JSONRPC'] });
    transport = client.transport as JsonRpcTransport;
  });

  it('maps an unknown method to METHOD_NOT_FOUND (-32601)', async () => {
    await expectA2AError(transport.call('NoSuchMethod', {}), A2A_ERRORS.METHOD_NOT_FOUND.code);
  });

  it('maps an unsupported A2A-Version to VERSION_NOT_SUPPORTED (-32009)', async () => {
    const err = await expectA2AError(
      transport.getTask({ id: 'anything' }, { headers: { 'A2A-Version': '9.9' } }),
      A2A_ERRORS.VERSION_NOT_SUPPORTED.code,
    );
    expect(err.message).toContain('9.9');
  });

  it('maps an unsupported A2A-Version on HTTP+JSON to VERSION_NOT_SUPPORTED too', async () => {
    const rest = await A2AClient.connect(agent.baseUrl, { preferredBindings: ['HTTP+JSON'] });
    await expectA2AError(
      rest.getTask({ id: 'anything' }, { headers: { 'A2A-Version': '9.9' } }),
      A2A_ERRORS.VERSION_NOT_SUPPORTED.code,
    );
  });
});

describe('agent card', () => {
  it('prefers v1.0 JSON-RPC by default', async () => {
    const client = await A2AClient.connect(agent.baseUrl);
    expect([client.transport.binding, client.transport.protocolVersion]).toEqual(['JSONRPC', '1.0']);
  });

  it('converts the v0.3 card the SDK serves to clients that send no A2A-Version', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const resolver = new AgentCardResolver({
      headers: () => ({ 'A2A-Version': '0.3' }),
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        bodies.push((await res.clone().json()) as Record<string, unknown>);
        return res;
      },
    });
    const card = await resolver.resolve(agent.baseUrl);
    expect(bodies[0]).toMatchObject({ url: agent.jsonRpcUrl, supportsAuthenticatedExtendedCard: true });
    expect(bodies[0]?.['protocolVersion']).toMatch(/^0\.3/);
    expect(card.name).toBe('SDK test agent');
    expect(card.capabilities.extendedAgentCard).toBe(true);
    expect(card.supportedInterfaces.map((i) => `${i.protocolBinding} ${i.protocolVersion}`)).toContain(
      'JSONRPC 0.3',
    );
    const client = A2AClient.fromCard(card, { preferredVersions: ['0.3'] });
    expect(taskOf(await client.sendMessage(send('via v0.3 card'))).status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('revalidates with the SDK ETag and reuses the cached card on 304', async () => {
    let now = 0;
    const seen: number[] = [];
    const resolver = new AgentCardResolver({
      now: () => now,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        seen.push(res.status);
        return res;
      },
    });
    const first = await resolver.resolve(agent.baseUrl);
    now += 3_600_001; // the SDK's default max-age is one hour
    const second = await resolver.resolve(agent.baseUrl);
    expect(seen).toEqual([200, 304]);
    expect(second).toEqual(first);
  });
});
