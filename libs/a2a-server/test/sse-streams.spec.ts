import { randomUUID } from 'node:crypto';
import { collect, openSse, type RawSseEvent, type SseResponse } from './support/sse-client.js';
import { startTestServer, type TestServer } from './support/test-agent.js';

/** SSE behaviour of both bindings, seen by a raw client: fan-out, event ids, resume, the card's caching. */

const V1 = { 'A2A-Version': '1.0', 'content-type': 'application/json' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ chunkDelayMs: 10 });
});
afterAll(async () => {
  await server.close();
});

function sendBody(text: string, returnImmediately = false): string {
  return JSON.stringify({
    message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }] },
    configuration: { returnImmediately },
  });
}

/** Starts a `gated` task and waits until it is working and held. */
async function startHeld(chunks: number): Promise<string> {
  const res = await fetch(`${server.url}/message:send`, {
    method: 'POST',
    headers: V1,
    body: sendBody(`gated ${chunks}`, true),
  });
  const { task } = (await res.json()) as { task: { id: string } };
  await server.executor.whenHeld(task.id);
  return task.id;
}

function subscribeRest(taskId: string, headers: Record<string, string> = {}): Promise<SseResponse> {
  return openSse(`${server.url}/tasks/${taskId}:subscribe`, {
    method: 'POST',
    headers: { ...V1, ...headers },
  });
}

function subscribeRpc(taskId: string, headers: Record<string, string> = {}): Promise<SseResponse> {
  return openSse(server.url, {
    method: 'POST',
    headers: { ...V1, ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 'sub-1', method: 'SubscribeToTask', params: { id: taskId } }),
  });
}

type Payload = Record<string, { status?: { state: string } } | undefined>;

/** The stream event of a REST event, or the `result` of a JSON-RPC one. */
function payloadOf(e: RawSseEvent): Payload {
  const data = e.data as Record<string, unknown>;
  return (data['jsonrpc'] === '2.0' ? data['result'] : data) as Payload;
}

function stateOf(e: RawSseEvent): string | undefined {
  const p = payloadOf(e);
  return (p['task'] ?? p['statusUpdate'])?.status?.state;
}

function isUpdate(e: RawSseEvent): boolean {
  const p = payloadOf(e);
  return 'statusUpdate' in p || 'artifactUpdate' in p;
}

