/**
 * Telemetry of the A2A client: `invoke_agent` CLIENT spans around every operation (streams until they
 * end), trace context in the requests, and the call duration metric. The scripted agent plays the
 * server's part with telemetry's own server span, parented on the `traceparent` it receives.
 */
import type { ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { A2AError, type AgentCard, type StreamResponse } from '@a2a-platform/a2a-protocol';
import {
  extractTraceMeta,
  metricsRoute,
  runInContext,
  TelemetryAttributes as A,
  withA2AServerSpan,
} from '@a2a-platform/telemetry';
import Fastify, { type FastifyInstance } from 'fastify';
import { A2AClient, type A2AClientOptions } from '../src/index.js';
import { json, startLocalServer, type LocalServer, type RecordedRequest } from './local-server.js';
import { captureSpans, type SpanCapture } from './span-capture.js';

const AGENT = 'scripted';
const CALL_SPAN = `invoke_agent ${AGENT}`;

function cardFor(url: string): AgentCard {
  return {
    name: AGENT,
    description: '',
    supportedInterfaces: [{ url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    version: '1',
    capabilities: { streaming: true },
    defaultInputModes: [],
    defaultOutputModes: [],
    skills: [],
  };
}

const message = { messageId: 'm1', role: 'ROLE_USER' as const, parts: [{ text: 'hi' }], contextId: 'c1' };
const task = (state: string) => ({ id: 't1', contextId: 'c1', status: { state } });
const completed = {
  statusUpdate: { taskId: 't1', contextId: 'c1', status: { state: 'TASK_STATE_COMPLETED' } },
};

function rpcOf(req: RecordedRequest): { id: unknown; method: string } {
  return JSON.parse(req.body) as { id: unknown; method: string };
}

function sse(res: ServerResponse, body: unknown): void {
  res.write(`data: ${JSON.stringify(body)}\n\n`);
}

/** A deferred the scripted agent waits on and the test opens. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** The value of the first Prometheus sample whose line starts with `series`, or 0. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('A2A client telemetry', () => {
  let spans: SpanCapture;
  let metrics: FastifyInstance;
  let server: LocalServer | undefined;

  /** A scripted agent that answers inside an `A2A {method}` server span joined through traceparent. */
  const agent = async (answer: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>) => {
    server = await startLocalServer((req, res) =>
      runInContext({ otel: extractTraceMeta(req.headers), taskId: undefined }, () =>
        withA2AServerSpan(rpcOf(req).method, {}, async () => answer(req, res)),
      ),
    );
    return server;
  };
  const connect = (url: string, options: A2AClientOptions = {}) => A2AClient.fromCard(cardFor(url), options);
  const scrape = async () => (await metrics.inject({ method: 'GET', url: '/metrics' })).body;

  beforeAll(async () => {
    spans = captureSpans();
    metrics = Fastify();
    await metrics.register(metricsRoute);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    spans.reset();
  });
  afterAll(async () => {
    await metrics.close();
    await spans.shutdown();
  });

  it("wraps a call in an invoke_agent CLIENT span whose child, through traceparent, is the agent's span", async () => {
    const { url, requests } = await agent((req, res) =>
      json(res, 200, { jsonrpc: '2.0', id: rpcOf(req).id, result: { task: task('TASK_STATE_COMPLETED') } }),
    );
    await connect(url).sendMessage({ message });

    const call = spans.only(CALL_SPAN);
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(call.attributes).toMatchObject({
      [A.genAiOperationName]: 'invoke_agent',
      [A.genAiAgentName]: AGENT,
      [A.a2aMethod]: 'SendMessage',
      [A.genAiConversationId]: 'c1',
      [A.a2aTaskId]: 't1',
      [A.a2aTaskState]: 'TASK_STATE_COMPLETED',
      [A.serverAddress]: '127.0.0.1',
    });
    const { traceId, spanId } = call.spanContext();
    expect(requests[0].headers['traceparent']).toBe(`00-${traceId}-${spanId}-01`);
    const served = spans.only('A2A SendMessage');
    expect(served.spanContext().traceId).toBe(traceId);
    expect(served.parentSpanContext?.spanId).toBe(spanId);
  });

  it('keeps a traceparent the caller set, and injects through a custom fetch', async () => {
    const { url, requests } = await agent((req, res) =>
      json(res, 200, { jsonrpc: '2.0', id: rpcOf(req).id, result: task('TASK_STATE_WORKING') }),
    );
    const seen: (string | null)[] = [];
    const client = connect(url, {
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get('traceparent'));
        return fetch(input, init);
      },
    });
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await client.getTask({ id: 't1' }, { headers: { traceparent: own } });
    expect(requests[0].headers['traceparent']).toBe(own);

    spans.reset();
    await client.getTask({ id: 't1' });
    const { traceId, spanId } = spans.only(CALL_SPAN).spanContext();
    expect(seen[1]).toBe(`00-${traceId}-${spanId}-01`);
    expect(requests[1].headers['traceparent']).toBe(seen[1]);
  });

  it('sends no trace context when propagation is off or no span is active', async () => {
    const { url, requests } = await agent((req, res) =>
      json(res, 200, { jsonrpc: '2.0', id: rpcOf(req).id, result: task('TASK_STATE_WORKING') }),
    );
    await connect(url, { propagateTraceContext: false }).getTask({ id: 't1' });
    // Straight to the transport: no client span around the request.
    await connect(url).transport.getTask({ id: 't1' });
    expect(requests.map((r) => r.headers['traceparent'])).toEqual([undefined, undefined]);
    expect(spans.only(CALL_SPAN).attributes[A.a2aTaskId]).toBe('t1');
  });

  it('records error.type on failed calls and times calls by outcome', async () => {
    const ok = `a2a_client_call_duration_count{agent="${AGENT}",outcome="ok"`;
    const failed = `a2a_client_call_duration_count{agent="${AGENT}",outcome="error"`;
    const before = await scrape();
    const { url } = await agent((req, res) => {
      const rpc = rpcOf(req);
      if (rpc.method === 'GetTask') {
        json(res, 200, { jsonrpc: '2.0', id: rpc.id, error: { code: -32001, message: 'Task not found' } });
      } else {
        json(res, 200, { jsonrpc: '2.0', id: rpc.id, result: task('TASK_STATE_CANCELED') });
      }
    });
    const client = connect(url);
    await expect(client.getTask({ id: 't9' })).rejects.toBeInstanceOf(A2AError);
    await client.cancelTask({ id: 't1' });

    const [get, cancel] = spans.spans().filter((s) => s.name === CALL_SPAN);
    expect(get.status.code).toBe(SpanStatusCode.ERROR);
    expect(get.attributes).toMatchObject({ [A.a2aMethod]: 'GetTask', [A.a2aTaskId]: 't9' });
    expect(get.attributes[A.errorType]).toBe('TASK_NOT_FOUND');
    expect(cancel.attributes[A.a2aTaskState]).toBe('TASK_STATE_CANCELED');
    const after = await scrape();
    expect(sample(after, ok)).toBe(sample(before, ok) + 1);
    expect(sample(after, failed)).toBe(sample(before, failed) + 1);
  });

  it('holds a stream span until the stream ends, with the task from its events', async () => {
    const release = gate();
    const { url, requests } = await agent(async (req, res) => {
      const { id } = rpcOf(req);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      sse(res, { jsonrpc: '2.0', id, result: { task: task('TASK_STATE_WORKING') } });
      await release.wait;
      sse(res, { jsonrpc: '2.0', id, result: completed });
      res.end();
    });
    const events: StreamResponse[] = [];
    for await (const event of connect(url).sendStreamingMessage({ message })) {
      events.push(event);
      if (events.length === 1) {
        expect(spans.spans().filter((s) => s.name === CALL_SPAN)).toHaveLength(0);
        release.open();
      }
    }
    expect(events).toHaveLength(2);
    const call = spans.only(CALL_SPAN);
    expect(call.attributes).toMatchObject({
      [A.a2aMethod]: 'SendStreamingMessage',
      [A.a2aTaskId]: 't1',
      [A.a2aTaskState]: 'TASK_STATE_COMPLETED',
    });
    expect(call.status.code).not.toBe(SpanStatusCode.ERROR);
    const { traceId, spanId } = call.spanContext();
    expect(requests[0].headers['traceparent']).toBe(`00-${traceId}-${spanId}-01`);
  });

  it('ends a stream span when the consumer stops early, and fails it when the stream fails', async () => {
    const { url } = await agent((req, res) => {
      const { id } = rpcOf(req);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      sse(res, { jsonrpc: '2.0', id, result: { task: task('TASK_STATE_WORKING') } });
      if (req.headers['x-fail'] === 'yes') {
        sse(res, { jsonrpc: '2.0', id, error: { code: -32603, message: 'Internal error' } });
        res.end();
      }
      // Otherwise the stream stays open until the client goes away.
    });
    const client = connect(url);
    for await (const event of client.sendStreamingMessage({ message })) {
      expect('task' in event).toBe(true);
      break;
    }
    const stopped = spans.only(CALL_SPAN);
    expect(stopped.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(stopped.attributes[A.a2aTaskId]).toBe('t1');

    spans.reset();
    const consume = async () => {
      for await (const event of client.sendStreamingMessage({ message }, { headers: { 'x-fail': 'yes' } })) {
        void event;
      }
    };
    await expect(consume()).rejects.toBeInstanceOf(A2AError);
    const failed = spans.only(CALL_SPAN);
    expect(failed.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed.attributes[A.errorType]).toBeDefined();
  });
});
