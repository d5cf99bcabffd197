import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { tallyProtobufSpans } from './otlp-protobuf-tally.js';
import type { RoleChannel } from '../bench-process.js';
import { processCpuSeconds } from '../redis-cpu.js';

/** What the receiver has counted so far. */
export interface ReceiverCounts {
  readonly spans: number;
  /** Distinct trace ids among the spans. */
  readonly traces: number;
  readonly tracePosts: number;
  readonly metricsPosts: number;
  /** Posts it could not read (unknown encoding, undecodable body, unknown path): each one means lost telemetry. */
  readonly rejectedPosts: number;
}

/** The counts plus the spans per name (only when asked for: it grows with the names). */
export interface ReceiverReport extends ReceiverCounts {
  readonly spansByName: Record<string, number>;
}

/** A running receiver. */
export interface SpanReceiver {
  /** Base URL for `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly url: string;
  readonly port: number;
  counts(): ReceiverCounts;
  report(): ReceiverReport;
  close(): Promise<void>;
}

interface TracesBody {
  resourceSpans?: { scopeSpans?: { spans?: { traceId?: string; name?: string }[] }[] }[];
}

/** Adds the spans of one OTLP/JSON traces body to the tallies; returns how many it held. */
export function tallySpans(body: unknown, traceIds: Set<string>, byName: Map<string, number>): number {
  let spans = 0;
  for (const rs of (body as TracesBody).resourceSpans ?? []) {
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        spans += 1;
        if (span.traceId) traceIds.add(span.traceId);
        const name = span.name ?? '';
        byName.set(name, (byName.get(name) ?? 0) + 1);
      }
    }
  }
  return spans;
}

const isProtobuf = (contentType: string) => contentType.includes('application/x-protobuf');

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A minimal OTLP/HTTP collector: accepts protobuf or JSON (optionally gzipped) on `POST /v1/traces` and
 * `POST /v1/metrics`, counts the spans, trace ids and span names of every traces body and throws
 * everything else away. Protobuf bodies are walked field by field without building messages (see
 * `tallyProtobufSpans`), JSON bodies parsed. A body of another type gets 415, one that does not decode 400,
 * so a misconfigured exporter shows up as rejected posts instead of silently passing.
 */
export async function startSpanReceiver(): Promise<SpanReceiver> {
  const traceIds = new Set<string>();
  const byName = new Map<string, number>();
  let spans = 0;
  let tracePosts = 0;
  let metricsPosts = 0;
  let rejectedPosts = 0;

  const sighted = ({ traceId, name }: { traceId: string; name: string }): void => {
    if (traceId) traceIds.add(traceId);
    byName.set(name, (byName.get(name) ?? 0) + 1);
  };
  /** The spans of one traces body, added to the tallies; throws when the body does not decode. */
  const tally = (type: string, bytes: Buffer): number =>
    isProtobuf(type)
      ? tallyProtobufSpans(bytes, sighted)
      : tallySpans(JSON.parse(bytes.toString('utf8')), traceIds, byName);

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    readBody(req).then(
      (raw) => {
        if (req.method !== 'POST' || (path !== '/v1/traces' && path !== '/v1/metrics')) {
          rejectedPosts += 1;
          res.writeHead(404).end();
          return;
        }
        const type = String(req.headers['content-type'] ?? '');
        if (!isProtobuf(type) && !type.includes('json')) {
          rejectedPosts += 1;
          res.writeHead(415).end();
          return;
        }
        try {
          const bytes = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
          if (path === '/v1/traces') spans += tally(type, bytes);
        } catch {
          rejectedPosts += 1;
          res.writeHead(400).end();
          return;
        }
        if (path === '/v1/traces') tracePosts += 1;
        else metricsPosts += 1;
        // An empty answer is a valid export response in either encoding.
        if (isProtobuf(type)) res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const counts = (): ReceiverCounts => ({
    spans,
    traces: traceIds.size,
    tracePosts,
    metricsPosts,
    rejectedPosts,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counts,
    report: () => ({ ...counts(), spansByName: Object.fromEntries(byName) }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The receiver in its own process (so its parsing does not run on the server's event loop): reports
 * `listening` with its port, answers `counts` with its counts and CPU seconds, `report` with the spans
 * per name as well, and closes at `stop`.
 */
export async function otlpReceiverRole(_params: unknown, channel: RoleChannel): Promise<void> {
  const receiver = await startSpanReceiver();
  channel.send({ type: 'listening', port: receiver.port });
  try {
    for (;;) {
      const message = await channel.next();
      if (message.type === 'stop') return;
      if (message.type === 'counts') {
        channel.send({ type: 'counts', ...receiver.counts(), cpuSeconds: processCpuSeconds() });
      }
      if (message.type === 'report') {
        channel.send({ type: 'report', ...receiver.report(), cpuSeconds: processCpuSeconds() });
      }
    }
  } finally {
    await receiver.close();
  }
}
