import type { Supplier } from './erp-tools.js';
import type { RequestedItem } from './procurement-request.js';

/** One line of a planned order. */
export interface PlannedLine {
  sku: string;
  /** What will be ordered: the requested quantity, raised to the supplier's minimum when below it. */
  quantity: number;
  requestedQuantity: number;
  unitPrice: number;
  /** Where the requested quantities go, when the request said. */
  warehouseIds: string[];
}

/** The order to place with one supplier. */
export interface PlannedOrder {
  supplierId: string;
  supplierName: string;
  lines: PlannedLine[];
}

/** A quantity raised to a supplier's minimum order quantity, to tell the caller about. */
export interface QuantityAdjustment {
  sku: string;
  supplierId: string;
  requestedQuantity: number;
  orderedQuantity: number;
}

/** The orders to place, one per supplier, sorted by supplier id. */
export interface PurchasePlan {
  orders: PlannedOrder[];
  adjustments: QuantityAdjustment[];
}

interface Choice {
  supplier: Supplier;
  unitPrice: number;
  quantity: number;
}

/**
 * The supplier for `quantity` units among the offers for one SKU: the cheapest whose minimum order
 * quantity the request meets; when none does, the one with the smallest minimum (cheapest among equals),
 * with the quantity raised to that minimum. Ties in price go to the lower supplier id, so a retried task
 * makes the same choice.
 */
export function chooseSupplier(
  sku: string,
  quantity: number,
  suppliers: readonly Supplier[],
): Choice | undefined {
  const offers = suppliers
    .map((supplier) => ({ supplier, offer: supplier.offers.find((o) => o.sku === sku) }))
    .filter((x): x is { supplier: Supplier; offer: NonNullable<typeof x.offer> } => x.offer !== undefined)
    .sort(
      (a, b) =>
        a.offer.unitPrice - b.offer.unitPrice || a.supplier.supplierId.localeCompare(b.supplier.supplierId),
    );
  if (offers.length === 0) return undefined;
  const fitting = offers.find((x) => x.offer.minOrderQuantity <= quantity);
  if (fitting) return { supplier: fitting.supplier, unitPrice: fitting.offer.unitPrice, quantity };
  const smallest = [...offers].sort((a, b) => a.offer.minOrderQuantity - b.offer.minOrderQuantity)[0];
  return {
    supplier: smallest.supplier,
    unitPrice: smallest.offer.unitPrice,
    quantity: smallest.offer.minOrderQuantity,
  };
}

/** Requested items merged per SKU (an order has one line per SKU), in first-mention order. */
export function mergeItems(
  items: readonly RequestedItem[],
): { sku: string; quantity: number; warehouseIds: string[] }[] {
  const merged = new Map<string, { sku: string; quantity: number; warehouseIds: string[] }>();
  for (const item of items) {
    const entry = merged.get(item.sku) ?? { sku: item.sku, quantity: 0, warehouseIds: [] };
    entry.quantity += item.quantity;
    if (item.warehouseId && !entry.warehouseIds.includes(item.warehouseId))
      entry.warehouseIds.push(item.warehouseId);
    merged.set(item.sku, entry);
  }
  return [...merged.values()];
}

/**
 * Plans the orders for `items` from the offers per SKU (`list_suppliers {sku}` answers). Every SKU of
 * `items` must have offers in `offersBySku`.
 */
export function planPurchaseOrders(
  items: readonly RequestedItem[],
  offersBySku: ReadonlyMap<string, readonly Supplier[]>,
): PurchasePlan {
  const bySupplier = new Map<string, PlannedOrder>();
  const adjustments: QuantityAdjustment[] = [];
  for (const item of mergeItems(items)) {
    const choice = chooseSupplier(item.sku, item.quantity, offersBySku.get(item.sku) ?? []);
    if (!choice) throw new Error(`no supplier offers ${item.sku}`);
    const { supplierId, name } = choice.supplier;
    const order = bySupplier.get(supplierId) ?? { supplierId, supplierName: name, lines: [] };
    order.lines.push({
      sku: item.sku,
      quantity: choice.quantity,
      requestedQuantity: item.quantity,
      unitPrice: choice.unitPrice,
      warehouseIds: item.warehouseIds,
    });
    bySupplier.set(supplierId, order);
    if (choice.quantity !== item.quantity) {
      adjustments.push({
        sku: item.sku,
        supplierId,
        requestedQuantity: item.quantity,
        orderedQuantity: choice.quantity,
      });
    }
  }
  const orders = [...bySupplier.values()].sort((a, b) => a.supplierId.localeCompare(b.supplierId));
  return { orders, adjustments };
}

/** The order's notes: where the goods go and why the order exists; the same for the same request. */
export function orderNotes(order: PlannedOrder, taskId: string): string {
  const destinations = order.lines
    .filter((l) => l.warehouseIds.length > 0)
    .map((l) => `${l.sku} for ${l.warehouseIds.join(', ')}`);
  const raised = order.lines
    .filter((l) => l.quantity !== l.requestedQuantity)
    .map((l) => `${l.sku} raised from ${l.requestedQuantity} to the minimum order quantity ${l.quantity}`);
  return [`Created by the procurement agent for A2A task ${taskId}.`, ...destinations, ...raised]
    .join(' ')
    .slice(0, 2000);
}
