import { ToolRefusalError } from '@a2a-platform/mcp-kit';
import type { Database } from 'better-sqlite3';

/** Stock of one SKU in one warehouse. Quantities are in the item's unit. */
export interface StockLevel {
  sku: string;
  itemName: string;
  unit: string;
  /** Unit cost in EUR. */
  unitCost: number;
  warehouseId: string;
  onHand: number;
  reserved: number;
  /** `onHand - reserved`. */
  available: number;
  reorderPoint: number;
  reorderQuantity: number;
  /** True when `available` is below `reorderPoint`. */
  belowReorderPoint: boolean;
  updatedAt: string;
}

/** Filter for `StockRepository.listLevels`; an omitted field means "all". */
export interface StockFilter {
  skus?: readonly string[];
  warehouseId?: string;
}

/** A reservation request; `reservationId` makes retries safe. */
export interface ReservationRequest {
  reservationId: string;
  sku: string;
  warehouseId: string;
  quantity: number;
}

/** The stored reservation, the stock level after it, and whether it already existed. */
export interface ReservationOutcome {
  reservationId: string;
  sku: string;
  warehouseId: string;
  quantity: number;
  createdAt: string;
  level: StockLevel;
  /** True when the reservation id was already known and nothing changed. */
  replayed: boolean;
}

interface StockRow {
  sku: string;
  item_name: string;
  unit: string;
  unit_cost_cents: number;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  reorder_point: number;
  reorder_quantity: number;
  updated_at: string;
}

interface ReservationRow {
  id: string;
  sku: string;
  warehouse_id: string;
  quantity: number;
  created_at: string;
}

const SELECT_LEVELS = `
  SELECT s.sku, i.name AS item_name, i.unit, i.unit_cost_cents, s.warehouse_id, s.on_hand, s.reserved,
         s.reorder_point, s.reorder_quantity, s.updated_at
    FROM stock_levels s JOIN items i ON i.sku = s.sku`;

