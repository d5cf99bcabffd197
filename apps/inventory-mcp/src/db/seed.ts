import type { Database } from 'better-sqlite3';
import { DEMO_ITEMS, DEMO_WAREHOUSES, demoStockLevels } from './demo-inventory.js';

const SEEDED_KEY = 'demo_data_seeded_at';

/**
 * Loads the demo warehouses, items and stock, once per database: a marker row in `service_meta`
 * records the first seeding, so later starts (or an emptied table) never re-seed.
 * @returns true when this call seeded the data.
 */
export function seedDemoInventory(db: Database, now = () => new Date()): boolean {
  return db.transaction(() => {
    const marker = db.prepare('SELECT value FROM service_meta WHERE key = ?').get(SEEDED_KEY);
    if (marker) return false;
    const at = now().toISOString();
    const warehouse = db.prepare('INSERT INTO warehouses (id, name, city, country) VALUES (?, ?, ?, ?)');
    for (const w of DEMO_WAREHOUSES) warehouse.run(w.id, w.name, w.city, w.country);
    const item = db.prepare('INSERT INTO items (sku, name, unit, unit_cost_cents) VALUES (?, ?, ?, ?)');
    for (const i of DEMO_ITEMS) item.run(i.sku, i.name, i.unit, i.unitCostCents);
    const stock = db.prepare(
      `INSERT INTO stock_levels (sku, warehouse_id, on_hand, reserved, reorder_point, reorder_quantity, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of demoStockLevels()) {
      stock.run(s.sku, s.warehouseId, s.onHand, s.reserved, s.reorderPoint, s.reorderQuantity, at);
    }
    db.prepare('INSERT INTO service_meta (key, value) VALUES (?, ?)').run(SEEDED_KEY, at);
    return true;
  })();
}
