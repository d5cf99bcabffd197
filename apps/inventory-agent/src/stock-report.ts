import type { LowStockItem, Reservation, StockLevel } from './inventory-tools.js';

const MAX_LINES = 25;

function where(warehouseId: string | undefined): string {
  return warehouseId ? ` in ${warehouseId}` : '';
}

function bounded(lines: string[]): string {
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(`… and ${lines.length - MAX_LINES} more`);
  return shown.join('\n');
}

/** One line per low-stock item, most urgent first as the server sorted them. */
export function describeLowStock(items: readonly LowStockItem[], warehouseId?: string): string {
  if (items.length === 0) return `No item is below its reorder point${where(warehouseId)}.`;
  const lines = items.map(
    (i) =>
      `- ${i.sku} (${i.itemName}) at ${i.warehouseId}: ${i.available} ${i.unit} available, reorder point ` +
      `${i.reorderPoint}, suggested order ${i.suggestedOrderQuantity} ${i.unit}`,
  );
  return `${items.length} item(s) below their reorder point${where(warehouseId)}:\n${bounded(lines)}`;
}

/** One line per stock level. */
export function describeStockLevels(levels: readonly StockLevel[], warehouseId?: string): string {
  if (levels.length === 0) return `No stock levels match${where(warehouseId)}.`;
  const lines = levels.map(
    (l) =>
      `- ${l.sku} (${l.itemName}) at ${l.warehouseId}: ${l.available} ${l.unit} available ` +
      `(${l.onHand} on hand, ${l.reserved} reserved)`,
  );
  return `Stock levels${where(warehouseId)}:\n${bounded(lines)}`;
}

/** The reservation in one sentence. */
export function describeReservation(r: Reservation): string {
  const verb = r.replayed ? 'Already reserved' : 'Reserved';
  return (
    `${verb} ${r.quantity} ${r.stock.unit} of ${r.sku} in ${r.warehouseId} (reservation ${r.reservationId}); ` +
    `${r.stock.available} ${r.stock.unit} left available.`
  );
}
