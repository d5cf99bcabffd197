/** The inventory agent's skills, as its card declares them. */
export const INVENTORY_SKILLS = {
  lowStockReport: 'low-stock-report',
  stockLevels: 'stock-levels',
  reserveStock: 'reserve-stock',
} as const;

/** One of the inventory agent's skill ids. */
export type InventorySkillId = (typeof INVENTORY_SKILLS)[keyof typeof INVENTORY_SKILLS];

/** What a free-text request says, as far as the inventory agent is concerned. */
export interface StockRequestText {
  /** The skill the words ask for, if any. */
  intent: InventorySkillId | undefined;
  /** SKUs in the order they appear, without repeats. */
  skus: string[];
  /** The first warehouse id, upper-cased. */
  warehouseId: string | undefined;
  /** The first whole number that is not part of a SKU or warehouse id. */
  quantity: number | undefined;
}

// Warehouse ids are `WH-` plus letters or digits, in any case ("in wh-ham").
const WAREHOUSE = /\bWH-[A-Z0-9]+\b/gi;
// SKUs are upper-case codes of two or more dash-separated segments (BRG-6204-2RS, SKU-1001). Upper case
// only, so that ordinary hyphenated words ("low-stock") are never taken for one.
const SKU = /(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![\w-])/g;
// Ids of other kinds that look like SKUs.
const NOT_A_SKU = /^(WH|PO)-/;
// Whole numbers only: not part of a word, a code or a decimal ("7" in "7, please" counts).
const NUMBER = /(?<![\w-]|\d[.,])\d{1,7}(?![\w-]|[.,]\d)/;

// Only the imperative: "how much is reserved" is a stock question.
const RESERVE_WORDS = /\b(reserve|reservation)\b/;
const LOW_STOCK_WORDS =
  /\b(low|lowest|reorder\w*|re-order\w*|replenish\w*|restock\w*|shortages?|running out)\b/;
const STOCK_WORDS = /\b(stock|stocks|inventory|on hand|available|availability|levels?)\b/;

/** SKUs mentioned in `text`, in order, without repeats. */
export function findSkus(text: string): string[] {
  const found = (text.match(SKU) ?? []).filter((token) => !NOT_A_SKU.test(token));
  return [...new Set(found)];
}

/** The first warehouse id mentioned in `text`, upper-cased. */
export function findWarehouseId(text: string): string | undefined {
  return text.match(WAREHOUSE)?.[0]?.toUpperCase();
}

/**
 * Reads a request in plain words. The intent is chosen by keywords, in this order: reserve ("reserve 5
 * of X") before low stock ("low", "reorder", "replenish") before stock levels (a SKU, or "stock").
 */
export function parseStockRequestText(text: string): StockRequestText {
  const skus = findSkus(text);
  const warehouseId = findWarehouseId(text);
  const rest = text.replace(SKU, ' ').replace(WAREHOUSE, ' ');
  const number = NUMBER.exec(rest);
  const quantity = number ? Number(number[0]) : undefined;
  const words = rest.toLowerCase();
  let intent: InventorySkillId | undefined;
  if (RESERVE_WORDS.test(words)) intent = INVENTORY_SKILLS.reserveStock;
  else if (LOW_STOCK_WORDS.test(words)) intent = INVENTORY_SKILLS.lowStockReport;
  else if (skus.length > 0 || STOCK_WORDS.test(words)) intent = INVENTORY_SKILLS.stockLevels;
  return { intent, skus, warehouseId, quantity };
}
