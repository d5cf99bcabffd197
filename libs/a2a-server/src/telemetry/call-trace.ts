import { context, trace, type Context, type Span } from '@opentelemetry/api';
import {
  extractTraceMeta,
  recordA2AError,
  runWithTaskId,
  setA2ATaskAttributes,
  withA2AServerSpan,
  type A2AServerSpanAttributes,
  type A2ATaskAttributes,
} from '@a2a-platform/telemetry';

/** Where an incoming call came from: its HTTP headers, read for W3C `traceparent`/`tracestate`. */
export type TraceCarrier = Readonly<Record<string, unknown>>;

/**
 * The server span of one A2A call (`A2A {method}`, see `withA2AServerSpan`), held open by the binding
 * until the answer is sent: for unary methods when the response is ready, for streams when the stream
 * ends (so the span records the task's last state and any error after the first event). Work run through
 * {@link CallTrace.run} sees the span as active and, once the call's task is known, that task id in
 * log lines. Telemetry failures never reach the call: a span that could not start is a no-op.
 */
export class CallTrace {
  private taskId: string | undefined;
  private ended = false;

  private constructor(
    private readonly span: Span | undefined,
    private readonly ctx: Context,
    private readonly settle: (failure?: { error: unknown }) => void,
  ) {}

  /**
   * Starts the span under the active span, or, when none is active (no HTTP instrumentation, as in
   * jest), under the remote parent named by the carrier's `traceparent`.
   */
  static open(method: string, attrs: A2AServerSpanAttributes, carrier?: TraceCarrier): CallTrace {
    let opened: CallTrace | undefined;
    try {
      const active = context.active();
      const parent = carrier && !trace.getSpan(active) ? extractTraceMeta(carrier, active) : active;
      context.with(parent, () => {
        // withA2AServerSpan calls its function at once; the span ends when that promise settles.
        withA2AServerSpan(
          method,
          attrs,
          (span) =>
            new Promise<void>((resolve, reject) => {
              opened = new CallTrace(span, context.active(), (failure) =>
                failure ? reject(failure.error) : resolve(),
              );
            }),
        ).catch(() => undefined);
      });
    } catch {
      // Telemetry is broken; the call goes on untraced.
    }
    opened ??= new CallTrace(undefined, context.active(), () => undefined);
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
    const taskId = this.taskId;
    return context.with(this.ctx, taskId ? () => runWithTaskId(taskId, fn) : fn);
  }

  /** Ends the span, as failed when `error` is given; later calls do nothing. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.settle(error === undefined ? undefined : { error });
  }
}
