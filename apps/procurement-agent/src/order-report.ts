import { money, type OrderSummary } from './approval-state.js';
import type { QuantityAdjustment } from './purchase-plan.js';

/** One line per order with its lines. */
export function describeOrders(orders: readonly OrderSummary[]): string {
  return orders
    .map((o) => {
      const lines = o.lines.map((l) => `${l.quantity} x ${l.sku} @ ${l.unitPrice.toFixed(2)}`).join(', ');
      return `- ${o.orderId} to ${o.supplierName} (${o.supplierId}), ${o.status}, ${money(o.total, o.currency)}: ${lines}`;
    })
    .join('\n');
}

/** Sentences about quantities raised to a supplier's minimum, or '' when none was. */
export function describeAdjustments(adjustments: readonly QuantityAdjustment[]): string {
  return adjustments
    .map(
      (a) =>
        `${a.sku}: ordered ${a.orderedQuantity} instead of ${a.requestedQuantity}, the minimum order quantity ` +
        `of ${a.supplierId}.`,
    )
    .join(' ');
}

/** The total of the orders in EUR. */
export function totalOf(orders: readonly { total: number }[]): number {
  // Sum in cents: order totals are cent amounts, and float sums of them drift.
  return orders.reduce((cents, o) => cents + Math.round(o.total * 100), 0) / 100;
}
