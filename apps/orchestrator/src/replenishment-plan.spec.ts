import type { Message } from '@a2a-platform/a2a-protocol';
import {
  aggregateOrderItems,
  parseLowStockItems,
  parsePurchaseOrders,
  readReplenishmentRequest,
} from './replenishment-plan.js';

function message(parts: Message['parts']): Message {
  return { messageId: 'm', role: 'ROLE_USER', parts };
}

describe('readReplenishmentRequest', () => {
  it('finds a warehouse id in the text, whatever its case', () => {
    expect(
      readReplenishmentRequest(message([{ text: 'reorder what is low in wh-muc' }]), 'anonymous'),
    ).toEqual({
      warehouseId: 'WH-MUC',
      requestedBy: 'supply-chain-orchestrator',
    });
  });

  it('prefers the data part, and names the caller as requester when it is known', () => {
    const parts = [{ text: 'reorder WH-HAM' }, { data: { warehouseId: 'WH-FRA' } }];
    expect(readReplenishmentRequest(message(parts), 'alice')).toEqual({
      warehouseId: 'WH-FRA',
      requestedBy: 'alice',
    });
  });

  it('leaves the warehouse out when none is named', () => {
    expect(readReplenishmentRequest(message([{ data: { requestedBy: 'bob' } }]), 'alice')).toEqual({
      requestedBy: 'bob',
    });
  });
});

describe('aggregateOrderItems', () => {
  it('sums the suggested quantities per SKU across warehouses, in first-seen order', () => {
    const items = parseLowStockItems({
      items: [
        { sku: 'B', warehouseId: 'WH-HAM', suggestedOrderQuantity: 5, itemName: 'b' },
        { sku: 'A', warehouseId: 'WH-HAM', suggestedOrderQuantity: 7 },
        { sku: 'B', warehouseId: 'WH-FRA', suggestedOrderQuantity: 10 },
        { sku: 'C', warehouseId: 'WH-FRA', suggestedOrderQuantity: 0 },
      ],
    });
    expect(aggregateOrderItems(items)).toEqual([
      { sku: 'B', quantity: 15 },
      { sku: 'A', quantity: 7 },
    ]);
    // Fields the orchestrator does not use are kept for the report.
    expect(items[0]).toEqual(expect.objectContaining({ itemName: 'b' }));
  });

  it('refuses items without a SKU or a quantity', () => {
    expect(() => parseLowStockItems({ items: [{ sku: 'A' }] })).toThrow();
    expect(() => parseLowStockItems({})).toThrow();
  });
});

describe('parsePurchaseOrders', () => {
  it('treats orders with an approver as approved and `approved: false` as not', () => {
    expect(parsePurchaseOrders({ orders: [{ orderId: 'PO-1' }], approvedBy: 'ops' })).toEqual({
      orders: [{ orderId: 'PO-1' }],
      approved: true,
      approvedBy: 'ops',
    });
    expect(parsePurchaseOrders({ orders: [], approved: false })).toEqual({ orders: [], approved: false });
  });
});
