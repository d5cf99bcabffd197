import { defineTool } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { StockRepository } from '../db/stock-repository.js';
import { SkuSchema, StockLevelSchema, WarehouseIdSchema } from './stock-schemas.js';

/** `reserve_stock`: reserves available stock, idempotent on `reservationId`. */
export function reserveStockTool(stock: StockRepository) {
  return defineTool({
    name: 'reserve_stock',
    title: 'Reserve stock',
    description:
      'Reserves a quantity of one SKU in one warehouse so it is no longer available to others. Refuses more ' +
      'than the available quantity. Retrying with the same reservationId returns the original reservation.',
    inputSchema: z.object({
      reservationId: z
        .string()
        .trim()
        .min(1)
        .max(128)
        .describe('Caller-chosen unique id; repeating it makes the call idempotent'),
      sku: SkuSchema,
      warehouseId: WarehouseIdSchema,
      quantity: z.number().int().positive().max(1_000_000).describe('Units to reserve, in the item unit'),
    }),
    outputSchema: z.object({
      reservationId: z.string(),
      sku: z.string(),
      warehouseId: z.string(),
      quantity: z.number().int().positive(),
      createdAt: z.string(),
      replayed: z.boolean().describe('True when this reservationId already existed and nothing changed'),
      stock: StockLevelSchema.describe('Stock level after the reservation'),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: (args) => {
      const { level, ...reservation } = stock.reserve(args);
      const verb = reservation.replayed ? 'Already reserved' : 'Reserved';
      return {
        data: { ...reservation, stock: level },
        summary: `${verb} ${reservation.quantity} ${level.unit} of ${reservation.sku} in ${reservation.warehouseId} (${reservation.reservationId}); ${level.available} left available`,
      };
    },
  });
}
