import { defineTool, ToolRefusalError } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { PurchaseOrderRepository } from '../db/purchase-order-repository.js';
import { describeOrder, OrderIdSchema, PurchaseOrderSchema } from './purchase-order-schemas.js';

/** `get_purchase_order`: one order with its lines and notifications. */
export function getPurchaseOrderTool(orders: PurchaseOrderRepository) {
  return defineTool({
    name: 'get_purchase_order',
    title: 'Get purchase order',
    description: 'Returns a purchase order with its status, lines, totals, approval and notifications.',
    inputSchema: z.object({ orderId: OrderIdSchema }),
    outputSchema: PurchaseOrderSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: ({ orderId }) => {
      const order = orders.find(orderId);
      if (!order) throw new ToolRefusalError('UNKNOWN_ORDER', 'orderId', `unknown orderId ${orderId}`);
      return { data: order, summary: describeOrder(order) };
    },
  });
}
