import { openSqliteFile, SqliteMigrator, type OpenedSqliteFile } from '@a2a-platform/mcp-kit';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ERP_MIGRATIONS } from './erp-migrations.js';
import { seedDemoErp } from './seed.js';

const SCHEMA = new SqliteMigrator(ERP_MIGRATIONS);

/** Opens the ERP SQLite file, applies pending migrations and seeds demo data on first start. */
export function openErpDatabase(path: string): OpenedSqliteFile<Database> {
  return openSqliteFile({
    path,
    open: (file) => new BetterSqlite3(file),
    migrator: SCHEMA,
    seed: seedDemoErp,
  });
}

/** Readiness: the database is open and at the latest schema version. */
export function isErpDatabaseReady(db: Database): boolean {
  return SCHEMA.isCurrent(db);
}
