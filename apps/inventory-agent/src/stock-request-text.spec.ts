import fc from 'fast-check';
import { findSkus, findWarehouseId, parseStockRequestText } from './stock-request-text.js';

describe('parseStockRequestText', () => {
  it.each([
    ['which items are low on stock?', 'low-stock-report'],
    ['What needs reordering in WH-HAM?', 'low-stock-report'],
    ['replenishment candidates please', 'low-stock-report'],
    ['which items are below their reorder point', 'low-stock-report'],
    ['stock of SKU-1001 and SKU-1002 in WH-FRA', 'stock-levels'],
    ['BRG-6204-2RS?', 'stock-levels'],
    ['how much inventory do we have', 'stock-levels'],
    ['how much of NUT-M8-8 is reserved', 'stock-levels'],
    ['reserve 5 of SKU-1001 in WH-HAM', 'reserve-stock'],
    ['Reserve BRG-6204-2RS x 12 in wh-fra', 'reserve-stock'],
    ['hello there', undefined],
    ['', undefined],
  ])('reads the intent of %p as %p', (text, intent) => {
    expect(parseStockRequestText(text).intent).toBe(intent);
  });

  it('reads SKUs, warehouse and quantity of a reservation', () => {
    expect(parseStockRequestText('reserve 5 of BRG-6204-2RS in WH-HAM')).toEqual({
      intent: 'reserve-stock',
      skus: ['BRG-6204-2RS'],
      warehouseId: 'WH-HAM',
      quantity: 5,
    });
  });

  it('does not take digits inside SKUs or warehouse ids for a quantity', () => {
    expect(parseStockRequestText('reserve HYD-OIL-46-20L in WH-MUC').quantity).toBeUndefined();
    expect(parseStockRequestText('reserve HYD-OIL-46-20L in WH-MUC, 7 pails').quantity).toBe(7);
    expect(parseStockRequestText('reserve NUT-M8-8 in WH-HAM: 7, please').quantity).toBe(7);
    expect(parseStockRequestText('reserve 2.5 of NUT-M8-8 in WH-HAM').quantity).toBeUndefined();
  });

  it('finds SKUs in order without repeats, and ignores warehouse and order ids and hyphenated words', () => {
    expect(findSkus('SKU-1002, SKU-1001 and SKU-1002 from WH-HAM for PO-000002 (low-stock, e-mail)')).toEqual(
      ['SKU-1002', 'SKU-1001'],
    );
    expect(findSkus('stock of HYD-OIL-46-20L and FUS-GG-16A.')).toEqual(['HYD-OIL-46-20L', 'FUS-GG-16A']);
    expect(findSkus('no codes here')).toEqual([]);
  });

  it('upper-cases warehouse ids written in any case', () => {
    expect(findWarehouseId('in wh-fra please')).toBe('WH-FRA');
    expect(findWarehouseId('nowhere')).toBeUndefined();
  });

  it('gives back the parts of any generated reservation sentence', () => {
    const sku = fc
      .tuple(
        fc.stringMatching(/^[A-Z]{2,4}$/),
        fc.array(fc.stringMatching(/^[A-Z0-9]{1,5}$/), { minLength: 1, maxLength: 3 }),
      )
      .map(([head, rest]) => [head, ...rest].join('-'))
      .filter((s) => !/^(WH|PO)-/.test(s));
    const warehouse = fc.stringMatching(/^[A-Z0-9]{2,4}$/).map((s) => `WH-${s}`);
    fc.assert(
      fc.property(sku, warehouse, fc.integer({ min: 1, max: 999_999 }), (s, wh, qty) => {
        const parsed = parseStockRequestText(`reserve ${qty} of ${s} in ${wh}`);
        expect(parsed).toEqual({ intent: 'reserve-stock', skus: [s], warehouseId: wh, quantity: qty });
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseStockRequestText(text);
        expect(Array.isArray(parsed.skus)).toBe(true);
      }),
    );
  });
});
