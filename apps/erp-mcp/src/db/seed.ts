import type { Database } from 'better-sqlite3';
import { DEMO_APPROVER, DEMO_CATALOG, DEMO_ORDERS, DEMO_SUPPLIERS } from './demo-erp.js';
import { NotificationOutboxRepository } from './notification-outbox-repository.js';
import { PurchaseOrderRepository } from './purchase-order-repository.js';

const SEEDED_KEY = 'demo_data_seeded_at';
const HOUR_MS = 3_600_000;

/**
 * Loads the demo catalogue, suppliers, price lists and order history, once per database: a
 * marker row in `service_meta` records the first seeding, so later starts never re-seed.
 * @returns true when this call seeded the data.
 */
export function seedDemoErp(db: Database, now = () => new Date()): boolean {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM service_meta WHERE key = ?').get(SEEDED_KEY)) return false;
    const seededAt = now();
    const item = db.prepare('INSERT INTO catalog_items (sku, name, unit) VALUES (?, ?, ?)');
    for (const i of DEMO_CATALOG) item.run(i.sku, i.name, i.unit);
    const supplier = db.prepare(
      'INSERT INTO suppliers (id, name, email, country, rating) VALUES (?, ?, ?, ?, ?)',
    );
    const price = db.prepare(
      `INSERT INTO supplier_prices (supplier_id, sku, unit_price_cents, lead_time_days, min_order_quantity)
       VALUES (?, ?, ?, ?, ?)`,
    );
    for (const s of DEMO_SUPPLIERS) {
      supplier.run(s.id, s.name, s.email, s.country, s.rating);
      for (const [sku, cents, leadTimeDays, moq] of s.offers) price.run(s.id, sku, cents, leadTimeDays, moq);
    }
    for (const demo of DEMO_ORDERS) {
      // Each step of an order's history happens a few hours after the previous one.
      let clock = seededAt.getTime() - demo.ageDays * 24 * HOUR_MS;
      const tick = () => new Date((clock += 3 * HOUR_MS));
      const orders = new PurchaseOrderRepository(db, tick);
      const { order } = orders.create(demo);
      if (demo.outcome === 'cancelled') orders.cancel(order.orderId);
      if (demo.outcome === 'approved_and_sent') {
        orders.approve(order.orderId, DEMO_APPROVER, 'Within the quarterly budget');
        const outbox = new NotificationOutboxRepository(db, tick);
        outbox.markSent(outbox.queuePurchaseOrder(order.orderId).notification.notificationId);
      }
    }
    db.prepare('INSERT INTO service_meta (key, value) VALUES (?, ?)').run(SEEDED_KEY, seededAt.toISOString());
    return true;
  })();
}
