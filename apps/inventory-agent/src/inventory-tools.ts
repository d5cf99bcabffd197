import { callCheckedTool, type McpToolCaller } from '@a2a-platform/mcp-kit';
import { z } from 'zod';

// Only the fields the agent reads are checked; the rest pass through to the artifacts unchanged.
const StockLevelSchema = z.looseObject({
  sku: z.string(),
  itemName: z.string(),
  unit: z.string(),
  warehouseId: z.string(),
  onHand: z.number(),
  reserved: z.number(),
  available: z.number(),
  reorderPoint: z.number(),
});

const LowStockItemSchema = z.looseObject({
  ...StockLevelSchema.shape,
  shortfall: z.number(),
  suggestedOrderQuantity: z.number(),
});

const ReservationSchema = z.looseObject({
  reservationId: z.string(),
  sku: z.string(),
  warehouseId: z.string(),
  quantity: z.number(),
  replayed: z.boolean(),
  stock: StockLevelSchema,
});

/** Stock of one SKU in one warehouse, as inventory-mcp reports it. */
export type StockLevel = z.infer<typeof StockLevelSchema>;
/** A stock level below its reorder point, with the suggested order quantity. */
export type LowStockItem = z.infer<typeof LowStockItemSchema>;
/** A reservation made (or found again, `replayed`) by `reserve_stock`. */
export type Reservation = z.infer<typeof ReservationSchema>;

/** Typed calls of the inventory-mcp tools the agent uses; outputs are checked at this edge. */
export class InventoryTools {
  constructor(private readonly mcp: McpToolCaller) {}

  /** `get_low_stock_items`. */
  async lowStockItems(args: { warehouseId?: string }, signal: AbortSignal): Promise<LowStockItem[]> {
    const out = await this.call(
      'get_low_stock_items',
      args,
      signal,
      z.object({ items: z.array(LowStockItemSchema) }),
    );
    return out.items;
  }

  /** `get_stock_levels`. */
  async stockLevels(
    args: { skus?: string[]; warehouseId?: string },
    signal: AbortSignal,
  ): Promise<StockLevel[]> {
    const out = await this.call(
      'get_stock_levels',
      args,
      signal,
      z.object({ levels: z.array(StockLevelSchema) }),
    );
    return out.levels;
  }

  /** `reserve_stock` (idempotent on `reservationId`). */
  reserveStock(
    args: { reservationId: string; sku: string; warehouseId: string; quantity: number },
    signal: AbortSignal,
  ): Promise<Reservation> {
    return this.call('reserve_stock', args, signal, ReservationSchema);
  }

  private call<T>(
    tool: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
    schema: z.ZodType<T>,
  ): Promise<T> {
    return callCheckedTool(this.mcp, tool, args, schema, { signal, server: 'inventory-mcp' });
  }
}
