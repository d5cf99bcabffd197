export {};

// server
export { SqliteMigrator } from './server/sqlite-migrator.js';
export type { Migration, MigrationReport, SqliteDatabase } from './server/sqlite-migrator.js';
export { openSqliteFile } from './server/sqlite-file.js';
export type { OpenedSqliteFile, SqliteFileDatabase, SqliteFileOptions } from './server/sqlite-file.js';
export { defineTool } from './server/tool-definition.js';
export type { ToolDefinition, ToolOutcome } from './server/tool-definition.js';
export { toolRefusal, toolResult, ToolRefusalError } from './server/tool-results.js';
export { executeTool, registerTools } from './server/tool-registration.js';
export { allowedHostsFor, hostGuard, isAllowedHost, LOOPBACK_HOSTNAMES } from './server/host-guard.js';
export type { AllowedHosts } from './server/host-guard.js';
export { McpSessionRegistry } from './server/mcp-session-registry.js';
export type { McpSession, McpSessionRegistryOptions } from './server/mcp-session-registry.js';
export { mcpRoutes } from './server/mcp-routes.js';
export type { McpRoutesOptions } from './server/mcp-routes.js';
export { buildMcpServiceApp } from './server/mcp-service-app.js';
export type { McpServiceAppOptions, McpServiceSettings } from './server/mcp-service-app.js';
export { loadMcpServiceConfig } from './server/mcp-service-config.js';
export type { McpServiceConfig, McpServiceConfigDefaults } from './server/mcp-service-config.js';
export { runMcpService } from './server/run-mcp-service.js';
export type { RunMcpServiceOptions } from './server/run-mcp-service.js';

// client
export { McpToolClient } from './client/mcp-tool-client.js';
export type { McpClientLogger, McpToolClientOptions } from './client/mcp-tool-client.js';
export { McpClientError, McpToolError } from './client/mcp-client-errors.js';
export type { McpClientErrorCode } from './client/mcp-client-errors.js';
export { unwrapToolResult } from './client/tool-result.js';
export type { McpCallOptions, McpToolCaller, McpToolResult } from './client/tool-result.js';
export { callCheckedTool } from './client/checked-tool-call.js';
export type { CheckedToolCallOptions } from './client/checked-tool-call.js';
export { isConnectionFailure } from './client/connection-failures.js';
export type { BackoffOptions } from './client/reconnect-backoff.js';
