import { registerTools, type ToolDefinition } from '@a2a-platform/mcp-kit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { FastifyBaseLogger } from 'fastify';
import { SERVICE_NAME, SERVICE_VERSION } from '../config.js';
import type { NotificationOutboxRepository } from '../db/notification-outbox-repository.js';
import type { PurchaseOrderRepository } from '../db/purchase-order-repository.js';
import type { SupplierRepository } from '../db/supplier-repository.js';
import { approvePurchaseOrderTool } from '../tools/approve-purchase-order.js';
import { createPurchaseOrderTool } from '../tools/create-purchase-order.js';
import { getPurchaseOrderTool } from '../tools/get-purchase-order.js';
import { listSuppliersTool } from '../tools/list-suppliers.js';
import { sendPoNotificationTool } from '../tools/send-po-notification.js';

/** Repositories the ERP tools work on. */
export interface ErpRepositories {
  suppliers: SupplierRepository;
  orders: PurchaseOrderRepository;
  outbox: NotificationOutboxRepository;
}

const INSTRUCTIONS =
  'Purchasing ERP. Find suppliers for a SKU with list_suppliers (price, lead time, minimum order quantity), ' +
  'create an order with create_purchase_order (it starts in pending_approval; reuse the idempotencyKey on ' +
  'retries), approve it with approve_purchase_order, then send it to the supplier with send_po_notification.';

/** The ERP tools, in the order `tools/list` shows them. */
export function erpTools(repositories: ErpRepositories): ToolDefinition[] {
  return [
    listSuppliersTool(repositories.suppliers),
    createPurchaseOrderTool(repositories.orders),
    getPurchaseOrderTool(repositories.orders),
    approvePurchaseOrderTool(repositories.orders),
    sendPoNotificationTool(repositories.outbox),
  ];
}

/** A new MCP server exposing the ERP tools; one is created per client session. */
export function createErpMcpServer(repositories: ErpRepositories, logger: FastifyBaseLogger): McpServer {
  const server = new McpServer(
    { name: SERVICE_NAME, version: SERVICE_VERSION },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  registerTools(server, erpTools(repositories), logger);
  return server;
}
