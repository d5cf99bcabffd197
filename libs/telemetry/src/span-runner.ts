import {
  context,
  INVALID_SPAN_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import { TelemetryAttributes } from './attributes.js';
import { guarded, reportFailure } from './telemetry-state.js';

const TRACER_NAME = '@a2a-platform/telemetry';

/** Internal: how a span ended, as the duration metrics label it. */
export type SpanOutcome = 'ok' | 'error' | 'tool_error';

/** Internal: one span to run a unit of work in. */
export interface SpanSpec {
  name: string;
  kind: SpanKind;
  attributes: Attributes;
  /** @defaultValue the active context */
  parent?: Context;
  links?: Link[];
}

/** Internal: domain-specific result and error handling, each hook guarded. */
export interface SpanHooks<T> {
  /** Called with the result; returns the outcome (a result can be a failure, e.g. an MCP tool error). */
  onResult?: (span: Span, result: T) => SpanOutcome;
  /** Records a thrown error on the span. @defaultValue {@link recordUnexpectedError} */
  onError?: (span: Span, err: unknown) => void;
  /** Called once, after the outcome is known and before the span ends (duration metrics). */
  onEnd?: (outcome: SpanOutcome, durationSeconds: number) => void;
}

/** Internal: a span that records nothing, used when starting a real one failed. */
const nonRecordingSpan = (): Span => trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Internal: the type name of an error for `error.type` (`_OTHER` when it has none). */
export function errorTypeName(err: unknown): string {
  if (err instanceof Error)
    return err.name && err.name !== 'Error' ? err.name : err.constructor.name || '_OTHER';
  return '_OTHER';
}

/** Internal: an exception the protocol did not expect: exception event, `error.type`, status ERROR. */
export function recordUnexpectedError(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  span.recordException(error);
  span.setAttribute(TelemetryAttributes.errorType, errorTypeName(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}

/** Starts `spec` under `parent`; undefined when telemetry failed to (the failure is reported). */
function tryStartSpan(spec: SpanSpec, parent: Context): Span | undefined {
  try {
    return trace
      .getTracer(TRACER_NAME)
      .startSpan(spec.name, { kind: spec.kind, attributes: spec.attributes, links: spec.links }, parent);
  } catch (err) {
    reportFailure(err, `span ${spec.name}`);
    return undefined;
  }
}

/** Internal: starts `spec` under `parent`; a non-recording span when that fails (reported). */
export function startSpanIn(spec: SpanSpec, parent: Context): Span {
  return tryStartSpan(spec, parent) ?? nonRecordingSpan();
}

/**
 * Internal: runs `fn` inside a new span made current for it, records the outcome, ends the span and
 * rethrows what `fn` threw. Failures of telemetry itself are reported and never reach the caller.
 */
export async function runInSpan<T>(
  spec: SpanSpec,
  fn: (span: Span) => Promise<T>,
  hooks: SpanHooks<T> = {},
): Promise<T> {
  const parent = spec.parent ?? context.active();
  const span = tryStartSpan(spec, parent);
  if (!span) return fn(nonRecordingSpan());
  const spanContext = trace.setSpan(parent, span);

  const started = performance.now();
  let outcome: SpanOutcome = 'ok';
  try {
    const result = await context.with(spanContext, () => fn(span));
    outcome = guarded('span result', () => hooks.onResult?.(span, result) ?? 'ok', 'ok');
    return result;
  } catch (err) {
    outcome = 'error';
    guarded('span error', () => (hooks.onError ?? recordUnexpectedError)(span, err), undefined);
    throw err;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    guarded('span end', () => hooks.onEnd?.(outcome, seconds), undefined);
    guarded('span end', () => span.end(), undefined);
  }
}
