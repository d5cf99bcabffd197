import type { Database } from 'better-sqlite3';
import { openSqliteFile } from './database.js';
import { ERP_MIGRATIONS } from './erp-migrations.js';
import { isSchemaCurrent, runMigrations, type MigrationReport } from './migrator.js';
import { seedDemoErp } from './seed.js';

/** An open ERP database and what opening it did. */
export interface OpenedErpDatabase {
  db: Database;
  migrations: MigrationReport;
  /** True on the first start, when the demo data was loaded. */
  seeded: boolean;
}

/** Opens the ERP SQLite file, applies pending migrations and seeds demo data on first start. */
export function openErpDatabase(path: string): OpenedErpDatabase {
  const db = openSqliteFile(path);
  try {
    const migrations = runMigrations(db, ERP_MIGRATIONS);
    const seeded = seedDemoErp(db);
    return { db, migrations, seeded };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Readiness: the database is open and at the latest schema version. */
export function isErpDatabaseReady(db: Database): boolean {
  if (!db.open) return false;
  try {
    return isSchemaCurrent(db, ERP_MIGRATIONS);
  } catch {
    return false;
  }
}
