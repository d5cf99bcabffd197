import { defineTool } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { PurchaseOrderRepository } from '../db/purchase-order-repository.js';
import { describeOrder, OrderIdSchema, PurchaseOrderWriteSchema } from './purchase-order-schemas.js';

/** `approve_purchase_order`: pending_approval to approved; idempotent once approved. */
export function approvePurchaseOrderTool(orders: PurchaseOrderRepository) {
  return defineTool({
    name: 'approve_purchase_order',
    title: 'Approve purchase order',
    description:
      'Approves a purchase order in pending_approval. Approving an already approved order returns it unchanged; ' +
      'rejected or cancelled orders cannot be approved.',
    inputSchema: z.object({
      orderId: OrderIdSchema,
      approver: z.string().trim().min(1).max(200).describe('Who approves, e.g. a user id or e-mail'),
      comment: z.string().max(2000).optional(),
    }),
    outputSchema: PurchaseOrderWriteSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: ({ orderId, approver, comment }) => {
      const { order, replayed } = orders.approve(orderId, approver, comment);
      const verb = replayed ? `Already approved by ${order.approvedBy}:` : `Approved by ${approver}:`;
      return { data: { ...order, replayed }, summary: `${verb} ${describeOrder(order)}` };
    },
  });
}
