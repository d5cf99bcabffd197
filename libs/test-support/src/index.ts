// Test-only helpers shared by several projects' tests; never imported by production code.

// MCP server processes and agents over them
export { builtMcpApp, McpServerProcess } from './mcp-server-process.js';
export { startAgent } from './agent-harness.js';
export type { AgentHarness, AgentHarnessOptions } from './agent-harness.js';
export { McpBackedAgent } from './mcp-backed-agent.js';
export type { McpBackedAgentOptions } from './mcp-backed-agent.js';
export { GatedToolCaller } from './gated-tool-caller.js';

// A2A exchanges
export { artifactData, collect, statusText, streamShape, taskOf, userMessage } from './a2a-exchange.js';

// MCP apps in-process
export { itServesHealthOverItsDatabase, SqliteMcpService } from './sqlite-mcp-service.js';
export type { ClosableDatabase, SqliteMcpServiceOptions } from './sqlite-mcp-service.js';
export { callToolDirectly, refusalText } from './direct-tool-calls.js';
export { runMcpConformance } from './mcp-conformance.js';
export type { ConformanceReport } from './mcp-conformance.js';

// OTLP receivers
export { decodeOtlpTraces, isOtlpProtobuf } from './otlp-traces.js';
export type { OtlpAnyValue, OtlpKeyValue, OtlpSpan, OtlpTracesBody } from './otlp-traces.js';
