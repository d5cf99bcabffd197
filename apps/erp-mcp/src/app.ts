import { buildMcpServiceApp, type McpServiceSettings } from '@a2a-platform/mcp-kit';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { isErpDatabaseReady } from './db/erp-database.js';
import { NotificationOutboxRepository } from './db/notification-outbox-repository.js';
import { PurchaseOrderRepository } from './db/purchase-order-repository.js';
import { SupplierRepository } from './db/supplier-repository.js';
import { createErpMcpServer } from './mcp/erp-mcp-server.js';

/** What the ERP app needs from its host. */
export interface ErpAppDeps extends McpServiceSettings {
  /** An open, migrated ERP database; the caller owns it and closes it after the app. */
  db: Database;
}

/**
 * Builds the ERP MCP server: `/mcp` (Streamable HTTP) and the health routes, `/ready` waiting
 * for the database. Does not listen.
 */
export function buildApp(deps: ErpAppDeps): FastifyInstance {
  const { db, ...settings } = deps;
  const repositories = {
    suppliers: new SupplierRepository(db),
    orders: new PurchaseOrderRepository(db),
    outbox: new NotificationOutboxRepository(db),
  };
  return buildMcpServiceApp({
    ...settings,
    createServer: (logger) => createErpMcpServer(repositories, logger),
    checks: [{ name: 'database', check: () => isErpDatabaseReady(db) }],
  });
}
