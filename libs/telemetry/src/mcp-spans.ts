import {
  context,
  isSpanContextValid,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { GenAiOperations, TelemetryAttributes as A, TOOL_ERROR_TYPE } from './attributes.js';
import { platformMetrics } from './metrics.js';
import { recordUnexpectedError, runInSpan, type SpanOutcome } from './span-runner.js';
import { guarded } from './telemetry-state.js';
import { extractTraceMeta, hasTraceMeta, injectTraceMeta } from './trace-meta.js';

/** What an MCP request is known by. */
export interface McpSpanAttributes {
  /** JSON-RPC method, e.g. `tools/call`. */
  method: string;
  /** The tool, for `tools/call`. */
  toolName?: string;
  sessionId?: string;
  protocolVersion?: string;
  requestId?: string | number;
}

/** An outgoing MCP request. */
export interface McpClientSpanAttributes extends McpSpanAttributes {
  /** The request's `params._meta`: the new span's `traceparent` is written into it before `fn` runs. */
  meta?: Record<string, unknown>;
}

/** An incoming MCP request. */
export interface McpServerSpanAttributes extends McpSpanAttributes {
  /** The request's `params._meta`; its `traceparent`, when valid, parents the span. */
  meta?: unknown;
}

/** The name of the MCP method span: `{method} {tool}` or just `{method}`. */
export function mcpSpanName(attrs: McpSpanAttributes): string {
  return attrs.toolName ? `${attrs.method} ${attrs.toolName}` : attrs.method;
}

/** True for an MCP tool result that reports a tool failure (`isError: true`). */
export function isToolErrorResult(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { isError?: unknown }).isError === true;
}

/**
 * Marks `span` failed for an MCP error: with a numeric JSON-RPC `code`, `error.type` and
 * `rpc.response.status_code` are that code; any other error is recorded as an exception.
 */
export function recordMcpError(err: unknown, span: Span | undefined = trace.getActiveSpan()): void {
  if (!span) return;
  guarded(
    'recordMcpError',
    () => {
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code !== 'number') return recordUnexpectedError(span, err);
      span.setAttribute(A.errorType, String(code));
      span.setAttribute(A.rpcResponseStatusCode, String(code));
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as { message?: string }).message });
    },
    undefined,
  );
}

function recordToolResult(span: Span, result: unknown): SpanOutcome {
  if (!isToolErrorResult(result)) return 'ok';
  span.setAttribute(A.errorType, TOOL_ERROR_TYPE);
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'tool returned isError' });
  return 'tool_error';
}

function mcpAttributes(attrs: McpSpanAttributes): Attributes {
  const out: Attributes = { [A.mcpMethodName]: attrs.method };
  if (attrs.toolName) out[A.genAiToolName] = attrs.toolName;
  if (attrs.method === 'tools/call') out[A.genAiOperationName] = GenAiOperations.executeTool;
  if (attrs.sessionId) out[A.mcpSessionId] = attrs.sessionId;
  if (attrs.protocolVersion) out[A.mcpProtocolVersion] = attrs.protocolVersion;
  if (attrs.requestId !== undefined) out[A.jsonRpcRequestId] = String(attrs.requestId);
  return out;
}

function metricAttributes(attrs: McpSpanAttributes, outcome: SpanOutcome) {
  return attrs.toolName
    ? { method: attrs.method, tool: attrs.toolName, outcome }
    : { method: attrs.method, outcome };
}

/**
 * Runs an outgoing MCP request in a CLIENT span (`tools/call get_stock`), writing its trace context into
 * `attrs.meta` first. An `isError` result sets `error.type=tool_error`; a thrown JSON-RPC error sets the
 * code. Records `mcp.client.operation.duration`.
 */
export function withMcpClientSpan<T>(
  attrs: McpClientSpanAttributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return runInSpan(
    { name: mcpSpanName(attrs), kind: SpanKind.CLIENT, attributes: mcpAttributes(attrs) },
    (span) => {
      if (attrs.meta) injectTraceMeta(attrs.meta);
      return fn(span);
    },
    {
      onResult: recordToolResult,
      onError: (span, err) => recordMcpError(err, span),
      onEnd: (outcome, seconds) =>
        platformMetrics().mcpClientOperationDuration.record(seconds, metricAttributes(attrs, outcome)),
    },
  );
}

/** The HTTP span current now, as a link, when `_meta` names a different parent. */
function httpLink(meta: unknown): Link[] | undefined {
  if (!hasTraceMeta(meta)) return undefined;
  const http = trace.getSpanContext(context.active());
  if (!http || !isSpanContextValid(http)) return undefined;
  const fromMeta = trace.getSpanContext(extractTraceMeta(meta, context.active()));
  if (fromMeta && fromMeta.traceId === http.traceId && fromMeta.spanId === http.spanId) return undefined;
  return [{ context: http }];
}

/**
 * Runs an incoming MCP request in a SERVER span. The parent is the `traceparent` in `params._meta` when
 * valid (the caller's MCP span), else the active context (HTTP headers); with both, the HTTP span is
 * linked. Result and error handling as in {@link withMcpClientSpan}; records `mcp.server.operation.duration`.
 */
export function withMcpServerSpan<T>(
  attrs: McpServerSpanAttributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = extractTraceMeta(attrs.meta);
  const links = guarded('mcp span links', () => httpLink(attrs.meta), undefined);
  return runInSpan(
    { name: mcpSpanName(attrs), kind: SpanKind.SERVER, attributes: mcpAttributes(attrs), parent, links },
    fn,
    {
      onResult: recordToolResult,
      onError: (span, err) => recordMcpError(err, span),
      onEnd: (outcome, seconds) =>
        platformMetrics().mcpServerOperationDuration.record(seconds, metricAttributes(attrs, outcome)),
    },
  );
}
