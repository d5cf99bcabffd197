import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeOtlpTraces,
  isOtlpProtobuf,
  type OtlpAnyValue,
  type OtlpKeyValue,
  type OtlpTracesBody,
} from '@a2a-platform/test-support';

// The smallest OTLP/HTTP collector the stack tests need: span batches on /v1/traces, protobuf (what the
// services send by default) or JSON, flattened.

/** OTLP numbers span kinds as the API does, plus one. */
const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;

/** A received span: attribute values unwrapped, the resource's `service.name` alongside. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: (typeof KINDS)[number];
  attributes: Record<string, unknown>;
  service: string;
}

/** An in-test collector on 127.0.0.1 (a free port) for `OTEL_EXPORTER_OTLP_ENDPOINT`. */
export interface SpanReceiver {
  readonly url: string;
  readonly spans: readonly ReceivedSpan[];
  /** Resolves with every span received once `done` holds; rejects after `timeoutMs`. */
  waitFor(done: (spans: readonly ReceivedSpan[]) => boolean, timeoutMs: number): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

function valueOf(v: OtlpAnyValue | undefined): unknown {
  if (!v) return undefined;
  if (v.intValue !== undefined) return Number(v.intValue);
  return v.stringValue ?? v.boolValue ?? v.doubleValue;
}

function attributes(list: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

function flatten(body: OtlpTracesBody): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((rs) => {
    const service = String(attributes(rs.resource?.attributes)['service.name'] ?? '');
    return (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId || undefined,
        name: s.name,
        kind: KINDS[s.kind ?? 0] ?? 'UNSPECIFIED',
        attributes: attributes(s.attributes),
        service,
      })),
    );
  });
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A traces body in either OTLP encoding, in the JSON encoding's shape. */
function tracesOf(contentType: string, body: Buffer): OtlpTracesBody {
  if (isOtlpProtobuf(contentType)) return decodeOtlpTraces(body);
  return JSON.parse(body.toString('utf8')) as OtlpTracesBody;
}

/** Starts the receiver. Metrics and logs posts are accepted and dropped; other than protobuf or JSON gets 415. */
export async function startSpanReceiver(): Promise<SpanReceiver> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    bodyOf(req)
      .then((body) => {
        if (req.method !== 'POST' || !req.url?.startsWith('/v1/')) return void res.writeHead(404).end();
        const type = String(req.headers['content-type']);
        if (!isOtlpProtobuf(type) && !type.includes('json')) return void res.writeHead(415).end();
        if (req.url.startsWith('/v1/traces')) spans.push(...flatten(tracesOf(type, body)));
        // An empty body is a valid export response in both encodings.
        res.writeHead(200, {
          'content-type': isOtlpProtobuf(type) ? 'application/x-protobuf' : 'application/json',
        });
        res.end(isOtlpProtobuf(type) ? undefined : '{}');
      })
      .catch(() => res.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    waitFor: async (done, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (!done(spans)) {
        if (Date.now() > deadline) {
          const names = [...new Set(spans.map((s) => `${s.service}: ${s.kind} ${s.name}`))].join('\n  ');
          throw new Error(`spans not received within ${timeoutMs} ms; got:\n  ${names || 'none'}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return [...spans];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
