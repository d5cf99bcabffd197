import { defineTool, ToolRefusalError } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { StockRepository } from '../db/stock-repository.js';
import type { WarehouseRepository } from '../db/warehouse-repository.js';
import { SkuSchema, StockLevelSchema, WarehouseIdSchema } from './stock-schemas.js';

/** `get_stock_levels`: on-hand, reserved and available stock by SKU list and/or warehouse. */
export function getStockLevelsTool(stock: StockRepository, warehouses: WarehouseRepository) {
  return defineTool({
    name: 'get_stock_levels',
    title: 'Get stock levels',
    description:
      'Returns on-hand, reserved and available quantities per SKU and warehouse. Filter by a list of SKUs, ' +
      'a warehouse, or both; with neither, returns every stock level.',
    inputSchema: z.object({
      skus: z.array(SkuSchema).min(1).max(100).optional().describe('SKUs to look up; omit for all'),
      warehouseId: WarehouseIdSchema.optional().describe('Restrict to one warehouse; omit for all'),
    }),
    outputSchema: z.object({ levels: z.array(StockLevelSchema), count: z.number().int().nonnegative() }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: ({ skus, warehouseId }) => {
      const unknown = skus ? stock.unknownSkus(skus) : [];
      if (unknown.length > 0)
        throw new ToolRefusalError('UNKNOWN_SKU', 'skus', `unknown skus: ${unknown.join(', ')}`);
      if (warehouseId !== undefined && !warehouses.exists(warehouseId)) {
        throw new ToolRefusalError('UNKNOWN_WAREHOUSE', 'warehouseId', `unknown warehouseId ${warehouseId}`);
      }
      const levels = stock.listLevels({ skus, warehouseId });
      const lines = levels
        .slice(0, 10)
        .map((l) => `${l.sku}@${l.warehouseId}: ${l.available} ${l.unit} available (${l.onHand} on hand)`);
      const more = levels.length > 10 ? `; and ${levels.length - 10} more` : '';
      return {
        data: { levels, count: levels.length },
        summary: levels.length === 0 ? 'No stock levels match.' : `${lines.join('; ')}${more}`,
      };
    },
  });
}
