import type { Message } from '@a2a-platform/a2a-protocol';
import {
  APPROVAL_METADATA_KEY,
  approvalQuestion,
  pendingApproval,
  readApprovalAnswer,
  type ApprovalState,
  type OrderSummary,
} from './approval-state.js';

const state: ApprovalState = { orderIds: ['PO-000004'], totalEur: 6550, thresholdEur: 5000, adjustments: [] };
const orders: OrderSummary[] = [
  {
    orderId: 'PO-000004',
    supplierId: 'SUP-HYDROLUB',
    supplierName: 'HydroLub',
    status: 'pending_approval',
    total: 6550,
    currency: 'EUR',
    lines: [{ sku: 'HYD-OIL-46-20L', quantity: 100, unitPrice: 65.5 }],
  },
];

function user(text: string): Message {
  return { messageId: `u-${text}`, role: 'ROLE_USER', parts: [{ text }] };
}

describe('approval state carried in the question', () => {
  it('asks with text, data and metadata, and reads the state back from the history', () => {
    const question = approvalQuestion(state, orders);
    expect(question.parts[0].text).toContain(
      'The total of 6550.00 EUR is above the approval threshold of 5000.00 EUR',
    );
    expect(question.parts[1].data).toEqual({
      approvalRequired: true,
      orders,
      totalEur: 6550,
      thresholdEur: 5000,
    });
    expect(question.metadata?.[APPROVAL_METADATA_KEY]).toEqual(state);

    const history = [user('order 100 of HYD-OIL-46-20L'), question, user('approve')];
    expect(pendingApproval(history)).toEqual({ state, orders });
  });

  it('reads the last agent message only, and nothing from a history without a question', () => {
    const working: Message = { messageId: 'w', role: 'ROLE_AGENT', parts: [{ text: 'Working' }] };
    expect(
      pendingApproval([user('x'), approvalQuestion(state, orders), working, user('approve')]),
    ).toBeUndefined();
    expect(pendingApproval(undefined)).toBeUndefined();
    const tampered = {
      ...approvalQuestion(state, orders),
      metadata: { [APPROVAL_METADATA_KEY]: { orderIds: [] } },
    };
    expect(pendingApproval([tampered])).toBeUndefined();
  });

  it('reads decisions from data parts before text', () => {
    const data: Message = {
      messageId: 'd',
      role: 'ROLE_USER',
      parts: [{ text: 'yes' }, { data: { decision: 'reject', approver: 'alice' } }],
    };
    expect(readApprovalAnswer(data)).toEqual({ decision: 'reject', approver: 'alice' });
    expect(readApprovalAnswer(user('approve'))).toEqual({ decision: 'approve', approver: undefined });
    expect(readApprovalAnswer(user('hmm'))).toEqual({ decision: undefined, approver: undefined });
  });
});
