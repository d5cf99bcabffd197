/**
 * Streams that drop before their task settles: a scripted server that cuts the connection, and a proxy
 * that cuts the official SDK server's stream mid-way.
 */
import type { ServerResponse } from 'node:http';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentCard, StreamResponse } from '@a2a-platform/a2a-protocol';
import {
  A2AClient,
  A2ATransportError,
  type A2AClientOptions,
  type ClientBinding,
  type ClientProtocolVersion,
} from '../src/index.js';
import { startLocalServer, type LocalServer, type RecordedRequest } from './local-server.js';
import { startSdkAgent, type SdkAgent } from './sdk-agent.fixture.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:01.000Z';
const T2 = '2026-01-01T00:00:02.000Z';

const submittedTask = { id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_SUBMITTED', timestamp: T0 } };
const working = {
  statusUpdate: { taskId: 't1', contextId: 'c1', status: { state: 'TASK_STATE_WORKING', timestamp: T1 } },
};
const artifact = {
  artifactUpdate: {
    taskId: 't1',
    contextId: 'c1',
    artifact: { artifactId: 'a1', parts: [{ text: 'result' }] },
  },
};
const completed = {
  statusUpdate: { taskId: 't1', contextId: 'c1', status: { state: 'TASK_STATE_COMPLETED', timestamp: T2 } },
};

function cardFor(url: string): AgentCard {
  return {
    name: 'scripted',
    description: '',
    supportedInterfaces: [{ url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    version: '1',
    capabilities: { streaming: true },
    defaultInputModes: [],
    defaultOutputModes: [],
    skills: [],
  };
}

function openSse(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
}

function sse(res: ServerResponse, rpcId: unknown, result: unknown, eventId?: string): void {
  res.write(
    `${eventId ? `id: ${eventId}\n` : ''}data: ${JSON.stringify({ jsonrpc: '2.0', id: rpcId, result })}\n\n`,
  );
}

/** Flushes what was written, then kills the socket without ending the chunked body. */
function drop(res: ServerResponse): void {
  res.write(': bye\n\n', () => res.socket?.destroy());
}

function rpc(req: RecordedRequest): { id: unknown; method: string; params: Record<string, unknown> } {
  return JSON.parse(req.body) as { id: unknown; method: string; params: Record<string, unknown> };
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

const sendRequest = { message: { messageId: 'm1', role: 'ROLE_USER' as const, parts: [{ text: 'go' }] } };
const fastResume: A2AClientOptions = { resume: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5 } };

describe('resuming a dropped stream (scripted server)', () => {
  let server: LocalServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const methods = () => (server?.requests ?? []).map((r) => rpc(r).method);

  it('resubscribes with Last-Event-ID, skips the unchanged snapshot, and ends at the terminal state', async () => {
    server = await startLocalServer((req, res) => {
      const { id, method } = rpc(req);
      openSse(res);
      if (method === 'SendStreamingMessage') {
        sse(res, id, { task: submittedTask }, 'e1');
        sse(res, id, working, 'e2');
        drop(res);
      } else {
        sse(res, id, { task: { ...submittedTask, status: working.statusUpdate.status } }, 'e3');
        sse(res, id, artifact, 'e4');
        sse(res, id, completed, 'e5');
        res.end();
      }
    });
    const client = A2AClient.fromCard(cardFor(server.url), fastResume);
    const events = await collect(client.sendStreamingMessage(sendRequest));
    expect(kinds(events)).toEqual([
      'task:TASK_STATE_SUBMITTED',
      'status:TASK_STATE_WORKING',
      'artifact:a1',
      'status:TASK_STATE_COMPLETED',
    ]);
    expect(methods()).toEqual(['SendStreamingMessage', 'SubscribeToTask']);
    const subscribe = server.requests[1];
    expect(subscribe?.headers['last-event-id']).toBe('e2');
    expect(subscribe && rpc(subscribe).params).toEqual({ id: 't1' });
  });

  it('delivers the snapshot when it carries what was missed', async () => {
    const finishedArtifact = { artifactId: 'a1', parts: [{ text: 'result' }] };
    server = await startLocalServer((req, res) => {
      const { id, method } = rpc(req);
      openSse(res);
      if (method === 'SendStreamingMessage') {
        sse(res, id, { task: submittedTask });
        sse(res, id, working);
        drop(res);
      } else {
        const snapshot = {
          ...submittedTask,
          status: working.statusUpdate.status,
          artifacts: [finishedArtifact],
        };
        sse(res, id, { task: snapshot });
        sse(res, id, completed);
        res.end();
      }
    });
    const client = A2AClient.fromCard(cardFor(server.url), fastResume);
    const events = await collect(client.sendStreamingMessage(sendRequest));
    expect(kinds(events)).toEqual([
      'task:TASK_STATE_SUBMITTED',
      'status:TASK_STATE_WORKING',
      'task:TASK_STATE_WORKING',
      'status:TASK_STATE_COMPLETED',
    ]);
    expect(server.requests[1]?.headers['last-event-id']).toBeUndefined();
  });

  it('treats a clean close before the task settles as a drop', async () => {
    server = await startLocalServer((req, res) => {
      const { id, method } = rpc(req);
      openSse(res);
      if (method === 'SendStreamingMessage') sse(res, id, { task: submittedTask });
      else {
        sse(res, id, { task: submittedTask });
        sse(res, id, completed);
      }
      res.end();
    });
    const client = A2AClient.fromCard(cardFor(server.url), fastResume);
    const events = await collect(client.sendStreamingMessage(sendRequest));
    expect(kinds(events)).toEqual(['task:TASK_STATE_SUBMITTED', 'status:TASK_STATE_COMPLETED']);
  });

  it('reads the task when it settled while the stream was down (subscribe refuses terminal tasks)', async () => {
    server = await startLocalServer((req, res) => {
      const { id, method } = rpc(req);
      if (method === 'SendStreamingMessage') {
        openSse(res);
        sse(res, id, { task: submittedTask });
        drop(res);
      } else if (method === 'SubscribeToTask') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32004, message: 'task is terminal' } }));
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const task = {
          ...submittedTask,
          status: completed.statusUpdate.status,
          artifacts: [artifact.artifactUpdate.artifact],
        };
        res.end(JSON.stringify({ jsonrpc: '2.0', id, result: task }));
      }
    });
    const client = A2AClient.fromCard(cardFor(server.url), fastResume);
    const events = await collect(client.sendStreamingMessage(sendRequest));
    expect(kinds(events)).toEqual(['task:TASK_STATE_SUBMITTED', 'task:TASK_STATE_COMPLETED']);
    expect(methods()).toEqual(['SendStreamingMessage', 'SubscribeToTask', 'GetTask']);
  });

  it('gives up after maxAttempts resubscriptions that bring nothing', async () => {
    server = await startLocalServer((req, res) => {
      const { id, method } = rpc(req);
      openSse(res);
      if (method === 'SendStreamingMessage') sse(res, id, { task: submittedTask });
      drop(res);
    });
    const client = A2AClient.fromCard(cardFor(server.url), fastResume);
    const err = await collect(client.sendStreamingMessage(sendRequest)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(A2ATransportError);
    expect(err).toMatchObject({ code: 'STREAM_LOST', url: server.url });
    expect(methods()).toEqual(['SendStreamingMessage', 'SubscribeToTask', 'SubscribeToTask']);
  });

  it('does not resume when resumption is off, nor before any task was seen', async () => {
    server = await startLocalServer((req, res) => {
      const { id, method } = rpc(req);
      openSse(res);
      if (method === 'SendStreamingMessage' && req.body.includes('with-task'))
        sse(res, id, { task: submittedTask });
      drop(res);
    });
    const off = A2AClient.fromCard(cardFor(server.url), { resume: false });
    const withTask = { message: { ...sendRequest.message, parts: [{ text: 'with-task' }] } };
    await expect(collect(off.sendStreamingMessage(withTask))).rejects.toMatchObject({ code: 'STREAM_LOST' });
    const on = A2AClient.fromCard(cardFor(server.url), fastResume);
    await expect(collect(on.sendStreamingMessage(sendRequest))).rejects.toMatchObject({
      code: 'STREAM_LOST',
    });
    expect(methods()).toEqual(['SendStreamingMessage', 'SendStreamingMessage']);
  });

  it('stops at an interrupted state in a send stream, but not at an interrupted snapshot opening a subscription', async () => {
    const inputRequired = { state: 'TASK_STATE_INPUT_REQUIRED', timestamp: T1 };
    server = await startLocalServer((req, res) => {
      const { id, method } = rpc(req);
      openSse(res);
      if (method === 'SendStreamingMessage') {
        sse(res, id, { task: submittedTask });
        sse(res, id, { statusUpdate: { taskId: 't1', contextId: 'c1', status: inputRequired } });
        sse(res, id, completed); // must not be read: the stream ended at input-required
      } else {
        sse(res, id, { task: { ...submittedTask, status: inputRequired } });
        sse(res, id, completed);
      }
      res.end();
    });
    const client = A2AClient.fromCard(cardFor(server.url), fastResume);
    const sent = await collect(client.sendStreamingMessage(sendRequest));
    expect(kinds(sent)).toEqual(['task:TASK_STATE_SUBMITTED', 'status:TASK_STATE_INPUT_REQUIRED']);
    const subscribed = await collect(client.subscribeToTask({ id: 't1' }));
    expect(kinds(subscribed)).toEqual(['task:TASK_STATE_INPUT_REQUIRED', 'status:TASK_STATE_COMPLETED']);
  });
  it('ends a subscription cleanly when the server closes it after an interrupted snapshot', async () => {
    const inputRequired = { state: 'TASK_STATE_INPUT_REQUIRED', timestamp: T1 };
    server = await startLocalServer((req, res) => {
      const { id } = rpc(req);
      openSse(res);
      sse(res, id, { task: { ...submittedTask, status: inputRequired } });
      res.end();
    });
    const client = A2AClient.fromCard(cardFor(server.url), fastResume);
    const subscribed = await collect(client.subscribeToTask({ id: 't1' }));
    expect(kinds(subscribed)).toEqual(['task:TASK_STATE_INPUT_REQUIRED']);
    // Not taken for a lost connection: no resubscription.
    expect(methods()).toEqual(['SubscribeToTask']);
  });
});

