// Results are validated against the tools' zod output schemas in `call`; assertions then read them loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ToolDefinition } from '@a2a-platform/mcp-kit';
import { callToolDirectly, refusalText } from '@a2a-platform/test-support';
import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInventoryDatabase } from '../src/db/inventory-database.js';
import { StockRepository } from '../src/db/stock-repository.js';
import { WarehouseRepository } from '../src/db/warehouse-repository.js';
import { inventoryTools } from '../src/mcp/inventory-mcp-server.js';

describe('inventory tools on a real SQLite file', () => {
  let dir: string;
  let db: Database;
  let tools: Map<string, ToolDefinition>;

  const call = (name: string, args: Record<string, unknown>) => callToolDirectly(tools, name, args);
  const data = (name: string, args: Record<string, unknown> = {}) => {
    const result = call(name, args);
    expect(result.isError).toBeFalsy();
    return result.structuredContent as Record<string, any>;
  };
  const errorText = (name: string, args: Record<string, unknown>) => refusalText(call(name, args));
  const level = (sku: string, warehouseId: string) =>
    data('get_stock_levels', { skus: [sku], warehouseId }).levels[0];
  const count = (table: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inventory-mcp-'));
    db = openInventoryDatabase(join(dir, 'nested', 'inventory.db')).db;
    tools = new Map(
      inventoryTools({ stock: new StockRepository(db), warehouses: new WarehouseRepository(db) }).map((t) => [
        t.name,
        t,
      ]),
    );
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('database lifecycle', () => {
    it('migrates and seeds on first open only', () => {
      const items = count('items');
      expect(count('warehouses')).toBe(3);
      expect(items).toBeGreaterThanOrEqual(20);
      db.prepare('DELETE FROM stock_levels WHERE warehouse_id = ?').run('WH-MUC');
      const remaining = count('stock_levels');
      db.close();

      const reopened = openInventoryDatabase(join(dir, 'nested', 'inventory.db'));
      db = reopened.db;
      expect(reopened.migrations).toEqual({ applied: [], currentVersion: 3 });
      expect(reopened.seeded).toBe(false);
      expect(count('stock_levels')).toBe(remaining);
      expect(count('items')).toBe(items);
    });
  });

  describe('list_warehouses', () => {
    it('lists the three warehouses with stock summaries', () => {
      const { warehouses } = data('list_warehouses');
      expect(warehouses.map((w: { id: string }) => w.id)).toEqual(['WH-FRA', 'WH-HAM', 'WH-MUC']);
      for (const w of warehouses) expect(w.skuCount).toBeGreaterThan(0);
      expect(
        warehouses.reduce((n: number, w: { lowStockCount: number }) => n + w.lowStockCount, 0),
      ).toBeGreaterThan(2);
    });
  });

  describe('get_stock_levels', () => {
    it('filters by SKU list and by warehouse', () => {
      const bySku = data('get_stock_levels', { skus: ['BRG-6204-2RS', 'BRG-6305-ZZ'] });
      expect(bySku.count).toBe(5);
      for (const l of bySku.levels) expect(l.available).toBe(l.onHand - l.reserved);
      const byWarehouse = data('get_stock_levels', { warehouseId: 'WH-MUC' });
      expect(byWarehouse.levels.every((l: { warehouseId: string }) => l.warehouseId === 'WH-MUC')).toBe(true);
      expect(data('get_stock_levels').count).toBe(count('stock_levels'));
    });

    it('names the field for an unknown SKU or warehouse', () => {
      expect(errorText('get_stock_levels', { skus: ['BRG-6204-2RS', 'NOPE-1'] })).toMatch(/"skus".*NOPE-1/);
      expect(errorText('get_stock_levels', { warehouseId: 'WH-XXX' })).toMatch(/"warehouseId"/);
    });
  });

  describe('get_low_stock_items', () => {
    it('returns exactly the levels below their reorder point, with an order suggestion', () => {
      const { items, count: n } = data('get_low_stock_items');
      const expected = data('get_stock_levels').levels.filter((l: any) => l.available < l.reorderPoint);
      expect(n).toBe(expected.length);
      expect(n).toBeGreaterThanOrEqual(3);
      for (const item of items) {
        expect(item.available).toBeLessThan(item.reorderPoint);
        expect(item.suggestedOrderQuantity).toBeGreaterThanOrEqual(item.reorderQuantity);
        expect(item.available + item.suggestedOrderQuantity).toBeGreaterThanOrEqual(item.reorderPoint);
      }
      const muc = data('get_low_stock_items', { warehouseId: 'WH-MUC' }).items;
      expect(muc.length).toBeGreaterThan(0);
      expect(muc.every((i: { warehouseId: string }) => i.warehouseId === 'WH-MUC')).toBe(true);
    });

    it('reports a SKU once a reservation drops it below its reorder point', () => {
      const before = level('GRS-LIT-EP2-400', 'WH-FRA');
      expect(before.belowReorderPoint).toBe(false);
      data('reserve_stock', {
        reservationId: 'r-grease',
        sku: 'GRS-LIT-EP2-400',
        warehouseId: 'WH-FRA',
        quantity: before.available - before.reorderPoint + 1,
      });
      const low = data('get_low_stock_items', { warehouseId: 'WH-FRA' }).items.map(
        (i: { sku: string }) => i.sku,
      );
      expect(low).toContain('GRS-LIT-EP2-400');
    });
  });

  describe('reserve_stock', () => {
    const request = { reservationId: 'res-1', sku: 'BRG-6204-2RS', warehouseId: 'WH-HAM', quantity: 25 };

    it('reserves stock and is idempotent on the reservation id', () => {
      const before = level(request.sku, request.warehouseId);
      const first = data('reserve_stock', request);
      expect(first).toMatchObject({ ...request, replayed: false });
      expect(first.stock.reserved).toBe(before.reserved + 25);
      expect(first.stock.available).toBe(before.available - 25);

      const again = data('reserve_stock', request);
      expect(again).toMatchObject({ ...request, replayed: true, createdAt: first.createdAt });
      expect(level(request.sku, request.warehouseId).reserved).toBe(before.reserved + 25);
      expect(count('reservations')).toBe(1);
    });

    it('refuses to reuse a reservation id for a different request', () => {
      data('reserve_stock', request);
      expect(errorText('reserve_stock', { ...request, quantity: 26 })).toMatch(
        /"reservationId" \(IDEMPOTENCY_CONFLICT\)/,
      );
      expect(level(request.sku, request.warehouseId).reserved).toBe(20 + 25);
    });

    it('refuses more than available and leaves nothing half-written', () => {
      const before = level('HYD-OIL-46-20L', 'WH-MUC');
      const text = errorText('reserve_stock', {
        reservationId: 'too-much',
        sku: 'HYD-OIL-46-20L',
        warehouseId: 'WH-MUC',
        quantity: before.available + 1,
      });
      expect(text).toMatch(/"quantity" \(INSUFFICIENT_STOCK\).*2 pail available/);
      expect(level('HYD-OIL-46-20L', 'WH-MUC')).toEqual(before);
      expect(count('reservations')).toBe(0);
      // The refused id stays free: the same id with a quantity that fits succeeds.
      const ok = data('reserve_stock', {
        reservationId: 'too-much',
        sku: 'HYD-OIL-46-20L',
        warehouseId: 'WH-MUC',
        quantity: 2,
      });
      expect(ok.stock.available).toBe(0);
    });

    it('names the field for unknown SKUs, unknown warehouses and unstocked combinations', () => {
      expect(errorText('reserve_stock', { ...request, sku: 'NOPE-1' })).toMatch(/"sku" \(UNKNOWN_SKU\)/);
      expect(errorText('reserve_stock', { ...request, warehouseId: 'WH-XXX' })).toMatch(
        /"warehouseId" \(UNKNOWN_WAREHOUSE\)/,
      );
      expect(errorText('reserve_stock', { ...request, sku: 'BRG-6305-ZZ', warehouseId: 'WH-MUC' })).toMatch(
        /"sku" \(NOT_STOCKED\)/,
      );
      expect(count('reservations')).toBe(0);
    });

    it('rejects non-positive and fractional quantities in the input schema', () => {
      const schema = tools.get('reserve_stock')?.inputSchema;
      if (!schema) throw new Error('reserve_stock missing');
      for (const quantity of [0, -3, 1.5, '2']) {
        const parsed = schema.safeParse({ ...request, quantity });
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0].path).toEqual(['quantity']);
      }
    });
  });
});
