import { defineTool } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { WarehouseRepository } from '../db/warehouse-repository.js';

const WarehouseSchema = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  country: z.string().describe('ISO 3166-1 alpha-2 country code'),
  skuCount: z.number().int().nonnegative(),
  totalOnHand: z.number().int().nonnegative(),
  lowStockCount: z
    .number()
    .int()
    .nonnegative()
    .describe('SKUs whose available stock is below the reorder point'),
});

/** `list_warehouses`: every warehouse with a stock summary. */
export function listWarehousesTool(warehouses: WarehouseRepository) {
  return defineTool({
    name: 'list_warehouses',
    title: 'List warehouses',
    description:
      'Lists all warehouses with the number of SKUs they stock and how many are below their reorder point.',
    inputSchema: z.object({}),
    outputSchema: z.object({ warehouses: z.array(WarehouseSchema) }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: () => {
      const list = warehouses.list();
      return {
        data: { warehouses: list },
        summary: `${list.length} warehouses: ${list.map((w) => `${w.id} (${w.city})`).join(', ')}`,
      };
    },
  });
}
