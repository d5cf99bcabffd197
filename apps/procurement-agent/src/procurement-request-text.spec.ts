import type { Message, Part } from '@a2a-platform/a2a-protocol';
import fc from 'fast-check';
import { readProcurementRequest } from './procurement-request.js';
import { parseApprovalDecision, parseProcurementText } from './procurement-request-text.js';

function message(parts: Part[], metadata?: Record<string, unknown>): Message {
  return { messageId: 'm-1', role: 'ROLE_USER', parts, ...(metadata ? { metadata } : {}) };
}

describe('parseProcurementText', () => {
  it('reads order lines in both word orders, in the order they appear', () => {
    expect(parseProcurementText('order 50 of SKU-1001 and 20 of SKU-1002')).toMatchObject({
      intent: 'create-purchase-orders',
      lines: [
        { sku: 'SKU-1001', quantity: 50 },
        { sku: 'SKU-1002', quantity: 20 },
      ],
      unquantified: [],
    });
    expect(
      parseProcurementText('buy HYD-OIL-46-20L x 4, 12 boxes of NUT-M8-8 and FUS-GG-16A: 10').lines,
    ).toEqual([
      { sku: 'HYD-OIL-46-20L', quantity: 4 },
      { sku: 'NUT-M8-8', quantity: 12 },
      { sku: 'FUS-GG-16A', quantity: 10 },
    ]);
  });

  it('does not read digits inside SKUs as quantities, and lists SKUs without one', () => {
    const parsed = parseProcurementText('order HYD-OIL-46-20L and 5 of NUT-M8-8');
    expect(parsed.lines).toEqual([{ sku: 'NUT-M8-8', quantity: 5 }]);
    expect(parsed.unquantified).toEqual(['HYD-OIL-46-20L']);
  });

  it('reads order ids as a status question', () => {
    expect(parseProcurementText('status of po-000002 and PO-000003')).toMatchObject({
      intent: 'purchase-order-status',
      orderIds: ['PO-000002', 'PO-000003'],
      lines: [],
    });
    expect(parseProcurementText('where is PO-000001?').intent).toBe('purchase-order-status');
  });

  it('reads the warehouse and leaves unrelated text without intent', () => {
    expect(parseProcurementText('order 5 of A-1 for wh-muc').warehouseId).toBe('WH-MUC');
    expect(parseProcurementText('good morning').intent).toBeUndefined();
  });

  it('gives back any generated order sentence', () => {
    const sku = fc
      .tuple(fc.stringMatching(/^[A-Z]{2,4}$/), fc.stringMatching(/^[A-Z0-9]{1,5}$/))
      .map(([a, b]) => `${a}-${b}`)
      .filter((s) => !/^(WH|PO)-/.test(s));
    const line = fc.record({ sku, quantity: fc.integer({ min: 1, max: 99_999 }) });
    fc.assert(
      fc.property(fc.uniqueArray(line, { minLength: 1, maxLength: 5, selector: (l) => l.sku }), (lines) => {
        const text = `order ${lines.map((l) => `${l.quantity} of ${l.sku}`).join(' and ')}`;
        expect(parseProcurementText(text).lines).toEqual(lines);
      }),
    );
  });
});

describe('parseApprovalDecision', () => {
  it.each([
    ['approve', 'approve'],
    ['Yes, approved.', 'approve'],
    ['y', 'approve'],
    ['REJECT', 'reject'],
    ['no thanks', 'reject'],
    ['declined', 'reject'],
    ['maybe later', undefined],
    ['no, approve', undefined],
    ['', undefined],
  ])('reads %p as %p', (text, decision) => {
    expect(parseApprovalDecision(text)).toBe(decision);
  });
});

describe('readProcurementRequest', () => {
  it('reads items from a data part, with the requester', () => {
    expect(
      readProcurementRequest(
        message([
          { data: { items: [{ sku: 'A-1', quantity: 5, warehouseId: 'WH-HAM' }], requestedBy: 'bob' } },
        ]),
      ),
    ).toEqual({
      skill: 'create-purchase-orders',
      items: [{ sku: 'A-1', quantity: 5, warehouseId: 'WH-HAM' }],
      requestedBy: 'bob',
    });
  });

  it('reads items from text, with the warehouse it names', () => {
    expect(readProcurementRequest(message([{ text: 'order 50 of A-1 for WH-FRA' }]))).toEqual({
      skill: 'create-purchase-orders',
      items: [{ sku: 'A-1', quantity: 50, warehouseId: 'WH-FRA' }],
    });
  });

  it('reads a status request from data, metadata skill or text', () => {
    expect(readProcurementRequest(message([{ data: { orderId: 'PO-000002' } }]))).toEqual({
      skill: 'purchase-order-status',
      orderIds: ['PO-000002'],
    });
    expect(
      readProcurementRequest(message([{ text: 'what about PO-000001' }], { skill: 'purchase-order-status' })),
    ).toEqual({ skill: 'purchase-order-status', orderIds: ['PO-000001'] });
  });

  it('declines unclear requests, missing quantities, bad data and unknown skills', () => {
    expect(readProcurementRequest(message([{ text: 'hello' }]))).toEqual({
      declined: expect.stringContaining('I can create purchase orders'),
    });
    expect(readProcurementRequest(message([{ text: 'order A-1' }]))).toEqual({
      declined: expect.stringContaining('How many of A-1?'),
    });
    expect(readProcurementRequest(message([{ data: { items: [{ sku: 'A-1', quantity: -1 }] } }]))).toEqual({
      declined: expect.stringContaining('items.0.quantity'),
    });
    expect(readProcurementRequest(message([{ data: { skill: 'reserve-stock' } }]))).toEqual({
      declined: expect.stringContaining('I have no skill "reserve-stock"'),
    });
    expect(readProcurementRequest(message([{ data: { skill: 'purchase-order-status' } }]))).toEqual({
      declined: expect.stringContaining('Which purchase order?'),
    });
  });
});
