import { openSqliteFile, SqliteMigrator, type OpenedSqliteFile } from '@a2a-platform/mcp-kit';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { INVENTORY_MIGRATIONS } from './inventory-migrations.js';
import { seedDemoInventory } from './seed.js';

const SCHEMA = new SqliteMigrator(INVENTORY_MIGRATIONS);

/** Opens the inventory SQLite file, applies pending migrations and seeds demo data on first start. */
export function openInventoryDatabase(path: string): OpenedSqliteFile<Database> {
  return openSqliteFile({
    path,
    open: (file) => new BetterSqlite3(file),
    migrator: SCHEMA,
    seed: seedDemoInventory,
  });
}

/** Readiness: the database is open and at the latest schema version. */
export function isInventoryDatabaseReady(db: Database): boolean {
  return SCHEMA.isCurrent(db);
}
