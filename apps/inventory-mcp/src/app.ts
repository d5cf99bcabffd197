import { buildMcpServiceApp, type McpServiceSettings } from '@a2a-platform/mcp-kit';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { isInventoryDatabaseReady } from './db/inventory-database.js';
import { StockRepository } from './db/stock-repository.js';
import { WarehouseRepository } from './db/warehouse-repository.js';
import { createInventoryMcpServer } from './mcp/inventory-mcp-server.js';

/** What the inventory app needs from its host. */
export interface InventoryAppDeps extends McpServiceSettings {
  /** An open, migrated inventory database; the caller owns it and closes it after the app. */
  db: Database;
}

/**
 * Builds the inventory MCP server: `/mcp` (Streamable HTTP) and the health routes, `/ready`
 * waiting for the database. Does not listen.
 */
export function buildApp(deps: InventoryAppDeps): FastifyInstance {
  const { db, ...settings } = deps;
  const repositories = { stock: new StockRepository(db), warehouses: new WarehouseRepository(db) };
  return buildMcpServiceApp({
    ...settings,
    createServer: (logger) => createInventoryMcpServer(repositories, logger),
    checks: [{ name: 'database', check: () => isInventoryDatabaseReady(db) }],
  });
}
