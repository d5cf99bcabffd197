import { context, propagation, trace, type Context, type Span } from '@opentelemetry/api';
import {
  activeHttpServerCall,
  extractTraceMeta,
  recordA2AError,
  runInContext,
  setA2ATaskAttributes,
  startA2AServerSpan,
  type A2AServerSpanAttributes,
  type A2ATaskAttributes,
} from '@a2a-platform/telemetry';

/** Where an incoming call came from: its HTTP headers, read for W3C `traceparent`/`tracestate`. */
export type TraceCarrier = Readonly<Record<string, unknown>>;

/**
 * The parent of a call's span: the active span when there is one, else the caller's span named by the
 * carrier, through the global propagator (what `OTEL_PROPAGATORS` configures) or, when that one is a
 * no-op (telemetry not started, as in jest), W3C trace context.
 */
function parentOf(carrier: TraceCarrier | undefined): Context {
  const active = context.active();
  if (!carrier || trace.getSpan(active)) return active;
  const extracted = propagation.extract(active, carrier);
  return trace.getSpan(extracted) ? extracted : extractTraceMeta(carrier, active);
}

/**
 * The server span of one A2A call (`A2A {method}`, see `startA2AServerSpan`), held open by the binding
 * until the answer is sent: for unary methods when the response is ready, for streams when the stream
 * ends (so the span records the task's last state and any error after the first event). It is the
 * request's SERVER span: the A2A routes get no `@fastify/otel` span, and it records the HTTP facts the
 * route put in the context (`runInHttpServerCall`). Work run through {@link CallTrace.run} sees the span
 * as active and, once the call's task is known, that task id in log lines. Telemetry failures never
 * reach the call: a span that could not start is a no-op.
 */
export class CallTrace {
  private taskId: string | undefined;
  private ended = false;

  private constructor(
    private readonly span: Span | undefined,
    private readonly ctx: Context,
  ) {}

  /** Starts the span under the active span or, when none is active, under the carrier's remote parent. */
  static open(method: string, attrs: A2AServerSpanAttributes, carrier?: TraceCarrier): CallTrace {
    let opened: CallTrace;
    try {
      const parent = parentOf(carrier);
      const http = activeHttpServerCall();
      const span = startA2AServerSpan(method, http ? { ...attrs, http } : attrs, parent);
      opened = new CallTrace(span, trace.setSpan(parent, span));
    } catch {
      // Telemetry is broken; the call goes on untraced.
      opened = new CallTrace(undefined, context.active());
    }
    opened.taskId = attrs.taskId;
    return opened;
  }

  /** Records task fields as they become known; a task id also scopes later {@link run} calls. */
  task(attrs: A2ATaskAttributes | undefined): void {
    if (!attrs) return;
    if (attrs.taskId) this.taskId = attrs.taskId;
    if (this.span && !this.ended) setA2ATaskAttributes(attrs, this.span);
  }

  /** Records an error answered to the client (or sent on a stream) without ending the span. */
  error(err: unknown): void {
    if (this.span && !this.ended) recordA2AError(err, this.span);
  }

  /** Runs `fn` with the span active and the call's task id (when known) in scope. */
  run<T>(fn: () => T): T {
    return this.taskId
      ? runInContext({ otel: this.ctx, taskId: this.taskId }, fn)
      : context.with(this.ctx, fn);
  }

  /** Ends the span, as failed when `error` is given; later calls do nothing. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.span) return;
    if (error !== undefined) recordA2AError(error, this.span);
    try {
      this.span.end();
    } catch {
      // Best effort, like every span.
    }
  }
}
