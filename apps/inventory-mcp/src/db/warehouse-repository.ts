import type { Database } from 'better-sqlite3';

/** A warehouse with a summary of what it holds. */
export interface WarehouseSummary {
  id: string;
  name: string;
  city: string;
  country: string;
  /** Number of SKUs stocked there. */
  skuCount: number;
  /** Sum of on-hand units over all SKUs. */
  totalOnHand: number;
  /** SKUs whose available quantity is below their reorder point. */
  lowStockCount: number;
}

interface WarehouseRow {
  id: string;
  name: string;
  city: string;
  country: string;
  sku_count: number;
  total_on_hand: number | null;
  low_stock_count: number | null;
}

/** Reads warehouses. */
export class WarehouseRepository {
  constructor(private readonly db: Database) {}

  /** All warehouses, ordered by id, with stock summaries. */
  list(): WarehouseSummary[] {
    const rows = this.db
      .prepare(
        `SELECT w.id, w.name, w.city, w.country,
                COUNT(s.sku) AS sku_count,
                SUM(s.on_hand) AS total_on_hand,
                SUM(CASE WHEN s.on_hand - s.reserved < s.reorder_point THEN 1 ELSE 0 END) AS low_stock_count
           FROM warehouses w LEFT JOIN stock_levels s ON s.warehouse_id = w.id
          GROUP BY w.id ORDER BY w.id`,
      )
      .all() as WarehouseRow[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      city: row.city,
      country: row.country,
      skuCount: row.sku_count,
      totalOnHand: row.total_on_hand ?? 0,
      lowStockCount: row.low_stock_count ?? 0,
    }));
  }

  /** True when a warehouse with this id exists. */
  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM warehouses WHERE id = ?').get(id) !== undefined;
  }
}
