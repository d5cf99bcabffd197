// Results are validated against the tools' zod output schemas in `call`; assertions then read them loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ToolDefinition } from '@a2a-platform/mcp-kit';
import { callToolDirectly, refusalText } from '@a2a-platform/test-support';
import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openErpDatabase } from '../src/db/erp-database.js';
import { NotificationOutboxRepository } from '../src/db/notification-outbox-repository.js';
import { PurchaseOrderRepository } from '../src/db/purchase-order-repository.js';
import { SupplierRepository } from '../src/db/supplier-repository.js';
import { erpTools } from '../src/mcp/erp-mcp-server.js';

const NOW = new Date('2026-03-02T09:30:00.000Z');

describe('ERP tools on a real SQLite file', () => {
  let dir: string;
  let db: Database;
  let tools: Map<string, ToolDefinition>;

  const call = (name: string, args: Record<string, unknown>) => callToolDirectly(tools, name, args);
  const data = (name: string, args: Record<string, unknown> = {}) => {
    const result = call(name, args);
    expect(result.content).toEqual([{ type: 'text', text: expect.any(String) }]);
    expect(result.isError).toBeFalsy();
    return result.structuredContent as Record<string, any>;
  };
  const errorText = (name: string, args: Record<string, unknown>) => refusalText(call(name, args));
  const count = (table: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const order = {
    supplierId: 'SUP-NORDBEAR',
    lines: [
      { sku: 'BRG-6204-2RS', quantity: 150 },
      { sku: 'GRS-LIT-EP2-400', quantity: 48 },
    ],
    idempotencyKey: 'replenish-2026-03-02-fra',
    requestedBy: 'procurement-agent',
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'erp-mcp-'));
    db = openErpDatabase(join(dir, 'erp.db')).db;
    const now = () => NOW;
    tools = new Map(
      erpTools({
        suppliers: new SupplierRepository(db),
        orders: new PurchaseOrderRepository(db, now),
        outbox: new NotificationOutboxRepository(db, now),
      }).map((t) => [t.name, t]),
    );
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('database lifecycle', () => {
    it('seeds suppliers, price lists and an order history once', () => {
      expect(count('suppliers')).toBeGreaterThanOrEqual(6);
      expect(count('supplier_prices')).toBeGreaterThan(30);
      const history = ['PO-000001', 'PO-000002', 'PO-000003'].map((orderId) =>
        data('get_purchase_order', { orderId }),
      );
      expect(history.map((o) => o.status)).toEqual(['approved', 'pending_approval', 'cancelled']);
      expect(history[0].notifications).toEqual([expect.objectContaining({ status: 'sent' })]);
      data('create_purchase_order', order);
      db.close();

      const reopened = openErpDatabase(join(dir, 'erp.db'));
      db = reopened.db;
      expect(reopened.migrations).toEqual({ applied: [], currentVersion: 4 });
      expect(reopened.seeded).toBe(false);
      expect(count('purchase_orders')).toBe(4);
      expect(count('notification_outbox')).toBe(1);
    });
  });

  describe('list_suppliers', () => {
    it('lists every supplier with its price list', () => {
      const { suppliers, count: n } = data('list_suppliers');
      expect(n).toBe(count('suppliers'));
      for (const s of suppliers) expect(s.offers.length).toBeGreaterThan(0);
    });

    it('lists the offers for one SKU, cheapest first', () => {
      const { suppliers } = data('list_suppliers', { sku: 'BRG-6204-2RS' });
      expect(suppliers.map((s: any) => s.supplierId)).toEqual(['SUP-NORDBEAR', 'SUP-ALLROUND']);
      expect(suppliers[0].offers).toEqual([
        expect.objectContaining({
          sku: 'BRG-6204-2RS',
          unitPrice: 4.55,
          leadTimeDays: 7,
          minOrderQuantity: 50,
        }),
      ]);
    });

    it('names the field for an unknown SKU', () => {
      expect(errorText('list_suppliers', { sku: 'NOPE-1' })).toMatch(/"sku" \(UNKNOWN_SKU\)/);
    });
  });

  describe('create_purchase_order', () => {
    it('prices the order from the price list and starts it in pending_approval', () => {
      const created = data('create_purchase_order', order);
      expect(created).toMatchObject({
        orderId: 'PO-000004',
        supplierId: 'SUP-NORDBEAR',
        status: 'pending_approval',
        currency: 'EUR',
        total: 951.3,
        expectedDeliveryDate: '2026-03-09',
        approvedBy: null,
        replayed: false,
        notifications: [],
      });
      expect(created.lines.map((l: any) => [l.lineNo, l.sku, l.unitPrice, l.lineTotal])).toEqual([
        [1, 'BRG-6204-2RS', 4.55, 682.5],
        [2, 'GRS-LIT-EP2-400', 5.6, 268.8],
      ]);
    });

    it('returns the same order for the same idempotency key', () => {
      const first = data('create_purchase_order', order);
      const again = data('create_purchase_order', order);
      expect(again).toEqual({ ...first, replayed: true });
      expect(count('purchase_orders')).toBe(4);
      expect(errorText('create_purchase_order', { ...order, lines: order.lines.slice(0, 1) })).toMatch(
        /"idempotencyKey" \(IDEMPOTENCY_CONFLICT\).*PO-000004/,
      );
    });

    it('refuses a bad line without writing any part of the order', () => {
      const before = [count('purchase_orders'), count('purchase_order_lines')];
      const refusals: [Record<string, unknown>, RegExp][] = [
        [{ lines: [...order.lines, { sku: 'NOPE-1', quantity: 5 }] }, /"lines\[2\]\.sku" \(UNKNOWN_SKU\)/],
        [
          { lines: [order.lines[0], { sku: 'GLV-NIT-L', quantity: 24 }] },
          /"lines\[1\]\.sku" \(SKU_NOT_OFFERED\)/,
        ],
        [
          { lines: [order.lines[0], { sku: 'BRG-6305-ZZ', quantity: 39 }] },
          /"lines\[1\]\.quantity" \(BELOW_MIN_ORDER_QUANTITY\).*40/,
        ],
        [{ lines: [order.lines[0], order.lines[0]] }, /"lines\[1\]\.sku" \(DUPLICATE_LINE\)/],
        [{ supplierId: 'SUP-NOPE' }, /"supplierId" \(UNKNOWN_SUPPLIER\)/],
      ];
      for (const [change, message] of refusals) {
        expect(errorText('create_purchase_order', { ...order, ...change })).toMatch(message);
        expect([count('purchase_orders'), count('purchase_order_lines')]).toEqual(before);
      }
      // A refused request does not burn its idempotency key.
      expect(data('create_purchase_order', order).replayed).toBe(false);
    });

    it('rejects non-positive quantities and empty line lists in the input schema', () => {
      const schema = tools.get('create_purchase_order')?.inputSchema;
      if (!schema) throw new Error('create_purchase_order missing');
      const zero = schema.safeParse({ ...order, lines: [{ sku: 'BRG-6204-2RS', quantity: 0 }] });
      expect(zero.error?.issues[0].path).toEqual(['lines', 0, 'quantity']);
      expect(schema.safeParse({ ...order, lines: [] }).error?.issues[0].path).toEqual(['lines']);
    });
  });

  describe('get_purchase_order', () => {
    it('names the field for an unknown order', () => {
      expect(errorText('get_purchase_order', { orderId: 'PO-999999' })).toMatch(
        /"orderId" \(UNKNOWN_ORDER\)/,
      );
    });
  });

  describe('approve_purchase_order', () => {
    it('approves a pending order once and replays later approvals', () => {
      const { orderId } = data('create_purchase_order', order);
      const approved = data('approve_purchase_order', { orderId, approver: 'a.buyer', comment: 'ok' });
      expect(approved).toMatchObject({
        status: 'approved',
        approvedBy: 'a.buyer',
        approvalComment: 'ok',
        replayed: false,
      });
      const again = data('approve_purchase_order', { orderId, approver: 'someone.else' });
      expect(again).toMatchObject({ status: 'approved', approvedBy: 'a.buyer', replayed: true });
    });

    it('refuses orders that are not pending and unknown orders', () => {
      expect(errorText('approve_purchase_order', { orderId: 'PO-000003', approver: 'x' })).toMatch(
        /"orderId" \(INVALID_ORDER_STATE\).*cancelled/,
      );
      expect(data('get_purchase_order', { orderId: 'PO-000003' }).status).toBe('cancelled');
      expect(errorText('approve_purchase_order', { orderId: 'PO-424242', approver: 'x' })).toMatch(
        /"orderId" \(UNKNOWN_ORDER\)/,
      );
    });
  });

  describe('send_po_notification', () => {
    it('queues one outbox row for an approved order and replays repeats', () => {
      const { orderId } = data('create_purchase_order', order);
      expect(errorText('send_po_notification', { orderId })).toMatch(
        /"orderId" \(INVALID_ORDER_STATE\).*pending_approval/,
      );
      expect(count('notification_outbox')).toBe(1);

      data('approve_purchase_order', { orderId, approver: 'a.buyer' });
      const sent = data('send_po_notification', { orderId });
      expect(sent).toMatchObject({
        orderId,
        supplierId: 'SUP-NORDBEAR',
        recipient: 'orders@nordic-bearings.example',
        status: 'pending',
        replayed: false,
      });
      expect(data('send_po_notification', { orderId })).toEqual({ ...sent, replayed: true });
      expect(count('notification_outbox')).toBe(2);

      const row = db
        .prepare('SELECT payload FROM notification_outbox WHERE id = ?')
        .get(sent.notificationId) as {
        payload: string;
      };
      expect(JSON.parse(row.payload)).toMatchObject({
        orderId,
        total: 951.3,
        lines: [{ sku: 'BRG-6204-2RS' }, {}],
      });
      expect(data('get_purchase_order', { orderId }).notifications).toHaveLength(1);

      const copy = data('send_po_notification', { orderId, recipient: 'buyer@nordwerk.example' });
      expect(copy).toMatchObject({ recipient: 'buyer@nordwerk.example', replayed: false });
    });

    it('names the field for an unknown order', () => {
      expect(errorText('send_po_notification', { orderId: 'PO-424242' })).toMatch(
        /"orderId" \(UNKNOWN_ORDER\)/,
      );
    });
  });
});
