/**
 * Failures that are not A2A answers, timeouts, cancellation, and what every request carries (hook
 * headers, tenant), against scripted local servers.
 */
import { A2AError, A2A_ERRORS, type AgentCard, type StreamResponse } from '@a2a-platform/a2a-protocol';
import {
  A2AClient,
  A2ATimeoutError,
  A2ATransportError,
  HttpChannel,
  JsonRpcTransport,
  RestTransport,
  selectInterface,
} from '../src/index.js';
import { json, startLocalServer, type LocalServer } from './local-server.js';

let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function cardWith(interfaces: AgentCard['supportedInterfaces']): AgentCard {
  return {
    name: 'scripted',
    description: '',
    supportedInterfaces: interfaces,
    version: '1',
    capabilities: { streaming: true },
    defaultInputModes: [],
    defaultOutputModes: [],
    skills: [],
  };
}

const task = { id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_WORKING' } };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('HTTP failures', () => {
  it('turns a non-A2A HTTP error into an A2ATransportError with status and URL', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const rpc = new JsonRpcTransport(new HttpChannel(), `${server.url}/rpc`);
    const err = await failure(rpc.getTask({ id: 't1' }));
    expect(err).toBeInstanceOf(A2ATransportError);
    expect(err).toMatchObject({ code: 'HTTP_ERROR', status: 502, url: `${server.url}/rpc` });
    expect((err as Error).message).toContain(`${server.url}/rpc`);
    expect((err as Error).message).toContain('bad gateway');

    const rest = new RestTransport(new HttpChannel(), `${server.url}/rest`);
    expect(await failure(rest.getTask({ id: 't1' }))).toMatchObject({ code: 'HTTP_ERROR', status: 502 });
  });

  it('reads A2A errors from a google.rpc.Status body on HTTP+JSON', async () => {
    server = await startLocalServer((_req, res) =>
      json(res, 404, {
        error: {
          code: 404,
          status: 'NOT_FOUND',
          message: 'no task t9',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'TASK_NOT_FOUND',
              domain: 'a2a-protocol.org',
              metadata: { taskId: 't9' },
            },
          ],
        },
      }),
    );
    const rest = new RestTransport(new HttpChannel(), server.url);
    const err = await failure(rest.getTask({ id: 't9' }));
    expect(err).toBeInstanceOf(A2AError);
    expect(err).toMatchObject({
      code: A2A_ERRORS.TASK_NOT_FOUND.code,
      message: 'no task t9',
      metadata: { taskId: 't9' },
    });
  });

  it('reads a JSON-RPC error even from an HTTP 500 response', async () => {
    server = await startLocalServer((_req, res) =>
      json(res, 500, { jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'boom' } }),
    );
    const rpc = new JsonRpcTransport(new HttpChannel(), server.url);
    expect(await failure(rpc.getTask({ id: 't1' }))).toMatchObject({ code: -32603, message: 'boom' });
  });

  it('rejects answers that are not JSON-RPC, or not a valid Task', async () => {
    let body = 'hello';
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    const rpc = new JsonRpcTransport(new HttpChannel(), server.url);
    expect(await failure(rpc.getTask({ id: 't1' }))).toMatchObject({ code: 'INVALID_RESPONSE' });
    body = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { id: 't1', status: { state: 'DONE' } } });
    expect(await failure(rpc.getTask({ id: 't1' }))).toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('reports a refused connection as NETWORK_ERROR naming the URL', async () => {
    const gone = await startLocalServer(() => undefined);
    await gone.close();
    const rpc = new JsonRpcTransport(new HttpChannel(), gone.url);
    const err = await failure(rpc.getTask({ id: 't1' }));
    expect(err).toMatchObject({ code: 'NETWORK_ERROR', url: gone.url });
  });

  it('turns an error event inside a REST stream into an A2AError', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ task })}\n\n`);
      res.end(
        `event: error\ndata: ${JSON.stringify({ error: { code: 500, status: 'INTERNAL', message: 'agent crashed', details: [] } })}\n\n`,
      );
    });
    const client = A2AClient.fromCard(
      cardWith([{ url: server.url, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' }]),
    );
    const seen: StreamResponse[] = [];
    const err = await failure(
      (async () => {
        for await (const e of client.subscribeToTask({ id: 't1' })) seen.push(e);
      })(),
    );
    expect(seen).toHaveLength(1);
    expect(err).toBeInstanceOf(A2AError);
    expect(err).toMatchObject({ code: A2A_ERRORS.INTERNAL.code, message: 'agent crashed' });
  });
});

describe('REST subscribe', () => {
  it('uses GET, and POST when the server answers 405', async () => {
    server = await startLocalServer((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(405, { Allow: 'POST' });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const done = { ...task, status: { state: 'TASK_STATE_COMPLETED' } };
      res.end(`id: 9\ndata: ${JSON.stringify({ task: done })}\n\n`);
    });
    const rest = new RestTransport(new HttpChannel(), server.url);
    const items = [];
    for await (const item of rest.subscribeToTask({ id: 't1' }, { lastEventId: '8' })) items.push(item);
    expect(items).toHaveLength(1);
    expect(items[0]?.id).toBe('9');
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.headers['last-event-id']}`)).toEqual([
      'GET /tasks/t1:subscribe 8',
      'POST /tasks/t1:subscribe 8',
    ]);
  });
});

