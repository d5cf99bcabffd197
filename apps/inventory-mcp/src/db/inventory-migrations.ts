import type { Migration } from '@a2a-platform/mcp-kit';

/** Schema of the inventory database, oldest first. Append new migrations; never edit applied ones. */
export const INVENTORY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'warehouses, items and stock levels',
    up: `
      CREATE TABLE warehouses (
        id      TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        city    TEXT NOT NULL,
        country TEXT NOT NULL
      );
      CREATE TABLE items (
        sku             TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        unit            TEXT NOT NULL,
        unit_cost_cents INTEGER NOT NULL CHECK (unit_cost_cents >= 0)
      );
      CREATE TABLE stock_levels (
        sku              TEXT NOT NULL REFERENCES items (sku),
        warehouse_id     TEXT NOT NULL REFERENCES warehouses (id),
        on_hand          INTEGER NOT NULL CHECK (on_hand >= 0),
        reserved         INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
        reorder_point    INTEGER NOT NULL CHECK (reorder_point >= 0),
        reorder_quantity INTEGER NOT NULL CHECK (reorder_quantity > 0),
        updated_at       TEXT NOT NULL,
        PRIMARY KEY (sku, warehouse_id)
      );
      CREATE INDEX stock_levels_by_warehouse ON stock_levels (warehouse_id, sku);
    `,
  },
  {
    version: 2,
    name: 'stock reservations',
    up: `
      CREATE TABLE reservations (
        id           TEXT PRIMARY KEY,
        sku          TEXT NOT NULL,
        warehouse_id TEXT NOT NULL,
        quantity     INTEGER NOT NULL CHECK (quantity > 0),
        created_at   TEXT NOT NULL,
        FOREIGN KEY (sku, warehouse_id) REFERENCES stock_levels (sku, warehouse_id)
      );
    `,
  },
  {
    version: 3,
    name: 'service metadata',
    up: `
      CREATE TABLE service_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];