/** Forwards to `target`; the first streaming send has its response cut after `cutAfterEvents` events. */
async function startCuttingProxy(
  target: string,
  cutAfterEvents: number,
): Promise<{ url: string; cuts: number; close(): Promise<void> }> {
  const state = { cuts: 0 };
  const targetUrl = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const isSend =
        text.includes('SendStreamingMessage') ||
        text.includes('message/stream') ||
        (req.url ?? '').endsWith('/message:stream');
      const cut = isSend && state.cuts === 0;
      if (cut) state.cuts++;
      const upstream = httpRequest(
        {
          host: targetUrl.hostname,
          port: targetUrl.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          let seen = 0;
          up.on('data', (chunk: Buffer) => {
            if (!cut) return void res.write(chunk);
            const s = chunk.toString('utf8');
            // Forward whole events only, then kill the client's connection.
            for (const piece of s.split(/(?<=\n\n)/)) {
              if (seen >= cutAfterEvents) break;
              res.write(piece);
              if (piece.endsWith('\n\n') && piece.includes('data:')) seen++;
            }
            if (seen >= cutAfterEvents) {
              up.destroy();
              res.write('', () => res.socket?.destroy());
            }
          });
          up.on('end', () => res.end());
        },
      );
      upstream.on('error', () => res.socket?.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get cuts() {
      return state.cuts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each<[string, ClientBinding, ClientProtocolVersion]>([
  ['JSON-RPC v1.0', 'JSONRPC', '1.0'],
  ['HTTP+JSON v1.0', 'HTTP+JSON', '1.0'],
  ['JSON-RPC v0.3', 'JSONRPC', '0.3'],
])('resuming against the official SDK server (%s)', (_name, binding, version) => {
  let agent: SdkAgent;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    agent = await startSdkAgent();
  });

  afterAll(async () => {
    await agent.close();
    consoleError.mockRestore();
  });

  it('picks the stream up again through the subscribe operation and sees the task complete', async () => {
    const proxy = await startCuttingProxy(agent.baseUrl, 2);
    try {
      const card = await A2AClient.connect(agent.baseUrl).then((c) => c.card);
      const proxied: AgentCard = {
        ...card,
        supportedInterfaces: card.supportedInterfaces.map((i) => ({
          ...i,
          url: i.url.replace(agent.baseUrl, proxy.url),
        })),
      };
      const client = A2AClient.fromCard(proxied, {
        preferredBindings: [binding],
        preferredVersions: [version],
        resume: { maxAttempts: 3, initialDelayMs: 1 },
      });
      const events = await collect(
        client.sendStreamingMessage({
          message: { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text: 'slow' }] },
        }),
      );
      expect(proxy.cuts).toBe(1);
      expect(kinds(events).slice(0, 2)).toEqual(['task:TASK_STATE_SUBMITTED', 'status:TASK_STATE_WORKING']);
      expect(kinds(events).at(-1)).toMatch(/^(status|task):TASK_STATE_COMPLETED$/);
      const first = events[0];
      const taskId = first && 'task' in first ? first.task.id : '';
      const final = await client.getTask({ id: taskId });
      expect(final.status.state).toBe('TASK_STATE_COMPLETED');
      expect(final.artifacts?.[0]?.parts.map((p) => p.text)).toEqual(['chunk-0', 'chunk-1', 'chunk-2']);
    } finally {
      await proxy.close();
    }
  });
});
