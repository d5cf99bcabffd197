import type { Message } from '@a2a-platform/a2a-protocol';
import { readMessageInput } from './message-input.js';

const message = (parts: Message['parts'], metadata?: Record<string, unknown>): Message => ({
  messageId: 'm-1',
  role: 'ROLE_USER',
  parts,
  ...(metadata ? { metadata } : {}),
});

describe('readMessageInput', () => {
  it('joins the text parts and takes the first JSON object part', () => {
    const input = readMessageInput(
      message([
        { text: 'order 20' },
        { data: ['not', 'an', 'object'] },
        { data: { sku: 'A-1', skill: 'reserve-stock' } },
        { text: 'of A-1 ' },
        { data: { sku: 'B-2' } },
      ]),
    );
    expect(input).toEqual({
      text: 'order 20 of A-1',
      data: { sku: 'A-1', skill: 'reserve-stock' },
      skill: 'reserve-stock',
    });
  });

  it('falls back to the metadata skill, and ignores one that is not a string', () => {
    expect(readMessageInput(message([{ text: 'hi' }], { skill: 'stock-levels' })).skill).toBe('stock-levels');
    expect(
      readMessageInput(message([{ data: { skill: 3 } }], { skill: 'stock-levels' })).skill,
    ).toBeUndefined();
  });

  it('reads a message without text or data as empty', () => {
    expect(readMessageInput(message([{ url: 'https://example.com/a.pdf' }]))).toEqual({
      text: '',
      data: undefined,
      skill: undefined,
    });
  });
});
