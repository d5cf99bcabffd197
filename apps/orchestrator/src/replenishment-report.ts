import { TaskStateSchema, type Artifact } from '@a2a-platform/a2a-protocol';
import { z } from 'zod';
import type { LowStockItem, PurchaseOrdersResult } from './replenishment-plan.js';

/** Name of the orchestrator's final artifact. */
export const REPORT_ARTIFACT = 'replenishment-report';

/** Which agent did what: one entry per child task. */
export const StepRecordSchema = z.object({
  /** The agent's label ("inventory-agent"). */
  agent: z.string(),
  url: z.string(),
  skill: z.string(),
  taskId: z.string(),
  /** Where the child task stands (its final state once the workflow is over). */
  state: TaskStateSchema,
});
/** Which agent did what. */
export type StepRecord = z.infer<typeof StepRecordSchema>;

/** The data part of the `replenishment-report` artifact. */
export interface ReplenishmentReport {
  lowStockItems: LowStockItem[];
  purchaseOrders: PurchaseOrdersResult['orders'];
  /** Whether the purchase orders were approved (absent when nothing was ordered). */
  approved?: boolean;
  approvedBy?: string;
  steps: StepRecord[];
}

/** Records a child task's state, replacing an earlier record of the same task. */
export function recordStep(steps: readonly StepRecord[], step: StepRecord): StepRecord[] {
  const same = (s: StepRecord) => s.taskId === step.taskId && s.url === step.url;
  return steps.some(same) ? steps.map((s) => (same(s) ? step : s)) : [...steps, step];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function totalsByCurrency(orders: PurchaseOrdersResult['orders']): string {
  const totals = new Map<string, number>();
  for (const order of orders) {
    if (typeof order.total !== 'number') continue;
    const currency = order.currency ?? 'EUR';
    totals.set(currency, (totals.get(currency) ?? 0) + order.total);
  }
  return [...totals].map(([currency, total]) => `${total.toFixed(2)} ${currency}`).join(' + ');
}

/** One paragraph saying what happened, for people (the data part is for programs). */
export function summarizeReport(report: ReplenishmentReport): string {
  const items = report.lowStockItems;
  if (items.length === 0) return 'Nothing to reorder: no item is below its reorder point.';
  const skus = new Set(items.map((i) => i.sku)).size;
  const warehouses = new Set(items.map((i) => i.warehouseId).filter(Boolean)).size;
  const found =
    `Found ${plural(items.length, 'low-stock row')} (${plural(skus, 'SKU')}` +
    (warehouses > 0 ? ` in ${plural(warehouses, 'warehouse')})` : ')');
  const orders = report.purchaseOrders;
  if (orders.length === 0) return `${found}; no purchase order was created.`;
  const ids = orders.map((o) => o.orderId).filter(Boolean);
  const total = totalsByCurrency(orders);
  const created =
    `${found}; created ${plural(orders.length, 'purchase order')}` +
    (ids.length > 0 ? ` (${ids.join(', ')})` : '') +
    (total ? ` totalling ${total}` : '');
  if (report.approved) return `${created}, approved by ${report.approvedBy ?? 'the procurement agent'}.`;
  return `${created}; they were not approved and remain pending approval.`;
}

/** The final artifact: the report as data plus its summary as text. */
export function reportArtifact(report: ReplenishmentReport): Omit<Artifact, 'artifactId'> {
  return {
    name: REPORT_ARTIFACT,
    description: 'Low-stock items found, purchase orders raised, and which agent did what',
    parts: [{ data: report }, { text: summarizeReport(report) }],
  };
}
