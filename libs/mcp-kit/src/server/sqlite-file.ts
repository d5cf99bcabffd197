import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MigrationReport, SqliteDatabase, SqliteMigrator } from './sqlite-migrator.js';

/** A SQLite connection the service configures and closes; better-sqlite3's `Database` fits. */
export interface SqliteFileDatabase extends SqliteDatabase {
  pragma(source: string): unknown;
  close(): unknown;
}

/** An open, migrated SQLite file and what opening it did. */
export interface OpenedSqliteFile<D> {
  db: D;
  migrations: MigrationReport;
  /** True when `seed` loaded data, i.e. on the first start. */
  seeded: boolean;
}

/** What {@link openSqliteFile} opens and how. */
export interface SqliteFileOptions<D> {
  path: string;
  /** Opens the file with the app's driver, e.g. `(file) => new BetterSqlite3(file)`. */
  open: (path: string) => D;
  migrator: SqliteMigrator;
  /** Loads first-start data once migrated; returns true when it did. @defaultValue nothing is seeded */
  seed?: (db: D) => boolean;
}

/**
 * Opens (creating it and its folder if needed) a service's SQLite file with the settings services
 * rely on: WAL journal for concurrent readers, enforced foreign keys, and a busy timeout so a
 * second process waits for the write lock instead of failing at once. Then applies the pending
 * migrations and seeds; when any step fails the file is closed again and the error rethrown.
 */
export function openSqliteFile<D extends SqliteFileDatabase>(
  options: SqliteFileOptions<D>,
): OpenedSqliteFile<D> {
  mkdirSync(dirname(options.path), { recursive: true });
  const db = options.open(options.path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const migrations = options.migrator.migrate(db);
    const seeded = options.seed?.(db) ?? false;
    return { db, migrations, seeded };
  } catch (error) {
    db.close();
    throw error;
  }
}
