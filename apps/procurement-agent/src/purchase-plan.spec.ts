import type { Supplier } from './erp-tools.js';
import { chooseSupplier, orderNotes, planPurchaseOrders } from './purchase-plan.js';

function supplier(supplierId: string, offers: [sku: string, unitPrice: number, moq: number][]): Supplier {
  return {
    supplierId,
    name: `${supplierId} Ltd`,
    currency: 'EUR',
    offers: offers.map(([sku, unitPrice, minOrderQuantity]) => ({
      sku,
      unitPrice,
      minOrderQuantity,
      leadTimeDays: 3,
    })),
  };
}

const cheapBulk = supplier('SUP-BULK', [['A-1', 4.55, 50]]);
const dearAny = supplier('SUP-ANY', [['A-1', 5.4, 1]]);
const onlyBulk = [supplier('SUP-X', [['B-2', 5.6, 48]]), supplier('SUP-Y', [['B-2', 5.45, 120]])];

describe('chooseSupplier', () => {
  it('takes the cheapest offer whose minimum the quantity meets', () => {
    expect(chooseSupplier('A-1', 60, [dearAny, cheapBulk])).toMatchObject({
      supplier: { supplierId: 'SUP-BULK' },
      quantity: 60,
      unitPrice: 4.55,
    });
    expect(chooseSupplier('A-1', 20, [cheapBulk, dearAny])).toMatchObject({
      supplier: { supplierId: 'SUP-ANY' },
      quantity: 20,
    });
  });

  it('raises the quantity to the smallest minimum when no offer fits', () => {
    expect(chooseSupplier('B-2', 10, onlyBulk)).toMatchObject({
      supplier: { supplierId: 'SUP-X' },
      quantity: 48,
    });
  });

  it('breaks price ties by supplier id and returns undefined without offers', () => {
    const tie = [supplier('SUP-B', [['C-3', 1, 1]]), supplier('SUP-A', [['C-3', 1, 1]])];
    expect(chooseSupplier('C-3', 1, tie)?.supplier.supplierId).toBe('SUP-A');
    expect(chooseSupplier('C-3', 1, [])).toBeUndefined();
  });
});

describe('planPurchaseOrders', () => {
  it('groups lines per supplier, merges repeated SKUs and reports raised quantities', () => {
    const offers = new Map<string, Supplier[]>([
      ['A-1', [cheapBulk, dearAny]],
      ['B-2', onlyBulk],
      ['D-4', [supplier('SUP-BULK', [['D-4', 2, 1]])]],
    ]);
    const plan = planPurchaseOrders(
      [
        { sku: 'A-1', quantity: 30, warehouseId: 'WH-HAM' },
        { sku: 'B-2', quantity: 10 },
        { sku: 'A-1', quantity: 30, warehouseId: 'WH-FRA' },
        { sku: 'D-4', quantity: 7 },
      ],
      offers,
    );

    expect(plan.orders.map((o) => [o.supplierId, o.lines.map((l) => [l.sku, l.quantity])])).toEqual([
      [
        'SUP-BULK',
        [
          ['A-1', 60],
          ['D-4', 7],
        ],
      ],
      ['SUP-X', [['B-2', 48]]],
    ]);
    expect(plan.orders[0].lines[0].warehouseIds).toEqual(['WH-HAM', 'WH-FRA']);
    expect(plan.adjustments).toEqual([
      { sku: 'B-2', supplierId: 'SUP-X', requestedQuantity: 10, orderedQuantity: 48 },
    ]);
  });

  it('writes the same notes for the same plan, naming destinations and raised quantities', () => {
    const plan = planPurchaseOrders(
      [{ sku: 'B-2', quantity: 10, warehouseId: 'WH-MUC' }],
      new Map([['B-2', onlyBulk]]),
    );
    const notes = orderNotes(plan.orders[0], 'task-1');
    expect(notes).toBe(orderNotes(plan.orders[0], 'task-1'));
    expect(notes).toContain('A2A task task-1');
    expect(notes).toContain('B-2 for WH-MUC');
    expect(notes).toContain('raised from 10 to the minimum order quantity 48');
  });
});
