import {
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { TelemetryAttributes as A } from './attributes.js';
import type { HttpServerCall } from './http-server-call.js';
import { recordUnexpectedError, runInSpan, startSpanIn } from './span-runner.js';
import { guarded } from './telemetry-state.js';

/** Task fields known at some point of an A2A call; unset fields are left out. */
export interface A2ATaskAttributes {
  taskId?: string;
  contextId?: string;
  /** v1.0 state name, e.g. `TASK_STATE_WORKING`. */
  taskState?: string;
}

/** What an A2A server span starts with. */
export interface A2AServerSpanAttributes extends A2ATaskAttributes {
  /** This agent's name (`gen_ai.agent.name`). */
  agentName?: string;
  messageId?: string;
  /** Protocol version the client spoke, e.g. `1.0` or `0.3`. */
  protocolVersion?: string;
  /** Which binding carried the call. */
  binding?: 'jsonrpc' | 'http+json';
  /** JSON-RPC request id (`jsonrpc.request.id`). */
  requestId?: string | number;
  /** The HTTP request carrying the call, when this span is its server span. */
  http?: HttpServerCall;
}

/** The fields of an A2A protocol error the spans record; `A2AError` from a2a-protocol matches it. */
export interface A2AErrorLike {
  /** JSON-RPC error code, e.g. -32001. */
  code: number;
  message?: string;
  /** `ErrorInfo.reason`, e.g. `TASK_NOT_FOUND`. */
  reason?: string;
  kind?: { reason?: string };
}

/** True for errors carrying a numeric JSON-RPC `code` (A2A and JSON-RPC errors). */
export function isA2AErrorLike(err: unknown): err is A2AErrorLike {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'number';
}

/**
 * Sets task attributes on `span` (default: the active span) as they become known: `a2a.task.id`,
 * `a2a.context.id`, `a2a.task.state`. Each value once per span: no other attribute repeats it.
 */
export function setA2ATaskAttributes(
  attrs: A2ATaskAttributes,
  span: Span | undefined = trace.getActiveSpan(),
): void {
  if (!span) return;
  guarded(
    'setA2ATaskAttributes',
    () => {
      if (attrs.taskId !== undefined) span.setAttribute(A.a2aTaskId, attrs.taskId);
      if (attrs.contextId !== undefined) span.setAttribute(A.a2aContextId, attrs.contextId);
      if (attrs.taskState !== undefined) span.setAttribute(A.a2aTaskState, attrs.taskState);
    },
    undefined,
  );
}

/**
 * Marks `span` (default: the active span) failed with an A2A error: `rpc.response.status_code` is the
 * JSON-RPC code, `error.type` the ErrorInfo reason (or the code), status ERROR. Protocol errors are expected
 * answers, so no exception event; anything else is recorded as an exception.
 */
export function recordA2AError(err: unknown, span: Span | undefined = trace.getActiveSpan()): void {
  if (!span) return;
  guarded(
    'recordA2AError',
    () => {
      if (!isA2AErrorLike(err)) return recordUnexpectedError(span, err);
      const code = String(err.code);
      span.setAttribute(A.rpcResponseStatusCode, code);
      span.setAttribute(A.errorType, err.reason ?? err.kind?.reason ?? code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
    },
    undefined,
  );
}

/**
 * The attributes a server span starts with. Every span is exported, so each costs on every call: a value
 * is recorded once (no `rpc.method` beside `a2a.method`, no `gen_ai.conversation.id` beside
 * `a2a.context.id`, no `url.path` beside `http.route` and `a2a.task.id`).
 */
function serverAttributes(method: string, attrs: A2AServerSpanAttributes): Attributes {
  const out: Attributes = { [A.a2aMethod]: method };
  if (attrs.binding) out[A.a2aBinding] = attrs.binding;
  if (attrs.agentName) out[A.genAiAgentName] = attrs.agentName;
  if (attrs.taskId) out[A.a2aTaskId] = attrs.taskId;
  if (attrs.contextId) out[A.a2aContextId] = attrs.contextId;
  if (attrs.taskState) out[A.a2aTaskState] = attrs.taskState;
  if (attrs.messageId) out[A.a2aMessageId] = attrs.messageId;
  if (attrs.protocolVersion) out[A.a2aProtocolVersion] = attrs.protocolVersion;
  if (attrs.requestId !== undefined) out[A.jsonRpcRequestId] = String(attrs.requestId);
  if (attrs.http) {
    out[A.httpRequestMethod] = attrs.http.method;
    if (attrs.http.route !== undefined) out[A.httpRoute] = attrs.http.route;
  }
  return out;
}

function serverSpanSpec(method: string, attrs: A2AServerSpanAttributes) {
  return { name: `A2A ${method}`, kind: SpanKind.SERVER, attributes: serverAttributes(method, attrs) };
}

/**
 * Runs one A2A method in a SERVER span named `A2A {method}` (e.g. `A2A SendMessage`), current while `fn`
 * runs. A thrown A2A error is recorded with {@link recordA2AError} and rethrown. Set task fields learnt later
 * with {@link setA2ATaskAttributes}; for an error answered without throwing, call {@link recordA2AError}.
 */
export function withA2AServerSpan<T>(
  method: string,
  attrs: A2AServerSpanAttributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return runInSpan(serverSpanSpec(method, attrs), fn, { onError: (span, err) => recordA2AError(err, span) });
}

/**
 * Starts the SERVER span `A2A {method}` (the same span as {@link withA2AServerSpan}) under `parent`, for a
 * binding that holds it open across callbacks (a stream). The caller ends it: {@link recordA2AError} first
 * when the call failed. A span that records nothing when telemetry fails.
 */
export function startA2AServerSpan(method: string, attrs: A2AServerSpanAttributes, parent: Context): Span {
  return startSpanIn(serverSpanSpec(method, attrs), parent);
}