async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function reachState(target: TestServer, taskId: string, state: string): Promise<void> {
  const end = Date.now() + 5_000;
  for (;;) {
    const res = await fetch(`${target.url}/tasks/${taskId}`, { headers: V1 });
    const task = (await res.json()) as { status: { state: string } };
    if (task.status.state === state) return;
    if (Date.now() > end) throw new Error(`task ${taskId} is ${task.status.state}, not ${state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('fan-out', () => {
  it('two concurrent subscribers see the same events in the same order', async () => {
    const id = await startHeld(4);
    const a = await subscribeRest(id);
    const b = await subscribeRpc(id);
    server.executor.release(id);
    const [fromA, fromB] = await Promise.all([collect(a.events), collect(b.events)]);

    expect(fromA.length).toBeGreaterThanOrEqual(6); // snapshot, 4 chunks, completed
    expect(fromB.map((e) => e.id)).toEqual(fromA.map((e) => e.id));
    expect(fromB.map(payloadOf)).toEqual(fromA.map(payloadOf));
    expect(stateOf(fromA[0] as RawSseEvent)).toBe('TASK_STATE_WORKING');
    expect(stateOf(fromA[fromA.length - 1] as RawSseEvent)).toBe('TASK_STATE_COMPLETED');
  });

  it('a subscriber that goes away releases its watch on the store', async () => {
    const before = server.store.watcherCount;
    const id = await startHeld(2);
    const sub = await subscribeRest(id);
    await collect(sub.events, 2_000, 1);
    expect(server.store.watcherCount).toBeGreaterThan(before);
    sub.stop();
    await waitFor(() => server.store.watcherCount === before);
    server.executor.release(id);
  });
});

describe('event ids', () => {
  it.each([
    ['HTTP+JSON', '/message:stream', (text: string) => sendBody(text)],
    [
      'JSON-RPC',
      '/',
      (text: string) =>
        JSON.stringify({
          jsonrpc: '2.0',
          id: 3,
          method: 'SendStreamingMessage',
          params: JSON.parse(sendBody(text)),
        }),
    ],
  ])('%s: every update event carries a distinct SSE id', async (_binding, path, body) => {
    const stream = await openSse(`${server.url}${path}`, {
      method: 'POST',
      headers: V1,
      body: body('slow 3'),
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await collect(stream.events);
    const updates = events.filter(isUpdate);
    expect(updates).toHaveLength(5); // working, 3 chunks, completed
    const ids = updates.map((e) => e.id);
    expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('resume with Last-Event-ID', () => {
  it.each([
    ['HTTP+JSON', subscribeRest],
    ['JSON-RPC', subscribeRpc],
  ])('%s: delivers exactly the missed events, without duplicates', async (_binding, subscribe) => {
    const id = await startHeld(5);
    const witness = await subscribe(id);
    const first = await subscribe(id);
    server.executor.release(id);
    const seen = await collect(first.events, 5_000, 3); // snapshot + 2 updates
    first.stop();
    const lastId = seen[seen.length - 1]?.id;
    expect(lastId).toBeTruthy();

    const resumed = await subscribe(id, { 'Last-Event-ID': lastId as string });
    const rest = await collect(resumed.events);
    const all = await collect(witness.events);

    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every(isUpdate)).toBe(true);
    const together = [...seen.slice(1), ...rest];
    expect(together.map((e) => e.id)).toEqual(all.slice(1).map((e) => e.id));
    expect(together.map(payloadOf)).toEqual(all.slice(1).map(payloadOf));
    expect(stateOf(rest[rest.length - 1] as RawSseEvent)).toBe('TASK_STATE_COMPLETED');
  });

  it('after the task ended, replays the missed tail and ends', async () => {
    const stream = await openSse(`${server.url}/message:stream`, {
      method: 'POST',
      headers: V1,
      body: sendBody('slow 3'),
    });
    const all = await collect(stream.events);
    const taskId = (payloadOf(all[0] as RawSseEvent)['task'] as unknown as { id: string }).id;
    const cut = all.length - 2;
    const resumed = await subscribeRest(taskId, { 'Last-Event-ID': all[cut - 1]?.id as string });
    const rest = await collect(resumed.events, 3_000);
    expect(rest.map((e) => e.id)).toEqual(all.slice(cut).map((e) => e.id));
  });

  it('after the task ended with nothing missed, the stream ends instead of hanging', async () => {
    const stream = await openSse(`${server.url}/message:stream`, {
      method: 'POST',
      headers: V1,
      body: sendBody('echo bye'),
    });
    const all = await collect(stream.events);
    const taskId = (payloadOf(all[0] as RawSseEvent)['task'] as unknown as { id: string }).id;
    const resumed = await subscribeRest(taskId, {
      'Last-Event-ID': all[all.length - 1]?.id as string,
    });
    const rest = await collect(resumed.events, 3_000);
    // Nothing already delivered comes again; at most the task as it is now.
    expect(rest.filter(isUpdate)).toEqual([]);
    for (const e of rest) expect(stateOf(e)).toBe('TASK_STATE_COMPLETED');
  });

  it('when the missed events were trimmed away, starts again from a snapshot', async () => {
    const own = await startTestServer({ maxEventsPerTask: 3 });
    try {
      const res = await fetch(`${own.url}/message:send`, {
        method: 'POST',
        headers: V1,
        body: sendBody('gated 6', true),
      });
      const { task } = (await res.json()) as { task: { id: string } };
      await own.executor.whenHeld(task.id);
      const first = await openSse(`${own.url}/tasks/${task.id}:subscribe`, { method: 'POST', headers: V1 });
      own.executor.release(task.id);
      const seen = await collect(first.events, 5_000, 2); // snapshot + first chunk
      first.stop();
      const missedFrom = seen[1]?.id as string;
      // Let the task finish so that the event after `missedFrom` is long gone from a 3-event log.
      await reachState(own, task.id, 'TASK_STATE_COMPLETED');
      const resumed = await openSse(`${own.url}/tasks/${task.id}:subscribe`, {
        method: 'POST',
        headers: { ...V1, 'Last-Event-ID': missedFrom },
      });
      const rest = await collect(resumed.events, 3_000);
      expect(rest).toHaveLength(1);
      expect(payloadOf(rest[0] as RawSseEvent)).toHaveProperty('task');
      expect(stateOf(rest[0] as RawSseEvent)).toBe('TASK_STATE_COMPLETED');
    } finally {
      await own.close();
    }
  });

  it('an unknown Last-Event-ID is refused as invalid params, not a 5xx', async () => {
    const id = await startHeld(1);
    const res = await fetch(`${server.url}/tasks/${id}:subscribe`, {
      method: 'POST',
      headers: { ...V1, 'Last-Event-ID': 'not-an-id' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');
    server.executor.release(id);
  });
});

describe('subscribe to an ended task', () => {
  it('is UnsupportedOperation on both bindings', async () => {
    const res = await fetch(`${server.url}/message:send`, {
      method: 'POST',
      headers: V1,
      body: sendBody('echo x'),
    });
    const { task } = (await res.json()) as { task: { id: string } };
    const rest = await fetch(`${server.url}/tasks/${task.id}:subscribe`, { method: 'POST', headers: V1 });
    expect(rest.status).toBe(400);
    expect(
      ((await rest.json()) as { error: { details: { reason: string }[] } }).error.details[0]?.reason,
    ).toBe('UNSUPPORTED_OPERATION');
    const rpc = await fetch(server.url, {
      method: 'POST',
      headers: V1,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'SubscribeToTask', params: { id: task.id } }),
    });
    expect(rpc.status).toBe(200);
    expect(await rpc.json()).toMatchObject({ id: 1, error: { code: -32004 } });
  });
});

describe('server shutdown', () => {
  it('ends open streams when the server closes', async () => {
    const own = await startTestServer();
    const res = await fetch(`${own.url}/message:send`, {
      method: 'POST',
      headers: V1,
      body: sendBody('gated 2', true),
    });
    const { task } = (await res.json()) as { task: { id: string } };
    await own.executor.whenHeld(task.id);
    const sub = await openSse(`${own.url}/tasks/${task.id}:subscribe`, { method: 'POST', headers: V1 });
    const events = collect(sub.events, 5_000);
    await own.close();
    await expect(events).resolves.toHaveLength(1); // the snapshot, then the end of the stream
  });
});

describe('Agent Card', () => {
  const cardUrl = () => `${server.url}/.well-known/agent-card.json`;

  it('has an ETag and Cache-Control, and answers 304 to If-None-Match', async () => {
    const res = await fetch(cardUrl());
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const card = (await res.json()) as Record<string, unknown>;
    expect(card['supportedInterfaces']).toBeDefined();

    const again = await fetch(cardUrl(), { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    const changed = await fetch(cardUrl(), { headers: { 'If-None-Match': '"something-else"' } });
    expect(changed.status).toBe(200);
  });

  it('A2A-Version: 0.3 gives the v0.3 shape with its own ETag', async () => {
    const v1 = await fetch(cardUrl(), { headers: { 'A2A-Version': '1.0' } });
    const v03 = await fetch(cardUrl(), { headers: { 'A2A-Version': '0.3' } });
    expect(v03.status).toBe(200);
    const card = (await v03.json()) as Record<string, unknown>;
    expect(card['url']).toBe(server.url);
    expect(card['protocolVersion']).toMatch(/^0\.3/);
    expect(card['supportedInterfaces']).toBeUndefined();
    expect(v03.headers.get('etag')).not.toBe(v1.headers.get('etag'));
    expect(v03.headers.get('vary')).toMatch(/A2A-Version/i);

    // A v1.0 validator must not turn a v0.3 request into a 304.
    const cross = await fetch(cardUrl(), {
      headers: { 'A2A-Version': '0.3', 'If-None-Match': v1.headers.get('etag') as string },
    });
    expect(cross.status).toBe(200);
  });

  it('the legacy path serves the v0.3 card to clients that send no version', async () => {
    const res = await fetch(`${server.url}/.well-known/agent.json`);
    expect(res.status).toBe(200);
    expect((await res.json()) as Record<string, unknown>).toHaveProperty('protocolVersion');
  });
});
