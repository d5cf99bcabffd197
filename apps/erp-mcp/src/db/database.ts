import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens (creating if needed) the SQLite file with the settings this service relies on:
 * WAL journal for concurrent readers, enforced foreign keys, and a busy timeout so a second
 * process waits for the write lock instead of failing at once.
 */
export function openSqliteFile(path: string): Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
