import { Readable } from 'node:stream';
import { A2A_METHODS, V03_METHODS } from '@a2a-platform/a2a-protocol';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { mutated, notJson, V03_TEMPLATES, V1_TEMPLATES } from './support/request-mutations.js';
import { startTestServer, type TestServer } from './support/test-agent.js';
import {
  checkRest,
  checkRpc,
  isRpcId,
  REST_STATUSES,
  rpcBody,
  type WireBody,
} from './support/wire-checks.js';

/**
 * Property tests: whatever a client sends, the server answers with the specification's error
 * shape (JSON-RPC errors with HTTP 200, or 413 for an oversize body; google.rpc.Status bodies on
 * HTTP+JSON), never a 5xx, never a hang, and keeps serving afterwards.
 */

// Runs per property can be raised for a longer hunt: FUZZ_RUNS=2000 npx jest ... bad-input
jest.setTimeout(120_000);

const BODY_LIMIT = 64 * 1024;
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 120);
const V1 = { 'A2A-Version': '1.0' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ bodyLimit: BODY_LIMIT });
});
afterAll(async () => {
  await server.close();
});

interface Call {
  method?: 'GET' | 'POST' | 'DELETE';
  url?: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

/** app.inject with a deadline, so that a hang fails the property instead of the whole run. */
async function call({
  method = 'POST',
  url = '/',
  headers = {},
  payload,
}: Call): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      server.app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json', ...headers },
        ...(payload === undefined ? {} : { payload }),
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to ${method} ${url} in 5 s`)), 5_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('JSON-RPC endpoint', () => {
  it('malformed JSON is a parse error (-32700) or an invalid request, with HTTP 200', async () => {
    await fc.assert(
      fc.asyncProperty(notJson, fc.constantFrom({}, V1), async (payload, headers) => {
        const body = checkRpc(await call({ payload, headers }), false);
        expect([-32700, -32600]).toContain((body?.['error'] as { code: number }).code);
      }),
      { numRuns: RUNS },
    );
  });

  it('valid JSON cut short or with a stray byte is still an error', async () => {
    const valid = rpcBody('GetTask', { id: 'missing' });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: valid.length - 1 }),
        fc.constantFrom('', '}', '{', '"', ',', '\\', '\u0000', ']'),
        async (cut, stray) => {
          const payload = valid.slice(0, cut) + stray;
          let parses = true;
          try {
            JSON.parse(payload);
          } catch {
            parses = false;
          }
          checkRpc(await call({ payload, headers: V1 }), parses);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a JSON value that is not a request object is an invalid request (-32600)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }), // batches
          fc.oneof(
            fc.string(),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.boolean(),
            fc.constant(null),
          ),
        ),
        async (value) => {
          const body = checkRpc(await call({ payload: JSON.stringify(value), headers: V1 }), false);
          expect(body?.['error']).toMatchObject({ code: -32600 });
          expect(body?.['id']).toBeNull();
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a wrong envelope is an invalid request; the id is echoed only when it is valid', async () => {
    const jsonrpc = fc.oneof(
      fc.constant('2.0'),
      fc.constant('1.0'),
      fc.constant(2),
      fc.constant(null),
      fc.constant(undefined),
    );
    const method = fc.oneof(
      fc.constantFrom(...Object.keys(A2A_METHODS), ...Object.keys(V03_METHODS)),
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.constant(undefined),
    );
    const id = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.integer(),
      // -0 goes out as 0: JSON has no negative zero.
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
      fc.constant(null),
      fc.boolean(),
      fc.object({ maxDepth: 1 }),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.constant(undefined),
    );
    const params = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant({ id: 'missing' }),
    );
    await fc.assert(
      fc.asyncProperty(jsonrpc, method, id, params, fc.constantFrom({}, V1), async (j, m, i, p, headers) => {
        const envelope: Record<string, unknown> = {};
        if (j !== undefined) envelope['jsonrpc'] = j;
        if (m !== undefined) envelope['method'] = m;
        if (i !== undefined) envelope['id'] = i;
        if (p !== undefined) envelope['params'] = p;
        const envelopeValid =
          j === '2.0' && typeof m === 'string' && m !== '' && i !== undefined && isRpcId(i);
        const body = checkRpc(await call({ payload: JSON.stringify(envelope), headers }), envelopeValid);
        if (!envelopeValid) {
          expect(body?.['error']).toMatchObject({ code: -32600 });
          expect(body?.['id']).toEqual(isRpcId(i) ? i : null);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('params that are not an object are invalid params (-32602)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(A2A_METHODS)),
        fc.oneof(
          fc.array(fc.jsonValue({ maxDepth: 1 })),
          fc.string(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
        ),
        async (method, params) => {
          const body = checkRpc(await call({ payload: rpcBody(method, params, 'p'), headers: V1 }), false);
          expect(body).toMatchObject({ id: 'p', error: { code: -32602 } });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['v1.0', V1_TEMPLATES, V1],
    ['v0.3', V03_TEMPLATES, {}],
  ])(
    '%s: each method with one wrong, missing or odd field answers a result or a spec error',
    async (_v, templates, headers) => {
      const cases = fc
        .constantFrom(...Object.keys(templates))
        .chain((method) =>
          mutated(templates[method] as Record<string, unknown>).map((params) => ({ method, params })),
        );
      await fc.assert(
        fc.asyncProperty(cases, async ({ method, params }) => {
          checkRpc(await call({ payload: rpcBody(method, params), headers }));
        }),
        { numRuns: RUNS * 2 },
      );
    },
  );

  it('unknown fields anywhere are ignored', async () => {
    const extra = fc.dictionary(
      fc
        .string({ minLength: 1, maxLength: 8 })
        .filter((k) => !['id', 'jsonrpc', 'method', 'params', '__proto__'].includes(k)),
      fc.jsonValue({ maxDepth: 2 }),
      { minKeys: 1, maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(extra, extra, async (atEnvelope, atParams) => {
        const payload = JSON.stringify({
          ...atEnvelope,
          jsonrpc: '2.0',
          id: 5,
          method: 'GetTask',
          params: { ...atParams, id: 'missing' },
        });
        const body = checkRpc(await call({ payload, headers: V1 }), false);
        expect(body).toMatchObject({ id: 5, error: { code: -32001 } });
      }),
      { numRuns: RUNS },
    );
  });

  it('a message with unknown fields is still served', async () => {
    const extra = fc.dictionary(
      fc.constantFrom('x-custom', 'priority', 'kind', 'foo', 'trace'),
      fc.jsonValue({ maxDepth: 2 }),
      { minKeys: 1, maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(extra, async (fields) => {
        const params = {
          message: {
            ...fields,
            messageId: `m-${Math.random()}`,
            role: 'ROLE_USER',
            parts: [{ text: 'echo hi' }],
          },
        };
        const body = checkRpc(await call({ payload: rpcBody('SendMessage', params), headers: V1 }), true);
        expect((body?.['result'] as { task: { status: { state: string } } }).task.status.state).toBe(
          'TASK_STATE_COMPLETED',
        );
      }),
      { numRuns: 30 },
    );
  });

  it('any A2A-Version header is either served or VersionNotSupported (-32009)', async () => {
    const version = fc.oneof(
      fc.constantFrom('1.0', '1.0.1', '0.3', '0.3.0', '1', '9.9', '0.2', '1.1', '', ' ', 'v1.0', '1.0-beta'),
      fc.string({ maxLength: 8 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
    );
    await fc.assert(
      fc.asyncProperty(version, async (v) => {
        const res = await call({
          payload: rpcBody('GetTask', { id: 'missing' }, 9),
          headers: { 'A2A-Version': v },
        });
        const body = checkRpc(res, false);
        expect([-32001, -32009, -32601, -32602]).toContain((body?.['error'] as { code: number }).code);
      }),
      { numRuns: RUNS },
    );
  });

  it('any Content-Type is read as JSON (the binding has one body format)', async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/a2a+json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
      ),
      fc.stringMatching(/^[a-z]{1,8}\/[a-z+.-]{1,12}$/),
    );
    await fc.assert(
      fc.asyncProperty(contentType, async (type) => {
        const res = await call({
          payload: rpcBody('GetTask', { id: 'missing' }, 4),
          headers: { ...V1, 'content-type': type },
        });
        expect(checkRpc(res, false)).toMatchObject({ id: 4, error: { code: -32001 } });
      }),
      { numRuns: 60 },
    );
  });

  it('nesting deeper than 64 levels is refused before parsing (-32600)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 65, max: 20_000 }),
        fc.constantFrom('[', '{"a":'),
        async (depth, open) => {
          const close = open === '[' ? ']' : '}';
          const payload = rpcBody('GetTask', '__NEST__').replace(
            '"__NEST__"',
            open.repeat(depth) + '1' + close.repeat(depth),
          );
          const body = checkRpc(await call({ payload, headers: V1 }), false);
          expect(body?.['error']).toMatchObject({ code: -32600 });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('invalid UTF-8 is a parse error (-32700)', async () => {
    const invalid = fc.constantFrom(
      [0xff],
      [0xc0, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xe2, 0x82], // truncated
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0x80],
    );
    await fc.assert(
      fc.asyncProperty(invalid, fc.nat(40), async (bytes, at) => {
        const valid = Buffer.from(rpcBody('GetTask', { id: 'abcdefgh' }));
        const pos = Math.min(at, valid.length);
        const payload = Buffer.concat([valid.subarray(0, pos), Buffer.from(bytes), valid.subarray(pos)]);
        const body = checkRpc(await call({ payload, headers: V1 }), false);
        expect(body?.['error']).toMatchObject({ code: -32700 });
      }),
      { numRuns: RUNS },
    );
  });

  it('a body over the limit is HTTP 413 with a JSON-RPC error body', async () => {
    const payload = rpcBody('SendMessage', {
      message: { messageId: 'big', role: 'ROLE_USER', parts: [{ text: 'x'.repeat(BODY_LIMIT) }] },
    });
    const res = await call({ payload, headers: V1 });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
  });
});

describe('HTTP+JSON binding', () => {
  const routes: { method: 'GET' | 'POST' | 'DELETE'; url: string; body: boolean }[] = [
    { method: 'POST', url: '/message:send', body: true },
    { method: 'POST', url: '/message:stream', body: true },
    { method: 'POST', url: '/tasks/missing:cancel', body: true },
    { method: 'POST', url: '/tasks/missing:subscribe', body: true },
    { method: 'POST', url: '/tasks/missing/pushNotificationConfigs', body: true },
    { method: 'GET', url: '/tasks', body: false },
    { method: 'GET', url: '/tasks/missing', body: false },
    { method: 'GET', url: '/tasks/missing/pushNotificationConfigs/c-1', body: false },
    { method: 'DELETE', url: '/tasks/missing/pushNotificationConfigs/c-1', body: false },
  ];
  const withBody = routes.filter((r) => r.body);

  it('malformed or non-JSON bodies get 4xx google.rpc.Status answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withBody), notJson, async (route, payload) => {
        checkRest(await call({ method: route.method, url: route.url, payload, headers: V1 }));
      }),
      { numRuns: RUNS },
    );
  });

  it('random JSON bodies are served or refused with a google.rpc.Status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withBody), fc.jsonValue({ maxDepth: 4 }), async (route, value) => {
        checkRest(
          await call({ method: route.method, url: route.url, payload: JSON.stringify(value), headers: V1 }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('SendMessage with one wrong, missing or odd field', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(V1_TEMPLATES['SendMessage'] as Record<string, unknown>), async (body) => {
        checkRest(await call({ url: '/message:send', payload: JSON.stringify(body), headers: V1 }));
      }),
      { numRuns: RUNS },
    );
  });

  it('any id in the path, escaped or not, gets a google.rpc.Status (414 when over maxParamLength)', async () => {
    // Dot segments are excluded: clients resolve them before sending (`/tasks/..` is `/`).
    const segment = fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 300 }).map(encodeURIComponent),
        fc.stringMatching(/^[A-Za-z0-9:._~%-]{1,120}$/),
      )
      .filter((s) => s !== '.' && s !== '..');
    const shape = fc.constantFrom(
      (id: string) => ({ method: 'GET' as const, url: `/tasks/${id}` }),
      (id: string) => ({ method: 'POST' as const, url: `/tasks/${id}` }),
      (id: string) => ({ method: 'POST' as const, url: `/tasks/${id}:cancel` }),
      (id: string) => ({ method: 'GET' as const, url: `/tasks/${id}/pushNotificationConfigs` }),
      (id: string) => ({ method: 'GET' as const, url: `/tasks/missing/pushNotificationConfigs/${id}` }),
      (id: string) => ({ method: 'DELETE' as const, url: `/tasks/${id}/pushNotificationConfigs/${id}` }),
    );
    await fc.assert(
      fc.asyncProperty(segment, shape, async (id, make) => {
        checkRest(await call({ ...make(id), headers: V1 }), false, new Set([...REST_STATUSES, 414]));
      }),
      { numRuns: RUNS },
    );
  });

  it('ListTasks with random query values', async () => {
    const keys = [
      'contextId',
      'status',
      'pageSize',
      'pageToken',
      'historyLength',
      'statusTimestampAfter',
      'includeArtifacts',
      'other',
    ];
    const query = fc.dictionary(
      fc.constantFrom(...keys),
      fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)),
      {
        maxKeys: 4,
      },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        checkRest(await call({ method: 'GET', url: `/tasks?${new URLSearchParams(q)}`, headers: V1 }));
      }),
      { numRuns: RUNS },
    );
  });

  it('deep nesting and invalid UTF-8 are 400', async () => {
    const deep = '{"message":' + '['.repeat(100) + ']'.repeat(100) + '}';
    checkRest(await call({ url: '/message:send', payload: deep, headers: V1 }), false);
    const bad = Buffer.concat([Buffer.from('{"message":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await call({ url: '/message:send', payload: bad, headers: V1 });
    checkRest(res, false);
    expect(res.statusCode).toBe(400);
  });

  it('a body over the limit is 413 with a google.rpc.Status', async () => {
    const res = await call({
      url: '/message:send',
      payload: `{"pad":"${'x'.repeat(BODY_LIMIT)}"}`,
      headers: V1,
    });
    expect(res.statusCode).toBe(413);
    checkRest(res, false);
  });

  it('an unsupported A2A-Version is 400 VERSION_NOT_SUPPORTED on every route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), async (route) => {
        const res = await call({
          method: route.method,
          url: route.url,
          headers: { 'A2A-Version': '9.9' },
          ...(route.body ? { payload: '{}' } : {}),
        });
        checkRest(res, false);
        expect(res.json()).toMatchObject({ error: { details: [{ reason: 'VERSION_NOT_SUPPORTED' }] } });
      }),
      { numRuns: routes.length * 2 },
    );
  });
});

describe('over a real socket', () => {
  async function post(
    path: string,
    body: NonNullable<RequestInit['body']>,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...V1, ...headers },
      body,
      signal: AbortSignal.timeout(5_000),
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: res.status, body: (await res.json()) as WireBody };
  }

  it('oversize JSON-RPC body: 413 and a JSON-RPC error', async () => {
    const { status, body } = await post('/', rpcBody('GetTask', { id: 'x'.repeat(BODY_LIMIT) }));
    expect(status).toBe(413);
    expect(body).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
  });

  it('oversize chunked HTTP+JSON body without Content-Length: 413 google.rpc.Status', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    const stream = Readable.toWeb(
      new Readable({
        read() {
          sent += chunk.length;
          this.push(sent > BODY_LIMIT * 2 ? null : chunk);
        },
      }),
    ) as ReadableStream<Uint8Array>;
    const { status, body } = await post('/message:send', stream);
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 413 });
  });

  it('garbage and a broken UTF-8 body over HTTP', async () => {
    const garbage = await post('/', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(garbage.status).toBe(200);
    expect(garbage.body).toMatchObject({ error: { code: -32700 } });
    const rest = await post('/message:send', '{"message": [1, 2,');
    expect(rest.status).toBe(400);
    expect(rest.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
  });

  it('still serves a valid request after all of the above', async () => {
    const { status, body } = await post(
      '/',
      rpcBody('SendMessage', {
        message: { messageId: 'after', role: 'ROLE_USER', parts: [{ text: 'echo alive' }] },
      }),
    );
    expect(status).toBe(200);
    expect(body.result?.task.status.state).toBe('TASK_STATE_COMPLETED');
  });
});
