import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';

// Most names below are still "development" in the semantic conventions (GenAI, MCP, the A2A draft), so
// the incubating entry point may rename them in any release: we pin the strings we emit here instead.

/** Span and resource attribute names the platform emits. */
export const TelemetryAttributes = {
  serviceName: ATTR_SERVICE_NAME,
  serviceVersion: ATTR_SERVICE_VERSION,
  serviceInstanceId: 'service.instance.id',
  errorType: ATTR_ERROR_TYPE,
  serverAddress: ATTR_SERVER_ADDRESS,
  serverPort: ATTR_SERVER_PORT,
  httpRequestMethod: ATTR_HTTP_REQUEST_METHOD,
  httpRoute: ATTR_HTTP_ROUTE,
  rpcResponseStatusCode: 'rpc.response.status_code',
  jsonRpcRequestId: 'jsonrpc.request.id',
  a2aMethod: 'a2a.method',
  a2aTaskId: 'a2a.task.id',
  a2aContextId: 'a2a.context.id',
  a2aTaskState: 'a2a.task.state',
  a2aMessageId: 'a2a.message.id',
  a2aProtocolVersion: 'a2a.protocol.version',
  a2aBinding: 'a2a.binding',
  genAiOperationName: 'gen_ai.operation.name',
  genAiAgentName: 'gen_ai.agent.name',
  genAiConversationId: 'gen_ai.conversation.id',
  genAiToolName: 'gen_ai.tool.name',
  mcpMethodName: 'mcp.method.name',
  mcpSessionId: 'mcp.session.id',
  mcpProtocolVersion: 'mcp.protocol.version',
} as const;

/** Values of `gen_ai.operation.name` the platform uses. */
export const GenAiOperations = {
  invokeAgent: 'invoke_agent',
  executeTool: 'execute_tool',
} as const;

/** `error.type` of an MCP tool result that came back with `isError: true`. */
export const TOOL_ERROR_TYPE = 'tool_error';

/** Incoming paths never traced (probes and scrapes): they would drown real traffic. */
export const UNTRACED_PATHS: readonly string[] = ['/health', '/ready', '/live', '/metrics'];

/** True when a request URL (path plus optional query) targets one of {@link UNTRACED_PATHS}. */
export function isUntracedPath(url: string | undefined, paths: readonly string[] = UNTRACED_PATHS): boolean {
  if (!url) return false;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return paths.includes(path);
}
