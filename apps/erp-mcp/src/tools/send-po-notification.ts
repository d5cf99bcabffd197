import { defineTool } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { NotificationOutboxRepository } from '../db/notification-outbox-repository.js';
import { OrderIdSchema, OrderNotificationSchema } from './purchase-order-schemas.js';

/** `send_po_notification`: queues the message that sends an approved order to its supplier. */
export function sendPoNotificationTool(outbox: NotificationOutboxRepository) {
  return defineTool({
    name: 'send_po_notification',
    title: 'Send purchase order to supplier',
    description:
      "Queues the e-mail that sends an approved purchase order to the supplier (the supplier's order address " +
      'unless recipient is given). Only approved orders can be sent; repeating the call for the same recipient ' +
      'returns the queued notification.',
    inputSchema: z.object({
      orderId: OrderIdSchema,
      recipient: z
        .email()
        .max(320)
        .optional()
        .describe("E-mail address; defaults to the supplier's order address"),
    }),
    outputSchema: OrderNotificationSchema.extend({
      orderId: z.string(),
      supplierId: z.string(),
      replayed: z.boolean().describe('True when this notification was already queued and nothing changed'),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: ({ orderId, recipient }) => {
      const { notification, order, replayed } = outbox.queuePurchaseOrder(orderId, recipient);
      return {
        data: { ...notification, orderId, supplierId: order.supplierId, replayed },
        summary:
          `${replayed ? 'Already queued' : 'Queued'} notification ${notification.notificationId} for ${orderId} ` +
          `to ${notification.recipient} (${notification.status})`,
      };
    },
  });
}
