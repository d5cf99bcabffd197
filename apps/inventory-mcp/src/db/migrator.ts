import type { Database } from 'better-sqlite3';

/** One forward-only schema change. Versions are applied in ascending order, each exactly once. */
export interface Migration {
  /** Strictly increasing version number. */
  version: number;
  /** Short description stored in `schema_migrations`. */
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
}

/** What `runMigrations` did. */
export interface MigrationReport {
  /** Versions applied by this call, in order. */
  applied: number[];
  /** Highest version in the database afterwards. */
  currentVersion: number;
}

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL
  )`;

/** Highest applied migration version, or 0 on a fresh database. */
export function currentSchemaVersion(db: Database): number {
  const ledger = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!ledger) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/** True when every given migration is recorded as applied. */
export function isSchemaCurrent(db: Database, migrations: readonly Migration[]): boolean {
  const latest = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  return currentSchemaVersion(db) >= latest;
}

/**
 * Applies the pending migrations in version order. Each migration and its ledger row commit
 * together, so a failing migration leaves the database at the previous version.
 */
export function runMigrations(
  db: Database,
  migrations: readonly Migration[],
  now = () => new Date(),
): MigrationReport {
  assertOrdered(migrations);
  db.exec(CREATE_LEDGER);
  const from = currentSchemaVersion(db);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.up);
      record.run(migration.version, migration.name, now().toISOString());
    })();
    applied.push(migration.version);
  }
  return { applied, currentVersion: currentSchemaVersion(db) };
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && migration.version <= previous.version) {
      throw new Error(`Migration ${migration.version} (${migration.name}) is out of order`);
    }
  });
}
