import { defineTool } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { PurchaseOrderRepository } from '../db/purchase-order-repository.js';
import {
  describeOrder,
  PurchaseOrderWriteSchema,
  SkuSchema,
  SupplierIdSchema,
} from './purchase-order-schemas.js';

/** `create_purchase_order`: a priced order in `pending_approval`, idempotent on `idempotencyKey`. */
export function createPurchaseOrderTool(orders: PurchaseOrderRepository) {
  return defineTool({
    name: 'create_purchase_order',
    title: 'Create purchase order',
    description:
      "Creates a purchase order for one supplier, priced from that supplier's price list, in status " +
      'pending_approval (it must be approved before it can be sent). Each quantity must reach the minimum order ' +
      'quantity. Retrying with the same idempotencyKey returns the same order.',
    inputSchema: z.object({
      supplierId: SupplierIdSchema,
      lines: z
        .array(
          z.object({
            sku: SkuSchema,
            quantity: z.number().int().positive().max(1_000_000).describe('Units to order, in the item unit'),
          }),
        )
        .min(1)
        .max(50)
        .describe('One line per SKU'),
      idempotencyKey: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .describe('Caller-chosen unique key; repeating it returns the order it created'),
      notes: z.string().max(2000).optional(),
      requestedBy: z.string().trim().min(1).max(200).optional().describe('Who asks for the order'),
    }),
    outputSchema: PurchaseOrderWriteSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: (args) => {
      const { order, replayed } = orders.create(args);
      return {
        data: { ...order, replayed },
        summary: `${replayed ? 'Existing order' : 'Created'} ${describeOrder(order)}`,
      };
    },
  });
}
