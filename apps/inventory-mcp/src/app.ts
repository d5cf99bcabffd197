import type { Database } from 'better-sqlite3';
import { fastify, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { SERVICE_NAME, SERVICE_VERSION } from './config.js';
import { isInventoryDatabaseReady } from './db/inventory-database.js';
import { StockRepository } from './db/stock-repository.js';
import { WarehouseRepository } from './db/warehouse-repository.js';
import { healthRoutes } from './http/health-routes.js';
import { LOOPBACK_HOSTNAMES, type AllowedHosts } from './http/host-guard.js';
import { mcpRoutes } from './http/mcp-routes.js';
import { McpSessionRegistry } from './http/mcp-sessions.js';
import { createInventoryMcpServer } from './mcp/inventory-mcp-server.js';

/** What the inventory app needs from its host. */
export interface InventoryAppDeps {
  /** An open, migrated inventory database; the caller owns it and closes it after the app. */
  db: Database;
  /** Fastify logger options (pino); `false` silences logging. @defaultValue false */
  logger?: FastifyServerOptions['logger'];
  /** Host names `/mcp` accepts in `Host` and `Origin`, or `'any'`. @defaultValue LOOPBACK_HOSTNAMES */
  allowedHosts?: AllowedHosts;
  /** An MCP session with no request for this long is closed. @defaultValue 1_800_000 (30 minutes) */
  sessionIdleTimeoutMs?: number;
}

/**
 * Builds the inventory MCP server: `/mcp` (Streamable HTTP) and the health routes. Does not
 * listen. Closing the app closes every MCP session first, so open SSE streams do not hold it.
 */
export function buildApp(deps: InventoryAppDeps): FastifyInstance {
  const app = fastify({ logger: deps.logger ?? false });
  const repositories = {
    stock: new StockRepository(deps.db),
    warehouses: new WarehouseRepository(deps.db),
  };
  const sessions = new McpSessionRegistry({
    createServer: () => createInventoryMcpServer(repositories, app.log),
    logger: app.log,
    idleTimeoutMs: deps.sessionIdleTimeoutMs,
  });
  let closing = false;

  app.addHook('onReady', async () => sessions.startIdleSweep());
  app.addHook('preClose', async () => {
    closing = true;
    await sessions.closeAll();
  });
  void app.register(healthRoutes, {
    service: SERVICE_NAME,
    version: SERVICE_VERSION,
    isReady: () => !closing && isInventoryDatabaseReady(deps.db),
    sessionCount: () => sessions.size,
  });
  void app.register(mcpRoutes, { sessions, allowedHosts: deps.allowedHosts ?? LOOPBACK_HOSTNAMES });
  return app;
}
