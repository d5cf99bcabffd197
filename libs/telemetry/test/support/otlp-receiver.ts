import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Span kinds as OTLP numbers them (the API's kind plus one). */
const OTLP_SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;

/** A span as received, flattened: attribute values unwrapped from OTLP's `AnyValue`. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: (typeof OTLP_SPAN_KINDS)[number];
  attributes: Record<string, unknown>;
  status: { code: number; message?: string };
  links: { traceId: string; spanId: string }[];
  resource: Record<string, unknown>;
  scope: string;
}

/** One POST the receiver got. */
export interface ReceivedRequest {
  path: string;
  contentType: string;
  body: unknown;
}

/** An in-test OTLP/HTTP collector: JSON bodies on /v1/traces, /v1/metrics and /v1/logs. */
export interface OtlpReceiver {
  /** Base URL for `OTEL_EXPORTER_OTLP_ENDPOINT`, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  readonly spans: ReceivedSpan[];
  readonly requests: ReceivedRequest[];
  /** Requests received on one path, e.g. `/v1/logs`. */
  requestsTo(path: string): ReceivedRequest[];
  /** Metric names found in the `/v1/metrics` bodies received so far. */
  metricNames(): string[];
  /** Resolves with the spans once `done(spans)` is true; rejects after `timeoutMs`. */
  waitForSpans(done: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
};
type KeyValue = { key: string; value: AnyValue };

function unwrap(value: AnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(unwrap);
  return undefined;
}

function attributeMap(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, unwrap(kv.value)]));
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  attributes?: KeyValue[];
  status?: { code?: number; message?: string };
  links?: { traceId: string; spanId: string }[];
}
interface TracesBody {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[];
  }[];
}
interface MetricsBody {
  resourceMetrics?: { scopeMetrics?: { metrics?: { name: string }[] }[] }[];
}

function flattenSpans(body: TracesBody): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const resource = attributeMap(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        out.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: OTLP_SPAN_KINDS[span.kind ?? 0] ?? 'UNSPECIFIED',
          attributes: attributeMap(span.attributes),
          status: { code: span.status?.code ?? 0, message: span.status?.message },
          links: (span.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
          resource,
          scope: ss.scope?.name ?? '',
        });
      }
    }
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Starts the receiver on 127.0.0.1 and a free port. OTLP/JSON bodies are decoded (spans, metric names);
 * protobuf bodies are accepted and kept as bytes (`body` is a Buffer); anything else gets 415.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const requests: ReceivedRequest[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0];
      const contentType = String(req.headers['content-type'] ?? '');
      if (req.method !== 'POST' || !path.startsWith('/v1/')) {
        res.writeHead(404).end();
        return;
      }
      const raw = await readBody(req);
      if (contentType.includes('application/x-protobuf')) {
        requests.push({ path, contentType, body: raw });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
        return;
      }
      if (!contentType.includes('json')) {
        requests.push({ path, contentType, body: undefined });
        res.writeHead(415).end();
        return;
      }
      const body: unknown = JSON.parse(raw.toString('utf8'));
      requests.push({ path, contentType, body });
      if (path === '/v1/traces') spans.push(...flattenSpans(body as TracesBody));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    metricNames: () =>
      requests
        .filter((r) => r.path === '/v1/metrics' && r.contentType.includes('json'))
        .flatMap((r) => (r.body as MetricsBody).resourceMetrics ?? [])
        .flatMap((rm) => rm.scopeMetrics ?? [])
        .flatMap((sm) => sm.metrics ?? [])
        .map((m) => m.name),
    waitForSpans: (done, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = () => {
          if (done(spans)) return resolve(spans);
          if (Date.now() > deadline) {
            const names = spans.map((s) => `${s.kind} ${s.name}`).join(', ');
            return reject(new Error(`spans not received within ${timeoutMs} ms; got: ${names || 'none'}`));
          }
          setTimeout(poll, 25);
        };
        poll();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
