import type { Message } from '@a2a-platform/a2a-protocol';
import { readMessageInput } from '@a2a-platform/agent-runtime';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PurchaseOrder } from './erp-tools.js';
import { parseApprovalDecision, type ApprovalDecision } from './procurement-request-text.js';

/** Key of the approval state in the input-required status message's metadata. */
export const APPROVAL_METADATA_KEY = 'procurementApproval';

const AdjustmentSchema = z.object({
  sku: z.string(),
  supplierId: z.string(),
  requestedQuantity: z.number(),
  orderedQuantity: z.number(),
});

const ApprovalStateSchema = z.object({
  orderIds: z.array(z.string()).min(1),
  totalEur: z.number(),
  thresholdEur: z.number(),
  adjustments: z.array(AdjustmentSchema).default([]),
});

/**
 * What the agent needs after an approval pause, carried in the question's metadata (the agent keeps no
 * state of its own: the answer may reach another instance).
 */
export type ApprovalState = z.infer<typeof ApprovalStateSchema>;

/** An order as the approval question and the artifacts show it. */
export interface OrderSummary {
  orderId: string;
  supplierId: string;
  supplierName: string;
  status: string;
  total: number;
  currency: string;
  lines: { sku: string; quantity: number; unitPrice: number }[];
}

/** The answer to an approval question. */
export interface ApprovalAnswer {
  decision: ApprovalDecision | undefined;
  /** Who decided, when the answer says (`data.approver`). */
  approver: string | undefined;
}

/** Money as the texts show it: `6550.00 EUR`. */
export function money(amount: number, currency = 'EUR'): string {
  return `${amount.toFixed(2)} ${currency}`;
}

/** The summary of an ERP order. */
export function summarizeOrder(order: PurchaseOrder): OrderSummary {
  return {
    orderId: order.orderId,
    supplierId: order.supplierId,
    supplierName: order.supplierName,
    status: order.status,
    total: order.total,
    currency: order.currency,
    lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
  };
}

/**
 * The input-required status message: a question in text, the orders as data
 * (`{approvalRequired, orders, totalEur, thresholdEur}`) and the state in metadata.
 */
export function approvalQuestion(
  state: ApprovalState,
  orders: readonly OrderSummary[],
  lead?: string,
): Message {
  const list = orders.map(
    (o) => `${o.orderId} to ${o.supplierName} (${o.supplierId}), ${money(o.total, o.currency)}`,
  );
  const text =
    (lead ? `${lead} ` : '') +
    `These purchase orders need approval: ${list.join('; ')}. The total of ${money(state.totalEur)} is above ` +
    `the approval threshold of ${money(state.thresholdEur)}. Reply "approve" or "reject".`;
  return {
    messageId: randomUUID(),
    role: 'ROLE_AGENT',
    parts: [
      { text, mediaType: 'text/plain' },
      {
        data: { approvalRequired: true, orders, totalEur: state.totalEur, thresholdEur: state.thresholdEur },
        mediaType: 'application/json',
      },
    ],
    metadata: { [APPROVAL_METADATA_KEY]: state },
  };
}

/**
 * The approval the task waits for: the state in the last agent message of the history (the
 * input-required question), with the orders of its data part. undefined when there is none.
 */
export function pendingApproval(
  history: readonly Message[] | undefined,
): { state: ApprovalState; orders: OrderSummary[] } | undefined {
  const question = [...(history ?? [])].reverse().find((m) => m.role === 'ROLE_AGENT');
  const parsed = ApprovalStateSchema.safeParse(question?.metadata?.[APPROVAL_METADATA_KEY]);
  if (!question || !parsed.success) return undefined;
  const data = question.parts.map((p) => p.data).find((d) => typeof d === 'object' && d !== null) as
    | { orders?: OrderSummary[] }
    | undefined;
  return { state: parsed.data, orders: data?.orders ?? [] };
}

/** Reads an answer: a data part `{decision, approver?}`, else the words ("approve", "yes", "reject", "no"). */
export function readApprovalAnswer(message: Message): ApprovalAnswer {
  const { text, data } = readMessageInput(message);
  const approver =
    typeof data?.['approver'] === 'string' && data['approver'].trim() ? data['approver'].trim() : undefined;
  const stated = data?.['decision'];
  if (stated === 'approve' || stated === 'reject') return { decision: stated, approver };
  return { decision: parseApprovalDecision(text), approver };
}
