/** The procurement agent's skills, as its card declares them. */
export const PROCUREMENT_SKILLS = {
  createPurchaseOrders: 'create-purchase-orders',
  purchaseOrderStatus: 'purchase-order-status',
} as const;

/** One of the procurement agent's skill ids. */
export type ProcurementSkillId = (typeof PROCUREMENT_SKILLS)[keyof typeof PROCUREMENT_SKILLS];

/** A quantity of one SKU asked for in words. */
export interface OrderLineText {
  sku: string;
  quantity: number;
}

/** What a free-text request says, as far as the procurement agent is concerned. */
export interface ProcurementRequestText {
  intent: ProcurementSkillId | undefined;
  /** "50 of SKU-1001", "SKU-1002 x 20": one entry per mention, in order. */
  lines: OrderLineText[];
  /** SKUs mentioned without a quantity. */
  unquantified: string[];
  /** Purchase order ids, upper-cased, without repeats. */
  orderIds: string[];
  /** The first warehouse id, upper-cased. */
  warehouseId: string | undefined;
}

/** An answer to an approval question. */
export type ApprovalDecision = 'approve' | 'reject';

// Upper-case codes of two or more dash-separated segments; WH- and PO- ids are other things.
const SKU = '[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+';
const SKU_TOKEN = new RegExp(`(?<![\\w-])${SKU}(?![\\w-])`, 'g');
const NOT_A_SKU = /^(WH|PO)-/;
const UNIT_WORDS =
  '(?:units?|pcs|pieces|items?|box(?:es)?|packs?|rolls?|pails?|bags?|kits?|cans?|pairs?|cartridges?)';
// "50 of X", "20 x X", "12 boxes of X"
const QUANTITY_FIRST = new RegExp(
  `(?<![\\w-]|\\d[.,])(\\d{1,7})\\s*(?:[x×*]\\s*)?(?:${UNIT_WORDS}\\s+)?(?:of\\s+)?(${SKU})(?![\\w-])`,
  'g',
);
// "X x 20", "X: 20", "X = 20"
const SKU_FIRST = new RegExp(`(?<![\\w-])(${SKU})\\s*[x×*:=]\\s*(\\d{1,7})(?![\\w-]|[.,]\\d)`, 'g');
const ORDER_ID = /\bPO-\d{1,10}\b/gi;
const WAREHOUSE = /\bWH-[A-Z0-9]+\b/i;

const STATUS_WORDS = /\b(status|track|tracking|where is|state of|progress)\b/;
const ORDER_WORDS = /\b(order|buy|purchase|procure|replenish\w*|restock)\b/;

const APPROVE_WORDS = new Set(['approve', 'approved', 'yes', 'y']);
const REJECT_WORDS = new Set(['reject', 'rejected', 'no', 'n', 'decline', 'declined']);

function orderLines(text: string): { lines: OrderLineText[]; mentioned: string[] } {
  const found: { sku: string; quantity: number; start: number; end: number }[] = [];
  for (const pattern of [QUANTITY_FIRST, SKU_FIRST]) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      // "5 of A-1 x 3" must not count twice: the first reading of a stretch of text wins.
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const [quantity, sku] = pattern === QUANTITY_FIRST ? [match[1], match[2]] : [match[2], match[1]];
      if (NOT_A_SKU.test(sku) || Number(quantity) === 0) continue;
      found.push({ sku, quantity: Number(quantity), start, end });
    }
  }
  const lines = found.sort((a, b) => a.start - b.start).map(({ sku, quantity }) => ({ sku, quantity }));
  const mentioned = (text.match(SKU_TOKEN) ?? []).filter((t) => !NOT_A_SKU.test(t));
  return { lines, mentioned };
}

/**
 * Reads a request in plain words: order lines ("order 50 of BRG-6204-2RS and 20 of NUT-M8-8"), order ids
 * ("status of PO-000002") and the intent. Order ids without order lines, or with status words, mean a
 * status question; order lines or order words mean new orders.
 */
export function parseProcurementText(text: string): ProcurementRequestText {
  const { lines, mentioned } = orderLines(text);
  const quantified = new Set(lines.map((l) => l.sku));
  const unquantified = [...new Set(mentioned.filter((sku) => !quantified.has(sku)))];
  const orderIds = [...new Set((text.match(ORDER_ID) ?? []).map((id) => id.toUpperCase()))];
  const words = text.toLowerCase();
  let intent: ProcurementSkillId | undefined;
  if (orderIds.length > 0 && (lines.length === 0 || STATUS_WORDS.test(words))) {
    intent = PROCUREMENT_SKILLS.purchaseOrderStatus;
  } else if (lines.length > 0 || ORDER_WORDS.test(words)) {
    intent = PROCUREMENT_SKILLS.createPurchaseOrders;
  }
  return { intent, lines, unquantified, orderIds, warehouseId: WAREHOUSE.exec(text)?.[0]?.toUpperCase() };
}

/**
 * The decision in an answer to an approval question: "approve"/"yes" or "reject"/"no" (any case, with
 * punctuation). An answer with words of both kinds, or of neither, is no decision.
 */
export function parseApprovalDecision(text: string): ApprovalDecision | undefined {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const approve = words.some((w) => APPROVE_WORDS.has(w));
  const reject = words.some((w) => REJECT_WORDS.has(w));
  if (approve === reject) return undefined;
  return approve ? 'approve' : 'reject';
}
