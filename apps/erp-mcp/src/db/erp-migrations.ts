import type { Migration } from '@a2a-platform/mcp-kit';

/** Schema of the ERP database, oldest first. Append new migrations; never edit applied ones. */
export const ERP_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'item catalogue, suppliers and price lists',
    up: `
      CREATE TABLE catalog_items (
        sku  TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        unit TEXT NOT NULL
      );
      CREATE TABLE suppliers (
        id       TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        email    TEXT NOT NULL,
        country  TEXT NOT NULL,
        rating   REAL NOT NULL CHECK (rating BETWEEN 0 AND 5),
        currency TEXT NOT NULL DEFAULT 'EUR'
      );
      CREATE TABLE supplier_prices (
        supplier_id        TEXT    NOT NULL REFERENCES suppliers (id),
        sku                TEXT    NOT NULL REFERENCES catalog_items (sku),
        unit_price_cents   INTEGER NOT NULL CHECK (unit_price_cents > 0),
        lead_time_days     INTEGER NOT NULL CHECK (lead_time_days >= 0),
        min_order_quantity INTEGER NOT NULL CHECK (min_order_quantity >= 1),
        PRIMARY KEY (supplier_id, sku)
      );
      CREATE INDEX supplier_prices_by_sku ON supplier_prices (sku, unit_price_cents);
    `,
  },
  {
    version: 2,
    name: 'purchase orders and lines',
    up: `
      CREATE TABLE purchase_orders (
        id                     TEXT PRIMARY KEY,
        supplier_id            TEXT NOT NULL REFERENCES suppliers (id),
        status                 TEXT NOT NULL
                               CHECK (status IN ('pending_approval', 'approved', 'rejected', 'cancelled')),
        currency               TEXT NOT NULL,
        total_cents            INTEGER NOT NULL CHECK (total_cents >= 0),
        expected_delivery_date TEXT NOT NULL,
        notes                  TEXT,
        requested_by           TEXT,
        idempotency_key        TEXT NOT NULL UNIQUE,
        request_fingerprint    TEXT NOT NULL,
        approved_by            TEXT,
        approved_at            TEXT,
        approval_comment       TEXT,
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL
      );
      CREATE INDEX purchase_orders_by_status ON purchase_orders (status, created_at);
      CREATE TABLE purchase_order_lines (
        order_id         TEXT    NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
        line_no          INTEGER NOT NULL CHECK (line_no >= 1),
        sku              TEXT    NOT NULL REFERENCES catalog_items (sku),
        quantity         INTEGER NOT NULL CHECK (quantity > 0),
        unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents > 0),
        line_total_cents INTEGER NOT NULL CHECK (line_total_cents > 0),
        lead_time_days   INTEGER NOT NULL CHECK (lead_time_days >= 0),
        PRIMARY KEY (order_id, line_no),
        UNIQUE (order_id, sku)
      );
    `,
  },
  {
    version: 3,
    name: 'notification outbox',
    up: `
      CREATE TABLE notification_outbox (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id   TEXT NOT NULL REFERENCES purchase_orders (id),
        event_type TEXT NOT NULL,
        channel    TEXT NOT NULL DEFAULT 'email',
        recipient  TEXT NOT NULL,
        subject    TEXT NOT NULL,
        payload    TEXT NOT NULL CHECK (json_valid(payload)),
        status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        created_at TEXT NOT NULL,
        sent_at    TEXT,
        UNIQUE (order_id, event_type, recipient)
      );
      CREATE INDEX notification_outbox_pending ON notification_outbox (status, id);
    `,
  },
  {
    version: 4,
    name: 'service metadata',
    up: `
      CREATE TABLE service_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];
