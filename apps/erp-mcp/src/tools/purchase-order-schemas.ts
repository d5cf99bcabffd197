import { z } from 'zod';
import type { PurchaseOrder } from '../db/purchase-order-view.js';

/** A purchase order id as the ERP issues it. */
export const OrderIdSchema = z.string().trim().min(1).max(32).describe('Purchase order id, e.g. "PO-000004"');

/** A stock keeping unit as the catalogue spells it. */
export const SkuSchema = z.string().trim().min(1).max(64).describe('Stock keeping unit, e.g. "BRG-6204-2RS"');

/** A supplier id. */
export const SupplierIdSchema = z.string().trim().min(1).max(64).describe('Supplier id, e.g. "SUP-NORDBEAR"');

/** A notification waiting in (or sent from) the outbox. */
export const OrderNotificationSchema = z.object({
  notificationId: z.number().int().positive(),
  eventType: z.string(),
  channel: z.string(),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/** A purchase order with its lines and notifications, as tools return it. */
export const PurchaseOrderSchema = z.object({
  orderId: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  status: z
    .enum(['pending_approval', 'approved', 'rejected', 'cancelled'])
    .describe('Orders start in pending_approval; only approved orders can be sent to the supplier'),
  currency: z.string().describe('ISO 4217 code of all amounts'),
  total: z.number().nonnegative(),
  expectedDeliveryDate: z.string().describe('YYYY-MM-DD: creation date plus the longest lead time'),
  notes: z.string().nullable(),
  requestedBy: z.string().nullable(),
  idempotencyKey: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvalComment: z.string().nullable(),
  lines: z.array(
    z.object({
      lineNo: z.number().int().positive(),
      sku: z.string(),
      itemName: z.string(),
      unit: z.string(),
      quantity: z.number().int().positive(),
      unitPrice: z.number().positive(),
      lineTotal: z.number().positive(),
      leadTimeDays: z.number().int().nonnegative(),
    }),
  ),
  notifications: z.array(OrderNotificationSchema),
});

/** An order result of a write: the order and whether the call changed nothing. */
export const PurchaseOrderWriteSchema = PurchaseOrderSchema.extend({
  replayed: z.boolean().describe('True when the request had already been applied and nothing changed'),
});

/** One line of text describing an order, for the model. */
export function describeOrder(order: PurchaseOrder): string {
  const lines = order.lines.map((l) => `${l.quantity} x ${l.sku} @ ${l.unitPrice.toFixed(2)}`).join(', ');
  return (
    `${order.orderId} to ${order.supplierName} (${order.supplierId}), ${order.status}, ` +
    `total ${order.total.toFixed(2)} ${order.currency}, delivery by ${order.expectedDeliveryDate}: ${lines}`
  );
}
