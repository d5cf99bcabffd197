import type { Artifact, Message } from '@a2a-platform/a2a-protocol';
import { z } from 'zod';

/** Who the purchase orders are raised for when the request names nobody. */
export const DEFAULT_REQUESTER = 'supply-chain-orchestrator';

/** What the caller asked for. */
export interface ReplenishmentRequest {
  /** Restrict the stock check to one warehouse. */
  readonly warehouseId?: string;
  /** Recorded on the purchase orders. */
  readonly requestedBy: string;
}

/** A stock row below its reorder point, as the inventory agent reports it (other fields are kept). */
export const LowStockItemSchema = z.looseObject({
  sku: z.string().min(1),
  warehouseId: z.string().optional(),
  suggestedOrderQuantity: z.number().int().nonnegative(),
});
/** A stock row below its reorder point. */
export type LowStockItem = z.infer<typeof LowStockItemSchema>;

/** One line of the order request sent to procurement: a SKU and the units to order over all warehouses. */
export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
}

const WAREHOUSE_IN_TEXT = /\bWH-[A-Z0-9]+\b/i;

function dataObjects(parts: readonly { data?: unknown }[]): Record<string, unknown>[] {
  return parts.flatMap((p) =>
    typeof p.data === 'object' && p.data !== null && !Array.isArray(p.data)
      ? [p.data as Record<string, unknown>]
      : [],
  );
}

function firstString(objects: Record<string, unknown>[], key: string): string | undefined {
  for (const o of objects) {
    const value = o[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/**
 * Reads the request from the caller's message: `warehouseId` and `requestedBy` from a data part, else a
 * warehouse id such as "WH-HAM" in the text; the requester defaults to the caller's identity.
 */
export function readReplenishmentRequest(message: Message, owner: string): ReplenishmentRequest {
  const data = dataObjects(message.parts);
  const text = message.parts.map((p) => p.text ?? '').join(' ');
  const warehouseId = firstString(data, 'warehouseId') ?? text.match(WAREHOUSE_IN_TEXT)?.[0].toUpperCase();
  const requestedBy =
    firstString(data, 'requestedBy') ?? (owner && owner !== 'anonymous' ? owner : DEFAULT_REQUESTER);
  return warehouseId === undefined ? { requestedBy } : { warehouseId, requestedBy };
}

/** The data part of the artifact called `name`, or undefined when there is no such artifact. */
export function artifactData(artifacts: readonly Artifact[], name: string): unknown {
  const artifact = artifacts.find((a) => a.name === name);
  if (!artifact) return undefined;
  return artifact.parts.find((p) => p.data !== undefined)?.data ?? {};
}

/** The items of a `low-stock-items` artifact's data part (`{ items: LowStockItem[] }`). */
export function parseLowStockItems(data: unknown): LowStockItem[] {
  return z.object({ items: z.array(LowStockItemSchema) }).parse(data).items;
}

/**
 * The order request: suggested quantities summed per SKU over all warehouses, in the order the SKUs
 * first appear (the inventory agent lists the most urgent first); SKUs with nothing to order are left out.
 */
export function aggregateOrderItems(items: readonly LowStockItem[]): OrderItem[] {
  const totals = new Map<string, number>();
  for (const item of items) {
    if (item.suggestedOrderQuantity <= 0) continue;
    totals.set(item.sku, (totals.get(item.sku) ?? 0) + item.suggestedOrderQuantity);
  }
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/** A purchase order as the procurement agent reports it (other fields are kept). */
export const PurchaseOrderSummarySchema = z.looseObject({
  orderId: z.string().optional(),
  supplierName: z.string().optional(),
  status: z.string().optional(),
  total: z.number().optional(),
  currency: z.string().optional(),
});
/** A purchase order as the procurement agent reports it. */
export type PurchaseOrderSummary = z.infer<typeof PurchaseOrderSummarySchema>;

/** What the procurement agent's `purchase-orders` artifact says. */
export interface PurchaseOrdersResult {
  readonly orders: PurchaseOrderSummary[];
  readonly approved: boolean;
  readonly approvedBy?: string;
}

/** Reads a `purchase-orders` artifact's data part (`{ orders, approvedBy?, approved? }`). */
export function parsePurchaseOrders(data: unknown): PurchaseOrdersResult {
  const parsed = z
    .object({
      orders: z.array(PurchaseOrderSummarySchema),
      approvedBy: z.string().nullish(),
      approved: z.boolean().optional(),
    })
    .parse(data);
  const approvedBy = parsed.approvedBy ?? undefined;
  const approved = parsed.approved ?? approvedBy !== undefined;
  return approvedBy === undefined
    ? { orders: parsed.orders, approved }
    : { orders: parsed.orders, approved, approvedBy };
}
