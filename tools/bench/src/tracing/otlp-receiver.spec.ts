import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { startSpanReceiver, type SpanReceiver } from './otlp-receiver.js';

/** A protobuf traces body as the SDK encodes it: `roots` traces, each a root span and one child. */
async function protobufBody(roots: number): Promise<Buffer> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('bench-test');
  for (let i = 0; i < roots; i++) {
    const root = tracer.startSpan('A2A SendMessage');
    const attributes = { 'gen_ai.tool.name': 'check_stock' };
    tracer.startSpan('tools/call check_stock', { attributes }, trace.setSpan(ROOT_CONTEXT, root)).end();
    root.end();
  }
  const body = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans());
  await provider.shutdown();
  return Buffer.from(body ?? new Uint8Array());
}

function tracesBody(spans: { traceId: string; name: string }[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bench-agent' } }] },
        scopeSpans: [
          { scope: { name: 'http' }, spans: spans.slice(0, 1).map((s, i) => ({ ...s, spanId: `s${i}` })) },
          { scope: { name: 'a2a' }, spans: spans.slice(1).map((s, i) => ({ ...s, spanId: `t${i}` })) },
        ],
      },
    ],
  });
}

function post(
  url: string,
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('startSpanReceiver', () => {
  let receiver: SpanReceiver;

  beforeEach(async () => {
    receiver = await startSpanReceiver();
  });

  afterEach(() => receiver.close());

  it('counts the spans, traces and names of JSON trace posts, gzipped or not', async () => {
    const json = { 'content-type': 'application/json' };
    const first = tracesBody([
      { traceId: 'a', name: 'POST' },
      { traceId: 'a', name: 'A2A SendMessage' },
      { traceId: 'b', name: 'A2A SendMessage' },
    ]);
    const second = gzipSync(tracesBody([{ traceId: 'c', name: 'POST' }]));
    expect(await post(receiver.url, '/v1/traces', first, json)).toBe(200);
    expect(await post(receiver.url, '/v1/traces', second, { ...json, 'content-encoding': 'gzip' })).toBe(200);
    expect(receiver.report()).toEqual({
      spans: 4,
      traces: 3,
      tracePosts: 2,
      metricsPosts: 0,
      rejectedPosts: 0,
      spansByName: { POST: 2, 'A2A SendMessage': 2 },
    });
  });

  it('accepts metrics posts without counting spans', async () => {
    const status = await post(receiver.url, '/v1/metrics', JSON.stringify({ resourceMetrics: [] }), {
      'content-type': 'application/json',
    });
    expect(status).toBe(200);
    expect(receiver.counts()).toMatchObject({ spans: 0, metricsPosts: 1, rejectedPosts: 0 });
  });

  it('counts the spans, traces and names of protobuf trace posts', async () => {
    const proto = { 'content-type': 'application/x-protobuf' };
    expect(await post(receiver.url, '/v1/traces', await protobufBody(3), proto)).toBe(200);
    expect(
      await post(receiver.url, '/v1/traces', gzipSync(await protobufBody(1)), {
        ...proto,
        'content-encoding': 'gzip',
      }),
    ).toBe(200);
    expect(receiver.report()).toEqual({
      spans: 8,
      traces: 4,
      tracePosts: 2,
      metricsPosts: 0,
      rejectedPosts: 0,
      spansByName: { 'A2A SendMessage': 4, 'tools/call check_stock': 4 },
    });
  });

  it('rejects truncated protobuf, broken JSON, other types and unknown paths, and counts them', async () => {
    const proto = { 'content-type': 'application/x-protobuf' };
    const json = { 'content-type': 'application/json' };
    const whole = await protobufBody(2);
    expect(await post(receiver.url, '/v1/traces', whole.subarray(0, whole.length - 5), proto)).toBe(400);
    expect(await post(receiver.url, '/v1/traces', '{"resourceSpans": [', json)).toBe(400);
    expect(await post(receiver.url, '/v1/traces', 'spans', { 'content-type': 'text/plain' })).toBe(415);
    expect(await post(receiver.url, '/v1/logs', '{}', json)).toBe(404);
    expect(receiver.counts()).toMatchObject({ spans: 0, tracePosts: 0, rejectedPosts: 4 });
  });
});
