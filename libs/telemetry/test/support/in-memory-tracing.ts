import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** A registered tracer provider whose finished spans stay in memory, for in-process span assertions. */
export interface InMemoryTracing {
  readonly exporter: InMemorySpanExporter;
  /** Finished spans so far. */
  spans(): ReadableSpan[];
  /** The one finished span with this name (throws when there is none or several). */
  span(name: string): ReadableSpan;
  shutdown(): Promise<void>;
}

/**
 * Registers a NodeTracerProvider (AsyncLocalStorage context, W3C propagation) exporting synchronously to
 * memory. Globals live per jest test file, so call it once per file, in `beforeAll`.
 */
export function startInMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  return {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    span: (name) => {
      const found = exporter.getFinishedSpans().filter((s) => s.name === name);
      if (found.length !== 1) throw new Error(`expected one span named "${name}", found ${found.length}`);
      return found[0];
    },
    shutdown: () => provider.shutdown(),
  };
}
