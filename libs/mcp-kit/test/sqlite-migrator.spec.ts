import BetterSqlite3, { type Database } from 'better-sqlite3';
import { SqliteMigrator, type Migration } from '../src/index.js';

const MIGRATIONS: Migration[] = [
  { version: 1, name: 'a', up: 'CREATE TABLE a (id INTEGER PRIMARY KEY)' },
  { version: 2, name: 'b', up: 'CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO a (id) VALUES (1);' },
];

const tableNames = (db: Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);

describe('SqliteMigrator', () => {
  let db: Database;
  beforeEach(() => (db = new BetterSqlite3(':memory:')));
  afterEach(() => {
    if (db.open) db.close();
  });

  it('applies pending migrations in order and records each once, with its time', () => {
    const migrator = new SqliteMigrator(MIGRATIONS, () => new Date('2026-01-02T03:04:05.000Z'));
    expect(migrator.currentVersion(db)).toBe(0);
    expect(migrator.isCurrent(db)).toBe(false);
    expect(migrator.migrate(db)).toEqual({ applied: [1, 2], currentVersion: 2 });
    expect(migrator.migrate(db)).toEqual({ applied: [], currentVersion: 2 });
    const ledger = db
      .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
      .all();
    expect(ledger).toEqual([
      { version: 1, name: 'a', applied_at: '2026-01-02T03:04:05.000Z' },
      { version: 2, name: 'b', applied_at: '2026-01-02T03:04:05.000Z' },
    ]);
    expect(migrator.isCurrent(db)).toBe(true);
  });

  it('only applies the migrations added since the last run', () => {
    new SqliteMigrator(MIGRATIONS.slice(0, 1)).migrate(db);
    const migrator = new SqliteMigrator(MIGRATIONS);
    expect(migrator.isCurrent(db)).toBe(false);
    expect(migrator.migrate(db).applied).toEqual([2]);
  });

  it('rolls a failing migration back whole and leaves the earlier ones applied', () => {
    const broken: Migration = {
      version: 3,
      name: 'broken',
      up: 'CREATE TABLE c (id INTEGER); INSERT INTO nope VALUES (1);',
    };
    const migrator = new SqliteMigrator([...MIGRATIONS, broken]);
    expect(() => migrator.migrate(db)).toThrow(/nope/);
    expect(migrator.currentVersion(db)).toBe(2);
    expect(tableNames(db)).not.toContain('c');
    expect(migrator.isCurrent(db)).toBe(false);
  });

  it('refuses migrations listed out of order before touching any database', () => {
    expect(() => new SqliteMigrator([MIGRATIONS[1], MIGRATIONS[0]])).toThrow(/out of order/);
    expect(() => new SqliteMigrator([MIGRATIONS[0], MIGRATIONS[0]])).toThrow(/out of order/);
  });

  it('reports a closed database as not current instead of throwing', () => {
    const migrator = new SqliteMigrator(MIGRATIONS);
    migrator.migrate(db);
    db.close();
    expect(migrator.isCurrent(db)).toBe(false);
  });
});