describe('timeouts and cancellation', () => {
  it('times out a unary call', async () => {
    server = await startLocalServer(() => undefined); // never answers
    const rpc = new JsonRpcTransport(new HttpChannel({ timeoutMs: 5_000 }), server.url);
    const err = await failure(rpc.getTask({ id: 't1' }, { timeoutMs: 50 }));
    expect(err).toBeInstanceOf(A2ATimeoutError);
    expect(err).toMatchObject({ code: 'TIMEOUT', phase: 'request', timeoutMs: 50, url: server.url });
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    server = await startLocalServer(() => undefined);
    const rpc = new JsonRpcTransport(new HttpChannel(), server.url);
    const controller = new AbortController();
    const reason = new Error('user gave up');
    const pending = rpc.getTask({ id: 't1' }, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 10);
    expect(await failure(pending)).toBe(reason);
    const already = AbortSignal.abort('already');
    expect(await failure(rpc.getTask({ id: 't1' }, { signal: already }))).toBe('already');
  });

  it('times out a stream that goes silent, but not one kept alive by heartbeats', async () => {
    server = await startLocalServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const { id } = JSON.parse(req.body) as { id: number };
      res.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id, result: { task } })}\n\n`);
      if (!req.body.includes('heartbeat')) return; // silent from here on
      let beats = 0;
      const timer = setInterval(() => {
        if (++beats < 8) return void res.write(': ping\n\n');
        clearInterval(timer);
        const done = {
          statusUpdate: { taskId: 't1', contextId: 'c1', status: { state: 'TASK_STATE_COMPLETED' } },
        };
        res.end(`data: ${JSON.stringify({ jsonrpc: '2.0', id, result: done })}\n\n`);
      }, 50);
    });
    const rpc = new JsonRpcTransport(new HttpChannel({ streamIdleTimeoutMs: 400 }), server.url);
    const client = new A2AClient(cardWith([]), rpc, { resume: false });
    const message = (text: string) => ({
      message: { messageId: 'm', role: 'ROLE_USER' as const, parts: [{ text }] },
    });

    const seen: StreamResponse[] = [];
    const err = await failure(
      (async () => {
        for await (const e of client.sendStreamingMessage(message('silent'))) seen.push(e);
      })(),
    );
    expect(seen).toHaveLength(1);
    expect(err).toBeInstanceOf(A2ATimeoutError);
    expect(err).toMatchObject({ phase: 'idle', timeoutMs: 400 });

    const events: StreamResponse[] = [];
    for await (const e of client.sendStreamingMessage(message('heartbeat'))) events.push(e);
    expect(events.map((e) => Object.keys(e)[0])).toEqual(['task', 'statusUpdate']);
  });

  it('aborts an open stream with the caller reason', async () => {
    server = await startLocalServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const { id } = JSON.parse(req.body) as { id: number };
      res.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id, result: { task } })}\n\n`);
    });
    const client = A2AClient.fromCard(
      cardWith([{ url: server.url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }]),
    );
    const controller = new AbortController();
    const err = await failure(
      (async () => {
        for await (const _e of client.subscribeToTask({ id: 't1' }, { signal: controller.signal })) {
          controller.abort('stop now');
        }
      })(),
    );
    expect(err).toBe('stop now');
  });
});

