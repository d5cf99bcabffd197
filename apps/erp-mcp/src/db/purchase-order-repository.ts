import { ToolRefusalError } from '@a2a-platform/mcp-kit';
import type { Database } from 'better-sqlite3';
import { loadPurchaseOrder, type PurchaseOrder } from './purchase-order-view.js';

/** A request to create a purchase order; `idempotencyKey` makes retries safe. */
export interface CreatePurchaseOrderRequest {
  supplierId: string;
  lines: readonly { sku: string; quantity: number }[];
  idempotencyKey: string;
  notes?: string;
  requestedBy?: string;
}

/** An order, and whether the call found it already done (nothing changed). */
export interface PurchaseOrderOutcome {
  order: PurchaseOrder;
  replayed: boolean;
}

interface OfferRow {
  unit_price_cents: number;
  lead_time_days: number;
  min_order_quantity: number;
}

const DAY_MS = 86_400_000;

/**
 * Creates and approves purchase orders. New orders start in `pending_approval`: nothing is sent
 * to a supplier until someone approves the order. Every write runs in one transaction.
 */
export class PurchaseOrderRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The order with its lines and notifications. */
  find(orderId: string): PurchaseOrder | undefined {
    return loadPurchaseOrder(this.db, orderId);
  }

  /**
   * Creates an order priced from the supplier's price list. The header is written first and each
   * line is checked as it is inserted, so a bad line rolls the whole order back. The same
   * idempotency key with the same request returns the existing order; with another request it is refused.
   * @throws ToolRefusalError UNKNOWN_SUPPLIER, DUPLICATE_LINE, UNKNOWN_SKU, SKU_NOT_OFFERED,
   *   BELOW_MIN_ORDER_QUANTITY, IDEMPOTENCY_CONFLICT
   */
  create(request: CreatePurchaseOrderRequest): PurchaseOrderOutcome {
    return this.db.transaction((): PurchaseOrderOutcome => {
      const fingerprint = fingerprintOf(request);
      const existing = this.db
        .prepare('SELECT id, request_fingerprint FROM purchase_orders WHERE idempotency_key = ?')
        .get(request.idempotencyKey) as { id: string; request_fingerprint: string } | undefined;
      if (existing) {
        if (existing.request_fingerprint !== fingerprint) {
          throw new ToolRefusalError(
            'IDEMPOTENCY_CONFLICT',
            'idempotencyKey',
            `idempotencyKey ${request.idempotencyKey} was already used for a different order (${existing.id})`,
          );
        }
        return { order: this.require(existing.id), replayed: true };
      }
      const supplier = this.db
        .prepare('SELECT currency FROM suppliers WHERE id = ?')
        .get(request.supplierId) as { currency: string } | undefined;
      if (!supplier) {
        throw new ToolRefusalError(
          'UNKNOWN_SUPPLIER',
          'supplierId',
          `unknown supplierId ${request.supplierId}`,
        );
      }
      const createdAt = this.now();
      const orderId = this.nextOrderId();
      this.db
        .prepare(
          `INSERT INTO purchase_orders (id, supplier_id, status, currency, total_cents, expected_delivery_date, notes,
                                        requested_by, idempotency_key, request_fingerprint, created_at, updated_at)
           VALUES (?, ?, 'pending_approval', ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          orderId,
          request.supplierId,
          supplier.currency,
          isoDate(createdAt),
          request.notes ?? null,
          request.requestedBy ?? null,
          request.idempotencyKey,
          fingerprint,
          createdAt.toISOString(),
          createdAt.toISOString(),
        );
      let totalCents = 0;
      let leadTimeDays = 0;
      request.lines.forEach((line, index) => {
        const offer = this.offerFor(request.supplierId, line, index, request.lines);
        const lineTotal = offer.unit_price_cents * line.quantity;
        this.db
          .prepare(
            `INSERT INTO purchase_order_lines (order_id, line_no, sku, quantity, unit_price_cents, line_total_cents, lead_time_days)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            orderId,
            index + 1,
            line.sku,
            line.quantity,
            offer.unit_price_cents,
            lineTotal,
            offer.lead_time_days,
          );
        totalCents += lineTotal;
        leadTimeDays = Math.max(leadTimeDays, offer.lead_time_days);
      });
      this.db
        .prepare('UPDATE purchase_orders SET total_cents = ?, expected_delivery_date = ? WHERE id = ?')
        .run(totalCents, isoDate(new Date(createdAt.getTime() + leadTimeDays * DAY_MS)), orderId);
      return { order: this.require(orderId), replayed: false };
    })();
  }

  /**
   * Approves an order awaiting approval. Approving an approved order changes nothing and returns
   * it (`replayed`), whoever asks; other states are refused.
   * @throws ToolRefusalError UNKNOWN_ORDER, INVALID_ORDER_STATE
   */
  approve(orderId: string, approver: string, comment?: string): PurchaseOrderOutcome {
    return this.db.transaction((): PurchaseOrderOutcome => {
      const order = this.find(orderId);
      if (!order) throw new ToolRefusalError('UNKNOWN_ORDER', 'orderId', `unknown orderId ${orderId}`);
      if (order.status === 'approved') return { order, replayed: true };
      if (order.status !== 'pending_approval') {
        throw new ToolRefusalError(
          'INVALID_ORDER_STATE',
          'orderId',
          `order ${orderId} is ${order.status}; only orders in pending_approval can be approved`,
        );
      }
      const at = this.now().toISOString();
      this.db
        .prepare(
          `UPDATE purchase_orders SET status = 'approved', approved_by = ?, approved_at = ?, approval_comment = ?,
                  updated_at = ? WHERE id = ? AND status = 'pending_approval'`,
        )
        .run(approver, at, comment ?? null, at, orderId);
      return { order: this.require(orderId), replayed: false };
    })();
  }

  /** Cancels an order that is not approved yet (used by the demo data; no tool exposes it). */
  cancel(orderId: string): void {
    const at = this.now().toISOString();
    this.db
      .prepare(
        `UPDATE purchase_orders SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'pending_approval'`,
      )
      .run(at, orderId);
  }

  private offerFor(
    supplierId: string,
    line: { sku: string; quantity: number },
    index: number,
    lines: CreatePurchaseOrderRequest['lines'],
  ): OfferRow {
    const field = `lines[${index}]`;
    if (lines.findIndex((other) => other.sku === line.sku) !== index) {
      throw new ToolRefusalError(
        'DUPLICATE_LINE',
        `${field}.sku`,
        `sku ${line.sku} appears on more than one line`,
      );
    }
    if (!this.db.prepare('SELECT 1 FROM catalog_items WHERE sku = ?').get(line.sku)) {
      throw new ToolRefusalError('UNKNOWN_SKU', `${field}.sku`, `unknown sku ${line.sku}`);
    }
    const offer = this.db
      .prepare(
        'SELECT unit_price_cents, lead_time_days, min_order_quantity FROM supplier_prices WHERE supplier_id = ? AND sku = ?',
      )
      .get(supplierId, line.sku) as OfferRow | undefined;
    if (!offer) {
      throw new ToolRefusalError(
        'SKU_NOT_OFFERED',
        `${field}.sku`,
        `supplier ${supplierId} does not offer sku ${line.sku}`,
      );
    }
    if (line.quantity < offer.min_order_quantity) {
      throw new ToolRefusalError(
        'BELOW_MIN_ORDER_QUANTITY',
        `${field}.quantity`,
        `quantity ${line.quantity} of ${line.sku} is below the supplier's minimum order quantity of ${offer.min_order_quantity}`,
      );
    }
    return offer;
  }

  private nextOrderId(): string {
    const row = this.db
      .prepare(
        "SELECT printf('PO-%06d', COALESCE(MAX(CAST(substr(id, 4) AS INTEGER)), 0) + 1) AS id FROM purchase_orders",
      )
      .get() as { id: string };
    return row.id;
  }

  private require(orderId: string): PurchaseOrder {
    const order = this.find(orderId);
    if (!order) throw new Error(`purchase order ${orderId} vanished inside a transaction`);
    return order;
  }
}

function fingerprintOf(request: CreatePurchaseOrderRequest): string {
  return JSON.stringify([
    request.supplierId,
    request.lines.map((line) => [line.sku, line.quantity]),
    request.notes ?? null,
    request.requestedBy ?? null,
  ]);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
