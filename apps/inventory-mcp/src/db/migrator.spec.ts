import BetterSqlite3, { type Database } from 'better-sqlite3';
import { currentSchemaVersion, isSchemaCurrent, runMigrations, type Migration } from './migrator.js';

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

describe('runMigrations', () => {
  let db: Database;
  beforeEach(() => (db = new BetterSqlite3(':memory:')));
  afterEach(() => db.close());

  it('applies pending migrations in order and records each once', () => {
    expect(currentSchemaVersion(db)).toBe(0);
    expect(runMigrations(db, MIGRATIONS)).toEqual({ applied: [1, 2], currentVersion: 2 });
    expect(runMigrations(db, MIGRATIONS)).toEqual({ applied: [], currentVersion: 2 });
    const ledger = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(ledger).toEqual([
      { version: 1, name: 'a' },
      { version: 2, name: 'b' },
    ]);
    expect(isSchemaCurrent(db, MIGRATIONS)).toBe(true);
  });

  it('only applies the migrations added since the last run', () => {
    runMigrations(db, MIGRATIONS.slice(0, 1));
    expect(isSchemaCurrent(db, MIGRATIONS)).toBe(false);
    expect(runMigrations(db, MIGRATIONS).applied).toEqual([2]);
  });

  it('rolls a failing migration back whole and leaves the earlier ones applied', () => {
    const broken: Migration = {
      version: 3,
      name: 'broken',
      up: 'CREATE TABLE c (id INTEGER); INSERT INTO nope VALUES (1);',
    };
    expect(() => runMigrations(db, [...MIGRATIONS, broken])).toThrow(/nope/);
    expect(currentSchemaVersion(db)).toBe(2);
    expect(tableNames(db)).not.toContain('c');
  });

  it('refuses migrations listed out of order', () => {
    expect(() => runMigrations(db, [MIGRATIONS[1], MIGRATIONS[0]])).toThrow(/out of order/);
    expect(currentSchemaVersion(db)).toBe(0);
  });
});