describe('what every request carries', () => {
  it('calls the headers hook on every request; per-call headers win', async () => {
    server = await startLocalServer((req, res) => {
      const { id } = JSON.parse(req.body) as { id: number };
      json(res, 200, { jsonrpc: '2.0', id, result: task });
    });
    const calls: string[] = [];
    let n = 0;
    const client = A2AClient.fromCard(
      cardWith([{ url: server.url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }]),
      {
        headers: async (ctx) => {
          calls.push(`${ctx.method} ${ctx.operation} ${ctx.url}`);
          return { Authorization: `Bearer token-${++n}`, traceparent: '00-abc-def-01' };
        },
      },
    );
    await client.getTask({ id: 't1' });
    await client.cancelTask(
      { id: 't1' },
      { headers: { Traceparent: '00-override-01', 'A2A-Version': '1.1' } },
    );
    expect(calls).toEqual([`POST GetTask ${server.url}`, `POST CancelTask ${server.url}`]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(server.requests.map((r) => r.headers.traceparent)).toEqual(['00-abc-def-01', '00-override-01']);
    expect(server.requests.map((r) => r.headers['a2a-version'])).toEqual(['1.0', '1.1']);
  });

  it('uses the fetch override', async () => {
    const urls: string[] = [];
    const client = A2AClient.fromCard(
      cardWith([{ url: 'http://agent.invalid/rpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }]),
      {
        fetch: async (input, init) => {
          urls.push(String(input));
          const { id } = JSON.parse(String(init?.body)) as { id: number };
          return new Response(JSON.stringify({ jsonrpc: '2.0', id, result: task }), {
            headers: { 'Content-Type': 'application/json' },
          });
        },
      },
    );
    expect((await client.getTask({ id: 't1' })).id).toBe('t1');
    expect(urls).toEqual(['http://agent.invalid/rpc']);
  });

  it("puts the interface's tenant in JSON-RPC params and in REST paths", async () => {
    server = await startLocalServer((req, res) => {
      if (req.path.startsWith('/rpc')) {
        const { id } = JSON.parse(req.body) as { id: number };
        json(res, 200, { jsonrpc: '2.0', id, result: task });
      } else json(res, 200, task);
    });
    const rpc = A2AClient.fromCard(
      cardWith([
        { url: `${server.url}/rpc`, protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: 'acme' },
      ]),
    );
    const rest = A2AClient.fromCard(
      cardWith([
        { url: `${server.url}/rest/`, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0', tenant: 'acme' },
      ]),
    );
    await rpc.getTask({ id: 't1' });
    await rest.getTask({ id: 't 1', historyLength: 2 });
    await rest.getTask({ id: 't1', tenant: 'other' });
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toMatchObject({
      method: 'GetTask',
      params: { id: 't1', tenant: 'acme' },
    });
    expect(server.requests.slice(1).map((r) => r.path)).toEqual([
      '/rest/acme/tasks/t%201?historyLength=2',
      '/rest/other/tasks/t1',
    ]);
  });
});

describe('selectInterface', () => {
  const card = cardWith([
    { url: 'http://a/grpc', protocolBinding: 'GRPC', protocolVersion: '1.0' },
    { url: 'http://a/rest', protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' },
    { url: 'http://a/v03', protocolBinding: 'JSONRPC', protocolVersion: '0.3.0' },
    { url: 'http://a/rpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  ]);

  it('prefers version 1.0, then the binding order', () => {
    expect(selectInterface(card).agentInterface.url).toBe('http://a/rpc');
    expect(selectInterface(card, { preferredBindings: ['HTTP+JSON', 'JSONRPC'] }).agentInterface.url).toBe(
      'http://a/rest',
    );
    expect(selectInterface(card, { preferredVersions: ['0.3', '1.0'] })).toMatchObject({
      version: '0.3',
      binding: 'JSONRPC',
    });
  });

  it('falls back to v0.3 JSON-RPC and fails clearly when nothing fits', () => {
    const old = cardWith([{ url: 'http://a/v03', protocolBinding: 'JSONRPC', protocolVersion: '0.3' }]);
    expect(selectInterface(old).version).toBe('0.3');
    const grpcOnly = cardWith([{ url: 'http://a/grpc', protocolBinding: 'GRPC', protocolVersion: '1.0' }]);
    expect(() => selectInterface(grpcOnly)).toThrow(
      expect.objectContaining({ code: 'NO_COMPATIBLE_INTERFACE' }),
    );
    const restV03 = cardWith([{ url: 'http://a/r', protocolBinding: 'HTTP+JSON', protocolVersion: '0.3' }]);
    expect(() => selectInterface(restV03)).toThrow(/GRPC|HTTP\+JSON 0\.3/);
  });
});
