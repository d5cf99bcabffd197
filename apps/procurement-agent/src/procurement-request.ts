import type { Message } from '@a2a-platform/a2a-protocol';
import { readMessageInput } from '@a2a-platform/agent-runtime';
import { z } from 'zod';
import {
  parseProcurementText,
  PROCUREMENT_SKILLS,
  type ProcurementSkillId,
} from './procurement-request-text.js';

/** A quantity of one SKU to buy, for a warehouse when the caller says which. */
export interface RequestedItem {
  sku: string;
  quantity: number;
  warehouseId?: string;
}

/** A request the executor can run: one skill with its arguments. */
export type ProcurementRequest =
  | { skill: 'create-purchase-orders'; items: RequestedItem[]; requestedBy?: string }
  | { skill: 'purchase-order-status'; orderIds: string[] };

/** A request the agent declines, with the reason to tell the caller. */
export interface DeclinedRequest {
  declined: string;
}

/** What the agent can do, for replies to requests it does not understand. */
export const PROCUREMENT_CAPABILITIES =
  'I can create purchase orders ("order 50 of BRG-6204-2RS and 20 of NUT-M8-8", or a data part ' +
  '{items: [{sku, quantity, warehouseId?}]}) and report their status ("status of PO-000002").';

const ItemSchema = z.object({
  sku: z.string().trim().min(1).max(64),
  quantity: z.number().int().positive().max(1_000_000),
  warehouseId: z.string().trim().min(1).max(32).optional(),
});
const CreateData = z.object({
  items: z.array(ItemSchema).min(1).max(50).optional(),
  requestedBy: z.string().trim().min(1).max(200).optional(),
});
const StatusData = z.object({
  orderId: z.string().trim().min(1).max(32).optional(),
  orderIds: z.array(z.string().trim().min(1).max(32)).min(1).max(20).optional(),
});

const SKILL_IDS = new Set<string>(Object.values(PROCUREMENT_SKILLS));

function problemsOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
}

function skillFromData(data: Record<string, unknown> | undefined): ProcurementSkillId | undefined {
  if (!data) return undefined;
  if ('items' in data) return PROCUREMENT_SKILLS.createPurchaseOrders;
  if ('orderId' in data || 'orderIds' in data) return PROCUREMENT_SKILLS.purchaseOrderStatus;
  return undefined;
}

/**
 * Decides what a message asks for. The skill is the data part's `skill`, else `message.metadata.skill`,
 * else implied by the data part's fields, else read from the text. Data arguments win over the text's.
 */
export function readProcurementRequest(message: Message): ProcurementRequest | DeclinedRequest {
  const input = readMessageInput(message);
  const words = parseProcurementText(input.text);
  const skill = input.skill ?? skillFromData(input.data) ?? words.intent;
  if (skill === undefined) return { declined: `I could not tell what you need. ${PROCUREMENT_CAPABILITIES}` };
  if (!SKILL_IDS.has(skill)) return { declined: `I have no skill "${skill}". ${PROCUREMENT_CAPABILITIES}` };
  const data = input.data ?? {};

  if (skill === PROCUREMENT_SKILLS.purchaseOrderStatus) {
    const parsed = StatusData.safeParse(data);
    if (!parsed.success) return { declined: `Invalid status request: ${problemsOf(parsed.error)}` };
    const ids = parsed.data.orderIds ?? (parsed.data.orderId ? [parsed.data.orderId] : words.orderIds);
    if (ids.length === 0) return { declined: 'Which purchase order? Name it, e.g. "status of PO-000002".' };
    return { skill: PROCUREMENT_SKILLS.purchaseOrderStatus, orderIds: [...new Set(ids)] };
  }

  const parsed = CreateData.safeParse(data);
  if (!parsed.success) return { declined: `Invalid purchase-order request: ${problemsOf(parsed.error)}` };
  let items: RequestedItem[] | undefined = parsed.data.items;
  if (!items) {
    if (words.unquantified.length > 0) {
      return {
        declined:
          `How many of ${words.unquantified.join(', ')}? Give a quantity for every SKU, ` +
          'e.g. "order 50 of BRG-6204-2RS".',
      };
    }
    const wh = words.warehouseId;
    items = words.lines.map((l) => ({ ...l, ...(wh ? { warehouseId: wh } : {}) }));
  }
  if (items.length === 0) return { declined: `Nothing to order. ${PROCUREMENT_CAPABILITIES}` };
  return {
    skill: PROCUREMENT_SKILLS.createPurchaseOrders,
    items,
    ...(parsed.data.requestedBy ? { requestedBy: parsed.data.requestedBy } : {}),
  };
}
