import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Read-only look into the ERP's SQLite file, to check what the agent did without going through it. */
export class ErpDatabaseView {
  constructor(private readonly dataDir: string) {}

  /** Orders whose idempotency key starts with `${taskId}:` (the agent's keys). */
  ordersOfTask(taskId: string): { id: string; status: string; supplierId: string }[] {
    return this.read((db) =>
      db
        .prepare(
          `SELECT id, status, supplier_id AS supplierId FROM purchase_orders
           WHERE idempotency_key LIKE ? ORDER BY id`,
        )
        .all(`${taskId}:%`),
    ) as { id: string; status: string; supplierId: string }[];
  }

  /** Status of one order. */
  orderStatus(orderId: string): string | undefined {
    const row = this.read((db) =>
      db.prepare('SELECT status FROM purchase_orders WHERE id = ?').get(orderId),
    ) as { status: string } | undefined;
    return row?.status;
  }

  /** Notification outbox rows of one order. */
  outbox(orderId: string): { recipient: string; status: string }[] {
    return this.read((db) =>
      db.prepare('SELECT recipient, status FROM notification_outbox WHERE order_id = ?').all(orderId),
    ) as { recipient: string; status: string }[];
  }

  /** Number of purchase orders. */
  orderCount(): number {
    return (this.read((db) => db.prepare('SELECT count(*) AS n FROM purchase_orders').get()) as { n: number })
      .n;
  }

  private read<T>(query: (db: Database.Database) => T): T {
    const db = new Database(join(this.dataDir, 'erp.db'), { readonly: true, fileMustExist: true });
    try {
      return query(db);
    } finally {
      db.close();
    }
  }
}
