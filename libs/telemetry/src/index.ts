export {
  GenAiOperations,
  isUntracedPath,
  TelemetryAttributes,
  TOOL_ERROR_TYPE,
  UNTRACED_PATHS,
} from './attributes.js';
export {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  fastifyOtelPlugin,
  isTelemetryStarted,
  shutdownTelemetry,
  startTelemetry,
} from './sdk.js';
export type { SpanBatchOptions, TelemetryOptions } from './sdk.js';
export { DEFAULT_OTLP_PROTOCOL } from './export/otlp-trace-exporter.js';
export type { OtlpHttpProtocol } from './export/otlp-trace-exporter.js';
export type { TelemetryFailureHandler } from './telemetry-state.js';
export { telemetryOptionsFromEnv } from './env-options.js';
export type { EnvSource, TelemetryEnvSettings } from './env-options.js';
export { currentTaskId, loggerMixin, runWithTaskId } from './logger.js';
export type { LogCorrelation } from './logger.js';
export {
  activeHttpServerCall,
  OWN_SERVER_SPAN_ROUTE_CONFIG,
  runInHttpServerCall,
} from './http-server-call.js';
export type { HttpServerCall } from './http-server-call.js';
export { bindToCurrentContext, captureContext, runInContext } from './context-carry.js';
export type { CarriedContext } from './context-carry.js';
export { extractTraceMeta, hasTraceMeta, injectTraceMeta, TRACE_META_KEYS } from './trace-meta.js';
export {
  isA2AErrorLike,
  recordA2AError,
  setA2ATaskAttributes,
  startA2AServerSpan,
  withA2AServerSpan,
} from './a2a-spans.js';
export type { A2AErrorLike, A2AServerSpanAttributes, A2ATaskAttributes } from './a2a-spans.js';
export { setInvokeAgentTaskAttributes, withInvokeAgentSpan } from './agent-spans.js';
export type { InvokeAgentSpanAttributes } from './agent-spans.js';
export {
  isToolErrorResult,
  mcpSpanName,
  recordMcpError,
  withMcpClientSpan,
  withMcpServerSpan,
} from './mcp-spans.js';
export type { McpClientSpanAttributes, McpServerSpanAttributes, McpSpanAttributes } from './mcp-spans.js';
export { MetricNames, platformMeter, platformMetrics } from './metrics.js';
export type { CallOutcome, PlatformMetrics } from './metrics.js';
export { metricsRoute, PROMETHEUS_CONTENT_TYPE } from './metrics-route.js';
export type { MetricsRouteOptions } from './metrics-route.js';
