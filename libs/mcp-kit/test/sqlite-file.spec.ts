import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteFile, SqliteMigrator } from '../src/index.js';

const MIGRATOR = new SqliteMigrator([
  { version: 1, name: 'items', up: 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)' },
]);
const seedOnce = (db: Database) => {
  if (db.prepare('SELECT 1 FROM items').get()) return false;
  db.prepare('INSERT INTO items (name) VALUES (?)').run('first');
  return true;
};

describe('openSqliteFile', () => {
  let dir: string;
  const opened: Database[] = [];
  const open = (file: string) => {
    const db = new BetterSqlite3(file);
    opened.push(db);
    return db;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mcp-kit-sqlite-'))));
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder, configures the connection, migrates and seeds on the first open only', () => {
    const path = join(dir, 'nested', 'deeper', 'service.db');
    const first = openSqliteFile({ path, open, migrator: MIGRATOR, seed: seedOnce });
    expect(first).toMatchObject({ migrations: { applied: [1], currentVersion: 1 }, seeded: true });
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    first.db.close();

    const again = openSqliteFile({ path, open, migrator: MIGRATOR, seed: seedOnce });
    expect(again).toMatchObject({ migrations: { applied: [], currentVersion: 1 }, seeded: false });
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 1 });
  });

  it('seeds nothing without a seed function', () => {
    const { seeded } = openSqliteFile({ path: join(dir, 'plain.db'), open, migrator: MIGRATOR });
    expect(seeded).toBe(false);
  });

  it('closes the file when migrating or seeding fails', () => {
    const broken = new SqliteMigrator([{ version: 1, name: 'broken', up: 'INSERT INTO nope VALUES (1)' }]);
    expect(() => openSqliteFile({ path: join(dir, 'a.db'), open, migrator: broken })).toThrow(/nope/);
    expect(opened[0].open).toBe(false);
    const failingSeed = () => {
      throw new Error('seed failed');
    };
    expect(() =>
      openSqliteFile({ path: join(dir, 'b.db'), open, migrator: MIGRATOR, seed: failingSeed }),
    ).toThrow(/seed failed/);
    expect(opened[1].open).toBe(false);
  });
});
