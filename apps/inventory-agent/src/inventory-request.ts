import type { Message } from '@a2a-platform/a2a-protocol';
import { readMessageInput } from '@a2a-platform/agent-runtime';
import { z } from 'zod';
import { INVENTORY_SKILLS, parseStockRequestText, type InventorySkillId } from './stock-request-text.js';

/** A request the executor can run: one skill with its arguments. */
export type InventoryRequest =
  | { skill: 'low-stock-report'; warehouseId?: string }
  | { skill: 'stock-levels'; skus?: string[]; warehouseId?: string }
  | { skill: 'reserve-stock'; sku: string; warehouseId: string; quantity: number; reservationId?: string };

/** A request the agent declines, with the reason to tell the caller. */
export interface DeclinedRequest {
  declined: string;
}

/** What the agent can do, for replies to requests it does not understand. */
export const INVENTORY_CAPABILITIES =
  'I can list items below their reorder point ("which items are low on stock in WH-HAM?"), report ' +
  'stock levels ("stock of BRG-6204-2RS and NUT-M8-8 in WH-FRA") and reserve stock ("reserve 5 of ' +
  'BRG-6204-2RS in WH-HAM").';

const warehouseId = z.string().trim().min(1).max(32);
const sku = z.string().trim().min(1).max(64);

const LowStockData = z.object({ warehouseId: warehouseId.optional() });
const StockLevelsData = z.object({
  skus: z.array(sku).min(1).max(100).optional(),
  warehouseId: warehouseId.optional(),
});
const ReserveData = z.object({
  sku: sku.optional(),
  warehouseId: warehouseId.optional(),
  quantity: z.number().int().positive().optional(),
  reservationId: z.string().trim().min(1).max(128).optional(),
});

const SKILL_IDS = new Set<string>(Object.values(INVENTORY_SKILLS));

function problemsOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
}

/** A skill implied by the shape of a data part without a `skill` field. */
function skillFromData(data: Record<string, unknown> | undefined): InventorySkillId | undefined {
  if (!data) return undefined;
  if ('sku' in data && 'quantity' in data) return INVENTORY_SKILLS.reserveStock;
  if ('skus' in data) return INVENTORY_SKILLS.stockLevels;
  return undefined;
}

/**
 * Decides what a message asks for. The skill is the data part's `skill`, else `message.metadata.skill`,
 * else implied by the data part's fields, else read from the text. Arguments come from the data part,
 * completed from the text.
 */
export function readInventoryRequest(message: Message): InventoryRequest | DeclinedRequest {
  const input = readMessageInput(message);
  const words = parseStockRequestText(input.text);
  const skill = input.skill ?? skillFromData(input.data) ?? words.intent;
  if (skill === undefined) {
    return { declined: `I could not tell what you need. ${INVENTORY_CAPABILITIES}` };
  }
  if (!SKILL_IDS.has(skill)) {
    return { declined: `I have no skill "${skill}". ${INVENTORY_CAPABILITIES}` };
  }
  const data = input.data ?? {};

  if (skill === INVENTORY_SKILLS.lowStockReport) {
    const parsed = LowStockData.safeParse(data);
    if (!parsed.success) return { declined: `Invalid low-stock request: ${problemsOf(parsed.error)}` };
    const wh = parsed.data.warehouseId ?? words.warehouseId;
    return { skill: INVENTORY_SKILLS.lowStockReport, ...(wh ? { warehouseId: wh } : {}) };
  }

  if (skill === INVENTORY_SKILLS.stockLevels) {
    const parsed = StockLevelsData.safeParse(data);
    if (!parsed.success) return { declined: `Invalid stock-levels request: ${problemsOf(parsed.error)}` };
    const skus = parsed.data.skus ?? (words.skus.length > 0 ? words.skus : undefined);
    const wh = parsed.data.warehouseId ?? words.warehouseId;
    return {
      skill: INVENTORY_SKILLS.stockLevels,
      ...(skus ? { skus } : {}),
      ...(wh ? { warehouseId: wh } : {}),
    };
  }

  const parsed = ReserveData.safeParse(data);
  if (!parsed.success) return { declined: `Invalid reservation request: ${problemsOf(parsed.error)}` };
  if (parsed.data.sku === undefined && words.skus.length > 1) {
    return { declined: `I reserve one SKU at a time; the request names ${words.skus.join(', ')}.` };
  }
  const request = {
    sku: parsed.data.sku ?? words.skus[0],
    warehouseId: parsed.data.warehouseId ?? words.warehouseId,
    quantity: parsed.data.quantity ?? words.quantity,
  };
  const missing = Object.entries(request)
    .filter(([, v]) => v === undefined || v === 0)
    .map(([k]) => k);
  if (missing.length > 0 || !request.sku || !request.warehouseId || !request.quantity) {
    return {
      declined:
        `To reserve stock I need a SKU, a warehouse id and a quantity; missing: ${missing.join(', ')}. ` +
        'For example: "reserve 5 of BRG-6204-2RS in WH-HAM".',
    };
  }
  return {
    skill: INVENTORY_SKILLS.reserveStock,
    sku: request.sku,
    warehouseId: request.warehouseId,
    quantity: request.quantity,
    ...(parsed.data.reservationId ? { reservationId: parsed.data.reservationId } : {}),
  };
}
