import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { startSpanReceiver, type SpanReceiver } from './otlp-receiver.js';

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

  it('rejects protobuf, broken JSON and unknown paths, and counts them as rejected', async () => {
    const proto = { 'content-type': 'application/x-protobuf' };
    const json = { 'content-type': 'application/json' };
    expect(await post(receiver.url, '/v1/traces', Buffer.from([1, 2, 3]), proto)).toBe(415);
    expect(await post(receiver.url, '/v1/traces', '{"resourceSpans": [', json)).toBe(400);
    expect(await post(receiver.url, '/v1/logs', '{}', json)).toBe(404);
    expect(receiver.counts()).toMatchObject({ spans: 0, tracePosts: 0, rejectedPosts: 3 });
  });
});
