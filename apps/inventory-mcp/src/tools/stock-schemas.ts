import { z } from 'zod';

/** A stock keeping unit as the catalogue spells it. */
export const SkuSchema = z.string().trim().min(1).max(64).describe('Stock keeping unit, e.g. "BRG-6204-2RS"');

/** A warehouse id. */
export const WarehouseIdSchema = z.string().trim().min(1).max(32).describe('Warehouse id, e.g. "WH-HAM"');

/** Stock of one SKU in one warehouse, as tools return it. */
export const StockLevelSchema = z.object({
  sku: z.string(),
  itemName: z.string(),
  unit: z.string().describe('Unit the quantities count, e.g. "pcs", "box"'),
  unitCost: z.number().nonnegative().describe('Unit cost in EUR'),
  warehouseId: z.string(),
  onHand: z.number().int().nonnegative(),
  reserved: z.number().int().nonnegative(),
  available: z.number().int().describe('onHand - reserved'),
  reorderPoint: z.number().int().nonnegative(),
  reorderQuantity: z.number().int().positive(),
  belowReorderPoint: z.boolean(),
  updatedAt: z.string().describe('ISO 8601 time of the last change'),
});
