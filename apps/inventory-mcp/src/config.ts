import { loadMcpServiceConfig, type McpServiceConfig } from '@a2a-platform/mcp-kit';

/** Name the service reports in logs and the MCP `serverInfo`. */
export const SERVICE_NAME = 'inventory-mcp';
/** Version the service reports; kept in step with the app's package.json. */
export const SERVICE_VERSION = '0.0.1';

/**
 * Parses the Inventory MCP server's settings (`PORT` 0-65535, default 3101; SQLite file `inventory.db` under
 * `DATA_DIR` unless `DB_PATH` is set; see {@link McpServiceConfig} for the rest).
 * @throws ConfigError (service-kit) naming every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): McpServiceConfig {
  return loadMcpServiceConfig(env, { port: 3101, dbFileName: 'inventory.db' }, cwd);
}
