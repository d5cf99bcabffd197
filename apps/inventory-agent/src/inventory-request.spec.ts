import type { Message, Part } from '@a2a-platform/a2a-protocol';
import { readInventoryRequest } from './inventory-request.js';

function message(parts: Part[], metadata?: Record<string, unknown>): Message {
  return { messageId: 'm-1', role: 'ROLE_USER', parts, ...(metadata ? { metadata } : {}) };
}

describe('readInventoryRequest', () => {
  it('reads a low-stock question from text', () => {
    expect(readInventoryRequest(message([{ text: 'which items are low on stock in WH-HAM?' }]))).toEqual({
      skill: 'low-stock-report',
      warehouseId: 'WH-HAM',
    });
  });

  it('takes the skill from the data part first, then from the message metadata', () => {
    expect(readInventoryRequest(message([{ data: { skill: 'low-stock-report' } }]))).toEqual({
      skill: 'low-stock-report',
    });
    expect(
      readInventoryRequest(message([{ data: { warehouseId: 'WH-FRA' } }], { skill: 'stock-levels' })),
    ).toEqual({ skill: 'stock-levels', warehouseId: 'WH-FRA' });
    // The data part's skill wins over words that say something else.
    expect(
      readInventoryRequest(
        message([{ text: 'reserve 5 of X-1 in WH-HAM' }, { data: { skill: 'stock-levels' } }]),
      ),
    ).toEqual({ skill: 'stock-levels', skus: ['X-1'], warehouseId: 'WH-HAM' });
  });

  it('infers the skill from the shape of a data part without one', () => {
    expect(readInventoryRequest(message([{ data: { skus: ['A-1', 'B-2'] } }]))).toEqual({
      skill: 'stock-levels',
      skus: ['A-1', 'B-2'],
    });
    expect(
      readInventoryRequest(
        message([{ data: { sku: 'A-1', warehouseId: 'WH-HAM', quantity: 3, reservationId: 'r-1' } }]),
      ),
    ).toEqual({
      skill: 'reserve-stock',
      sku: 'A-1',
      warehouseId: 'WH-HAM',
      quantity: 3,
      reservationId: 'r-1',
    });
  });

  it('completes data arguments from the text', () => {
    expect(
      readInventoryRequest(message([{ text: 'reserve 4 of A-1' }, { data: { warehouseId: 'WH-MUC' } }])),
    ).toEqual({ skill: 'reserve-stock', sku: 'A-1', warehouseId: 'WH-MUC', quantity: 4 });
  });

  it('declines unknown skills and unclear text, saying what it can do', () => {
    const unknown = readInventoryRequest(message([{ data: { skill: 'create-purchase-orders' } }]));
    expect(unknown).toEqual({
      declined: expect.stringContaining('I have no skill "create-purchase-orders"'),
    });
    const unclear = readInventoryRequest(message([{ text: 'tell me a joke' }]));
    expect(unclear).toEqual({
      declined: expect.stringContaining('I can list items below their reorder point'),
    });
  });

  it('declines a reservation with missing or several SKUs', () => {
    expect(readInventoryRequest(message([{ text: 'reserve 5 of A-1' }]))).toEqual({
      declined: expect.stringContaining('missing: warehouseId'),
    });
    expect(readInventoryRequest(message([{ text: 'reserve 5 of A-1 and B-2 in WH-HAM' }]))).toEqual({
      declined: expect.stringContaining('one SKU at a time'),
    });
  });

  it('declines data of the wrong shape with the field named', () => {
    const declined = readInventoryRequest(message([{ data: { skill: 'stock-levels', skus: 'A-1' } }]));
    expect(declined).toEqual({ declined: expect.stringContaining('skus:') });
  });
});
