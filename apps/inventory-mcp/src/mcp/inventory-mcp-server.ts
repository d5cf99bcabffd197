import { registerTools, type ToolDefinition } from '@a2a-platform/mcp-kit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { FastifyBaseLogger } from 'fastify';
import { SERVICE_NAME, SERVICE_VERSION } from '../config.js';
import type { StockRepository } from '../db/stock-repository.js';
import type { WarehouseRepository } from '../db/warehouse-repository.js';
import { getLowStockItemsTool } from '../tools/get-low-stock-items.js';
import { getStockLevelsTool } from '../tools/get-stock-levels.js';
import { listWarehousesTool } from '../tools/list-warehouses.js';
import { reserveStockTool } from '../tools/reserve-stock.js';

/** Repositories the inventory tools work on. */
export interface InventoryRepositories {
  stock: StockRepository;
  warehouses: WarehouseRepository;
}

const INSTRUCTIONS =
  'Inventory of three warehouses (WH-HAM, WH-FRA, WH-MUC). Quantities are in each item unit; ' +
  'available = on hand - reserved. Use get_low_stock_items to find what to reorder and reserve_stock ' +
  'with a unique reservationId to hold stock.';

/** The inventory tools, in the order `tools/list` shows them. */
export function inventoryTools(repositories: InventoryRepositories): ToolDefinition[] {
  return [
    listWarehousesTool(repositories.warehouses),
    getStockLevelsTool(repositories.stock, repositories.warehouses),
    getLowStockItemsTool(repositories.stock, repositories.warehouses),
    reserveStockTool(repositories.stock),
  ];
}

/** A new MCP server exposing the inventory tools; one is created per client session. */
export function createInventoryMcpServer(
  repositories: InventoryRepositories,
  logger: FastifyBaseLogger,
): McpServer {
  const server = new McpServer(
    { name: SERVICE_NAME, version: SERVICE_VERSION },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  registerTools(server, inventoryTools(repositories), logger);
  return server;
}
