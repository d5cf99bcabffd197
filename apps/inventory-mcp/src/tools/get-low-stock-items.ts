import { defineTool, ToolRefusalError } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { StockLevel, StockRepository } from '../db/stock-repository.js';
import type { WarehouseRepository } from '../db/warehouse-repository.js';
import { StockLevelSchema, WarehouseIdSchema } from './stock-schemas.js';

const LowStockItemSchema = StockLevelSchema.extend({
  shortfall: z.number().int().positive().describe('reorderPoint - available'),
  suggestedOrderQuantity: z
    .number()
    .int()
    .positive()
    .describe('Units to order: the reorder quantity, or the shortfall when that is larger'),
});

/** Units to order for a level below its reorder point: the reorder quantity, at least the shortfall. */
export function suggestedOrderQuantity(
  level: Pick<StockLevel, 'available' | 'reorderPoint' | 'reorderQuantity'>,
) {
  return Math.max(level.reorderQuantity, level.reorderPoint - level.available);
}

/** `get_low_stock_items`: levels whose available stock is below the reorder point, with an order suggestion. */
export function getLowStockItemsTool(stock: StockRepository, warehouses: WarehouseRepository) {
  return defineTool({
    name: 'get_low_stock_items',
    title: 'Get low-stock items',
    description:
      'Lists SKUs whose available stock (on hand minus reserved) is below their reorder point, most urgent ' +
      'first, each with a suggested order quantity.',
    inputSchema: z.object({
      warehouseId: WarehouseIdSchema.optional().describe('Restrict to one warehouse; omit for all'),
    }),
    outputSchema: z.object({ items: z.array(LowStockItemSchema), count: z.number().int().nonnegative() }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: ({ warehouseId }) => {
      if (warehouseId !== undefined && !warehouses.exists(warehouseId)) {
        throw new ToolRefusalError('UNKNOWN_WAREHOUSE', 'warehouseId', `unknown warehouseId ${warehouseId}`);
      }
      const items = stock.listBelowReorderPoint(warehouseId).map((level) => ({
        ...level,
        shortfall: level.reorderPoint - level.available,
        suggestedOrderQuantity: suggestedOrderQuantity(level),
      }));
      const lines = items.map(
        (i) =>
          `${i.sku}@${i.warehouseId}: ${i.available}/${i.reorderPoint}, order ${i.suggestedOrderQuantity} ${i.unit}`,
      );
      return {
        data: { items, count: items.length },
        summary:
          items.length === 0
            ? 'No item is below its reorder point.'
            : `${items.length} low: ${lines.join('; ')}`,
      };
    },
  });
}
