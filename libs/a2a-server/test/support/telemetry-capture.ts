import { Writable } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { loggerMixin } from '@a2a-platform/telemetry';
import pino from 'pino';

/** Finished spans kept in memory by a registered tracer provider. */
export interface SpanCapture {
  spans(): ReadableSpan[];
  /** Finished spans with this name. */
  named(name: string): ReadableSpan[];
  /** Waits (up to `timeoutMs`) for a finished span matching `match`. */
  waitFor(match: (span: ReadableSpan) => boolean, timeoutMs?: number): Promise<ReadableSpan>;
  reset(): void;
  shutdown(): Promise<void>;
}

/**
 * Registers a NodeTracerProvider (AsyncLocalStorage context, W3C propagation) that exports finished spans
 * synchronously to memory. OTel globals last for the jest file: call once, in `beforeAll`.
 */
export function captureSpans(): SpanCapture {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  const spans = () => exporter.getFinishedSpans();
  return {
    spans,
    named: (name) => spans().filter((s) => s.name === name),
    waitFor: (match, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = () => {
          const found = spans().find(match);
          if (found) return resolve(found);
          if (Date.now() > deadline) {
            const names = spans().map((s) => s.name);
            return reject(new Error(`no matching span within ${timeoutMs} ms; have: ${names.join(', ')}`));
          }
          setTimeout(poll, 10);
        };
        poll();
      }),
    reset: () => exporter.reset(),
    shutdown: () => provider.shutdown(),
  };
}

/** A pino logger with the telemetry mixin whose lines land, parsed, in `lines`. */
export function captureLogs(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ mixin: loggerMixin }, sink), lines };
}

/** The value of the first sample of Prometheus `text` whose line starts with `series`, or 0. */
export function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}
