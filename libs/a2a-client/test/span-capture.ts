import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Finished spans kept in memory by a registered tracer provider. */
export interface SpanCapture {
  spans(): ReadableSpan[];
  /** The one finished span with this name (throws when there is none or several). */
  only(name: string): ReadableSpan;
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
    only: (name) => {
      const found = spans().filter((s) => s.name === name);
      if (found.length !== 1) {
        const names = spans().map((s) => s.name);
        throw new Error(`expected one span "${name}", found ${found.length} among: ${names.join(', ')}`);
      }
      return found[0];
    },
    reset: () => exporter.reset(),
    shutdown: () => provider.shutdown(),
  };
}
