import { ToolRefusalError } from '@a2a-platform/mcp-kit';
import type { Database } from 'better-sqlite3';
import { loadPurchaseOrder, type OrderNotification, type PurchaseOrder } from './purchase-order-view.js';

/** Event type of the message that sends an approved order to its supplier. */
export const PURCHASE_ORDER_ISSUED = 'purchase_order.issued';

/** The queued notification, the order it is about, and whether it was already queued. */
export interface NotificationOutcome {
  notification: OrderNotification;
  order: PurchaseOrder;
  replayed: boolean;
}

/**
 * Writes notifications to the transactional outbox; a separate relay delivers `pending` rows.
 * Writing the row in the same database as the order means the notification exists if and only
 * if the order was in a sendable state when it was queued.
 */
export class NotificationOutboxRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Queues the message that sends an approved order to the supplier (its order e-mail unless a
   * recipient is given). Queuing it again for the same recipient returns the existing row.
   * @throws ToolRefusalError UNKNOWN_ORDER, INVALID_ORDER_STATE
   */
  queuePurchaseOrder(orderId: string, recipient?: string): NotificationOutcome {
    return this.db.transaction((): NotificationOutcome => {
      const order = loadPurchaseOrder(this.db, orderId);
      if (!order) throw new ToolRefusalError('UNKNOWN_ORDER', 'orderId', `unknown orderId ${orderId}`);
      if (order.status !== 'approved') {
        throw new ToolRefusalError(
          'INVALID_ORDER_STATE',
          'orderId',
          `order ${orderId} is ${order.status}; only approved orders can be sent to the supplier`,
        );
      }
      const to = recipient ?? this.supplierEmail(order.supplierId);
      const existing = order.notifications.find(
        (n) => n.eventType === PURCHASE_ORDER_ISSUED && n.recipient === to,
      );
      if (existing) return { notification: existing, order, replayed: true };
      const result = this.db
        .prepare(
          `INSERT INTO notification_outbox (order_id, event_type, channel, recipient, subject, payload, status, created_at)
           VALUES (?, ?, 'email', ?, ?, ?, 'pending', ?)`,
        )
        .run(
          orderId,
          PURCHASE_ORDER_ISSUED,
          to,
          `Purchase order ${orderId}: ${order.lines.length} line(s), ${order.total.toFixed(2)} ${order.currency}`,
          JSON.stringify(payloadOf(order)),
          this.now().toISOString(),
        );
      const updated = loadPurchaseOrder(this.db, orderId) as PurchaseOrder;
      const notification = updated.notifications.find(
        (n) => n.notificationId === Number(result.lastInsertRowid),
      );
      if (!notification) throw new Error(`notification for ${orderId} vanished inside a transaction`);
      return { notification, order: updated, replayed: false };
    })();
  }

  /** Marks a notification delivered (what the relay does; used by the demo data). */
  markSent(notificationId: number): void {
    this.db
      .prepare(`UPDATE notification_outbox SET status = 'sent', sent_at = ? WHERE id = ?`)
      .run(this.now().toISOString(), notificationId);
  }

  private supplierEmail(supplierId: string): string {
    const row = this.db.prepare('SELECT email FROM suppliers WHERE id = ?').get(supplierId) as {
      email: string;
    };
    return row.email;
  }
}

function payloadOf(order: PurchaseOrder) {
  return {
    orderId: order.orderId,
    supplierId: order.supplierId,
    currency: order.currency,
    total: order.total,
    expectedDeliveryDate: order.expectedDeliveryDate,
    approvedBy: order.approvedBy,
    lines: order.lines.map(({ lineNo, sku, itemName, quantity, unit, unitPrice, lineTotal }) => ({
      lineNo,
      sku,
      itemName,
      quantity,
      unit,
      unitPrice,
      lineTotal,
    })),
  };
}
