import type { Database } from 'better-sqlite3';
import { openSqliteFile } from './database.js';
import { INVENTORY_MIGRATIONS } from './inventory-migrations.js';
import { isSchemaCurrent, runMigrations, type MigrationReport } from './migrator.js';
import { seedDemoInventory } from './seed.js';

/** An open inventory database and what opening it did. */
export interface OpenedInventoryDatabase {
  db: Database;
  migrations: MigrationReport;
  /** True on the first start, when the demo data was loaded. */
  seeded: boolean;
}

/** Opens the inventory SQLite file, applies pending migrations and seeds demo data on first start. */
export function openInventoryDatabase(path: string): OpenedInventoryDatabase {
  const db = openSqliteFile(path);
  try {
    const migrations = runMigrations(db, INVENTORY_MIGRATIONS);
    const seeded = seedDemoInventory(db);
    return { db, migrations, seeded };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Readiness: the database is open and at the latest schema version. */
export function isInventoryDatabaseReady(db: Database): boolean {
  if (!db.open) return false;
  try {
    return isSchemaCurrent(db, INVENTORY_MIGRATIONS);
  } catch {
    return false;
  }
}
