/**
 * The part of a better-sqlite3 `Database` the migrator uses. Structural, so mcp-kit (which agents
 * also load, for the MCP client) depends on neither the native driver nor its types.
 */
export interface SqliteDatabase {
  readonly open: boolean;
  exec(sql: string): unknown;
  prepare(sql: string): { get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  transaction(fn: () => void): () => void;
}

/** One forward-only schema change. Versions are applied in ascending order, each exactly once. */
export interface Migration {
  /** Strictly increasing version number. */
  version: number;
  /** Short description stored in `schema_migrations`. */
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
}

/** What {@link SqliteMigrator.migrate} did. */
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

/**
 * Brings a SQLite database to the latest version of a schema, recording each applied migration
 * in a `schema_migrations` ledger. Each migration and its ledger row commit together, so a
 * failing migration leaves the database at the previous version.
 */
export class SqliteMigrator {
  /** Highest version the migrations reach. */
  readonly latestVersion: number;

  /**
   * @param migrations - the schema's migrations, oldest first.
   * @param now - clock for `applied_at`. @defaultValue () => new Date()
   * @throws Error when the versions are not strictly increasing.
   */
  constructor(
    private readonly migrations: readonly Migration[],
    private readonly now: () => Date = () => new Date(),
  ) {
    migrations.forEach((migration, index) => {
      const previous = migrations[index - 1];
      if (previous && migration.version <= previous.version) {
        throw new Error(`Migration ${migration.version} (${migration.name}) is out of order`);
      }
    });
    this.latestVersion = migrations.at(-1)?.version ?? 0;
  }

  /** Highest applied migration version, or 0 on a fresh database. */
  currentVersion(db: SqliteDatabase): number {
    const ledger = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!ledger) return 0;
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    return row.version ?? 0;
  }

  /**
   * Readiness: true when the database is open and every migration is applied. Never throws, so it
   * can back a health check directly.
   */
  isCurrent(db: SqliteDatabase): boolean {
    if (!db.open) return false;
    try {
      return this.currentVersion(db) >= this.latestVersion;
    } catch {
      return false;
    }
  }

  /** Applies the pending migrations in version order. */
  migrate(db: SqliteDatabase): MigrationReport {
    db.exec(CREATE_LEDGER);
    const from = this.currentVersion(db);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const migration of this.migrations) {
      if (migration.version <= from) continue;
      db.transaction(() => {
        db.exec(migration.up);
        record.run(migration.version, migration.name, this.now().toISOString());
      })();
      applied.push(migration.version);
    }
    return { applied, currentVersion: this.currentVersion(db) };
  }
}
