import type { Database } from 'better-sqlite3';

/** Lifecycle of an order: created `pending_approval`, then `approved` (or `rejected`/`cancelled`). */
export type PurchaseOrderStatus = 'pending_approval' | 'approved' | 'rejected' | 'cancelled';

/** One line of an order, priced when the order was created. Amounts are in the order currency. */
export interface PurchaseOrderLine {
  lineNo: number;
  sku: string;
  itemName: string;
  unit: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  leadTimeDays: number;
}

/** A notification about an order waiting in (or sent from) the outbox. */
export interface OrderNotification {
  notificationId: number;
  eventType: string;
  channel: string;
  recipient: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  createdAt: string;
  sentAt: string | null;
}

/** A purchase order as the tools return it. */
export interface PurchaseOrder {
  orderId: string;
  supplierId: string;
  supplierName: string;
  status: PurchaseOrderStatus;
  currency: string;
  total: number;
  /** Creation date plus the longest line lead time, `YYYY-MM-DD`. */
  expectedDeliveryDate: string;
  notes: string | null;
  requestedBy: string | null;
  idempotencyKey: string;
  createdAt: string;
  updatedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  approvalComment: string | null;
  lines: PurchaseOrderLine[];
  notifications: OrderNotification[];
}

interface OrderRow {
  id: string;
  supplier_id: string;
  supplier_name: string;
  status: PurchaseOrderStatus;
  currency: string;
  total_cents: number;
  expected_delivery_date: string;
  notes: string | null;
  requested_by: string | null;
  idempotency_key: string;
  created_at: string;
  updated_at: string;
  approved_by: string | null;
  approved_at: string | null;
  approval_comment: string | null;
}

interface LineRow {
  line_no: number;
  sku: string;
  item_name: string;
  unit: string;
  quantity: number;
  unit_price_cents: number;
  line_total_cents: number;
  lead_time_days: number;
}

interface NotificationRow {
  id: number;
  event_type: string;
  channel: string;
  recipient: string;
  subject: string;
  status: OrderNotification['status'];
  created_at: string;
  sent_at: string | null;
}

/** Reads one order with its lines and notifications, or undefined when the id is unknown. */
export function loadPurchaseOrder(db: Database, orderId: string): PurchaseOrder | undefined {
  const row = db
    .prepare(
      `SELECT o.*, s.name AS supplier_name FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id
        WHERE o.id = ?`,
    )
    .get(orderId) as OrderRow | undefined;
  if (!row) return undefined;
  const lines = db
    .prepare(
      `SELECT l.*, c.name AS item_name, c.unit FROM purchase_order_lines l JOIN catalog_items c ON c.sku = l.sku
        WHERE l.order_id = ? ORDER BY l.line_no`,
    )
    .all(orderId) as LineRow[];
  const notifications = db
    .prepare('SELECT * FROM notification_outbox WHERE order_id = ? ORDER BY id')
    .all(orderId) as NotificationRow[];
  return {
    orderId: row.id,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    status: row.status,
    currency: row.currency,
    total: row.total_cents / 100,
    expectedDeliveryDate: row.expected_delivery_date,
    notes: row.notes,
    requestedBy: row.requested_by,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    approvalComment: row.approval_comment,
    lines: lines.map((line) => ({
      lineNo: line.line_no,
      sku: line.sku,
      itemName: line.item_name,
      unit: line.unit,
      quantity: line.quantity,
      unitPrice: line.unit_price_cents / 100,
      lineTotal: line.line_total_cents / 100,
      leadTimeDays: line.lead_time_days,
    })),
    notifications: notifications.map((n) => ({
      notificationId: n.id,
      eventType: n.event_type,
      channel: n.channel,
      recipient: n.recipient,
      subject: n.subject,
      status: n.status,
      createdAt: n.created_at,
      sentAt: n.sent_at,
    })),
  };
}