/** Reads stock levels and reserves stock. Every write runs in one transaction. */
export class StockRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The SKUs among `skus` that are not in the item catalogue, in input order. */
  unknownSkus(skus: readonly string[]): string[] {
    const known = new Set(
      (
        this.db
          .prepare('SELECT sku FROM items WHERE sku IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(skus)) as { sku: string }[]
      ).map((row) => row.sku),
    );
    return skus.filter((sku) => !known.has(sku));
  }

  /** Stock levels matching the filter, ordered by SKU then warehouse. */
  listLevels(filter: StockFilter = {}): StockLevel[] {
    const rows = this.db
      .prepare(
        `${SELECT_LEVELS}
          WHERE (:skus IS NULL OR s.sku IN (SELECT value FROM json_each(:skus)))
            AND (:warehouseId IS NULL OR s.warehouse_id = :warehouseId)
          ORDER BY s.sku, s.warehouse_id`,
      )
      .all({
        skus: filter.skus ? JSON.stringify(filter.skus) : null,
        warehouseId: filter.warehouseId ?? null,
      }) as StockRow[];
    return rows.map(toStockLevel);
  }

  /** Levels whose available quantity is below the reorder point, most urgent (largest shortfall ratio) first. */
  listBelowReorderPoint(warehouseId?: string): StockLevel[] {
    const rows = this.db
      .prepare(
        `${SELECT_LEVELS}
          WHERE s.on_hand - s.reserved < s.reorder_point
            AND (:warehouseId IS NULL OR s.warehouse_id = :warehouseId)
          ORDER BY CAST(s.on_hand - s.reserved AS REAL) / MAX(s.reorder_point, 1), s.sku, s.warehouse_id`,
      )
      .all({ warehouseId: warehouseId ?? null }) as StockRow[];
    return rows.map(toStockLevel);
  }

  /**
   * Reserves stock. A known `reservationId` with the same SKU, warehouse and quantity returns the
   * stored reservation (`replayed`); with different values it is refused. The reservation row is
   * written first and the stock update is guarded by `available >= quantity`, so a refusal rolls
   * both back.
   * @throws ToolRefusalError UNKNOWN_SKU, UNKNOWN_WAREHOUSE, NOT_STOCKED, INSUFFICIENT_STOCK, IDEMPOTENCY_CONFLICT
   */
  reserve(request: ReservationRequest): ReservationOutcome {
    return this.db.transaction((): ReservationOutcome => {
      const existing = this.db
        .prepare('SELECT * FROM reservations WHERE id = ?')
        .get(request.reservationId) as ReservationRow | undefined;
      if (existing) return this.replay(existing, request);
      this.assertStocked(request.sku, request.warehouseId);
      const createdAt = this.now().toISOString();
      this.db
        .prepare(
          'INSERT INTO reservations (id, sku, warehouse_id, quantity, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(request.reservationId, request.sku, request.warehouseId, request.quantity, createdAt);
      const update = this.db
        .prepare(
          `UPDATE stock_levels SET reserved = reserved + :quantity, updated_at = :at
            WHERE sku = :sku AND warehouse_id = :warehouseId AND on_hand - reserved >= :quantity`,
        )
        .run({
          quantity: request.quantity,
          at: createdAt,
          sku: request.sku,
          warehouseId: request.warehouseId,
        });
      const level = this.requireLevel(request.sku, request.warehouseId);
      if (update.changes === 0) {
        throw new ToolRefusalError(
          'INSUFFICIENT_STOCK',
          'quantity',
          `quantity ${request.quantity} exceeds the ${level.available} ${level.unit} available of ${request.sku} in ${request.warehouseId}`,
        );
      }
      return { ...request, createdAt, level, replayed: false };
    })();
  }

  private replay(existing: ReservationRow, request: ReservationRequest): ReservationOutcome {
    const same =
      existing.sku === request.sku &&
      existing.warehouse_id === request.warehouseId &&
      existing.quantity === request.quantity;
    if (!same) {
      throw new ToolRefusalError(
        'IDEMPOTENCY_CONFLICT',
        'reservationId',
        `reservationId ${request.reservationId} was already used for ${existing.quantity} x ${existing.sku} in ${existing.warehouse_id}`,
      );
    }
    return {
      reservationId: existing.id,
      sku: existing.sku,
      warehouseId: existing.warehouse_id,
      quantity: existing.quantity,
      createdAt: existing.created_at,
      level: this.requireLevel(existing.sku, existing.warehouse_id),
      replayed: true,
    };
  }

  private assertStocked(sku: string, warehouseId: string): void {
    if (this.unknownSkus([sku]).length > 0)
      throw new ToolRefusalError('UNKNOWN_SKU', 'sku', `unknown sku ${sku}`);
    if (!this.db.prepare('SELECT 1 FROM warehouses WHERE id = ?').get(warehouseId)) {
      throw new ToolRefusalError('UNKNOWN_WAREHOUSE', 'warehouseId', `unknown warehouseId ${warehouseId}`);
    }
    if (!this.findLevel(sku, warehouseId)) {
      throw new ToolRefusalError(
        'NOT_STOCKED',
        'sku',
        `sku ${sku} is not stocked in warehouse ${warehouseId}`,
      );
    }
  }

  private findLevel(sku: string, warehouseId: string): StockLevel | undefined {
    const row = this.db
      .prepare(`${SELECT_LEVELS} WHERE s.sku = ? AND s.warehouse_id = ?`)
      .get(sku, warehouseId) as StockRow | undefined;
    return row ? toStockLevel(row) : undefined;
  }

  private requireLevel(sku: string, warehouseId: string): StockLevel {
    const level = this.findLevel(sku, warehouseId);
    if (!level) throw new Error(`stock level ${sku}/${warehouseId} vanished inside a transaction`);
    return level;
  }
}

function toStockLevel(row: StockRow): StockLevel {
  const available = row.on_hand - row.reserved;
  return {
    sku: row.sku,
    itemName: row.item_name,
    unit: row.unit,
    unitCost: row.unit_cost_cents / 100,
    warehouseId: row.warehouse_id,
    onHand: row.on_hand,
    reserved: row.reserved,
    available,
    reorderPoint: row.reorder_point,
    reorderQuantity: row.reorder_quantity,
    belowReorderPoint: available < row.reorder_point,
    updatedAt: row.updated_at,
  };
}
