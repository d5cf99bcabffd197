import type { Part } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor, ExecutionContext, TaskUpdater } from '@a2a-platform/a2a-server';
import { McpClientError, McpToolError, type McpToolCaller } from '@a2a-platform/mcp-kit';
import {
  approvalQuestion,
  money,
  pendingApproval,
  readApprovalAnswer,
  summarizeOrder,
  type ApprovalState,
  type OrderSummary,
} from './approval-state.js';
import { ErpTools, type PurchaseOrder, type Supplier } from './erp-tools.js';
import { describeAdjustments, describeOrders, totalOf } from './order-report.js';
import { readProcurementRequest, type RequestedItem } from './procurement-request.js';
import { orderNotes, planPurchaseOrders, type QuantityAdjustment } from './purchase-plan.js';

/** The approver recorded for orders at or below the threshold. */
export const AUTO_APPROVER = 'auto-approval-policy';

/** When the procurement agent asks a person before approving. */
export interface ApprovalPolicy {
  /** Orders totalling more than this (EUR) wait for an explicit approval. @defaultValue 5000 */
  approvalThresholdEur: number;
}

function resultParts(data: Record<string, unknown>, text: string): Part[] {
  return [
    { data, mediaType: 'application/json' },
    { text, mediaType: 'text/plain' },
  ];
}

/**
 * The procurement agent: creates purchase orders through erp-mcp (cheapest supplier meeting its minimum
 * order quantity, one order per supplier, idempotent per task and supplier), asks for approval above a
 * threshold (input-required, resumed in the same task), approves and sends the orders; and reports the
 * status of orders. It keeps no state between turns: the approval state travels in the question.
 */
export class PurchaseOrderExecutor implements AgentExecutor {
  private readonly erp: ErpTools;

  constructor(
    erp: McpToolCaller,
    private readonly policy: ApprovalPolicy = { approvalThresholdEur: 5_000 },
  ) {
    this.erp = new ErpTools(erp);
  }

  async execute(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    try {
      if (ctx.resumed) return await this.answerApproval(ctx, updater);
      const request = readProcurementRequest(ctx.message);
      if ('declined' in request) return await updater.reject(request.declined);
      if (request.skill === 'purchase-order-status')
        return await this.reportStatus(request.orderIds, ctx, updater);
      return await this.createOrders(request.items, request.requestedBy, ctx, updater);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (err instanceof McpToolError) return updater.fail(`The ERP refused: ${err.text}`);
      if (err instanceof McpClientError) return updater.fail(`The ERP is unavailable: ${err.message}`);
      throw err;
    }
  }

  private async createOrders(
    items: RequestedItem[],
    requestedBy: string | undefined,
    ctx: ExecutionContext,
    updater: TaskUpdater,
  ): Promise<void> {
    const skus = [...new Set(items.map((i) => i.sku))];
    await updater.working(`Finding suppliers for ${skus.join(', ')}`);
    const offers = new Map<string, Supplier[]>();
    const unknown: string[] = [];
    for (const sku of skus) {
      try {
        offers.set(sku, await this.erp.suppliersOf(sku, ctx.signal));
      } catch (err) {
        if (!(err instanceof McpToolError && err.code === 'UNKNOWN_SKU')) throw err;
        unknown.push(sku);
      }
    }
    const unoffered = skus.filter((sku) => offers.has(sku) && offers.get(sku)?.length === 0);
    if (unknown.length > 0 || unoffered.length > 0) {
      const reasons = [
        ...(unknown.length > 0 ? [`unknown SKU(s): ${unknown.join(', ')}`] : []),
        ...(unoffered.length > 0 ? [`no supplier offers ${unoffered.join(', ')}`] : []),
      ];
      return updater.reject(`No purchase order was created: ${reasons.join('; ')}.`);
    }

    const plan = planPurchaseOrders(items, offers);
    await updater.working(
      `Creating ${plan.orders.length} purchase order(s) with ${plan.orders.map((o) => o.supplierId).join(', ')}`,
    );
    const created: PurchaseOrder[] = [];
    for (const planned of plan.orders) {
      ctx.signal.throwIfAborted();
      created.push(
        await this.erp.createOrder(
          {
            supplierId: planned.supplierId,
            lines: planned.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
            // Per task and supplier: a retried task finds its orders instead of creating new ones.
            idempotencyKey: `${ctx.taskId}:${planned.supplierId}`,
            notes: orderNotes(planned, ctx.taskId),
            requestedBy: requestedBy ?? 'procurement-agent',
          },
          ctx.signal,
        ),
      );
    }

    const orders = created.map(summarizeOrder);
    const state: ApprovalState = {
      orderIds: orders.map((o) => o.orderId),
      totalEur: totalOf(orders),
      thresholdEur: this.policy.approvalThresholdEur,
      adjustments: plan.adjustments,
    };
    // Totals in another currency cannot be held against a EUR threshold: a person decides.
    const needsApproval = state.totalEur > state.thresholdEur || orders.some((o) => o.currency !== 'EUR');
    if (needsApproval) {
      return updater.requireInput(
        approvalQuestion(state, orders, describeAdjustments(plan.adjustments) || undefined),
      );
    }
    const comment = `Total ${money(state.totalEur)} is within the approval threshold of ${money(state.thresholdEur)}`;
    await this.approveAndSend(state, AUTO_APPROVER, comment, ctx, updater);
  }

  private async answerApproval(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const pending = pendingApproval(ctx.task.history);
    if (!pending) return updater.fail('This task is not waiting for an approval.');
    const { decision, approver } = readApprovalAnswer(ctx.message);
    if (!decision) {
      return updater.requireInput(
        approvalQuestion(pending.state, pending.orders, 'I need a clear answer: "approve" or "reject".'),
      );
    }
    const who = approver ?? ctx.scope.owner;
    if (decision === 'approve') {
      return this.approveAndSend(
        pending.state,
        who,
        `Approved by ${who} in A2A task ${ctx.taskId}`,
        ctx,
        updater,
      );
    }
    await updater.working('Recording that the purchase orders were not approved');
    const orders = await this.currentOrders(pending.state.orderIds, ctx.signal);
    const text = `Purchase orders were not approved (rejected by ${who}); they stay pending_approval:\n${describeOrders(orders)}`;
    await updater.artifact({
      name: 'purchase-orders',
      parts: resultParts(
        { orders, approved: false, rejectedBy: who, totalEur: pending.state.totalEur },
        text,
      ),
    });
    await updater.complete('Purchase orders were not approved');
  }

  private async approveAndSend(
    state: ApprovalState,
    approver: string,
    comment: string,
    ctx: ExecutionContext,
    updater: TaskUpdater,
  ): Promise<void> {
    await updater.working(`Approving and sending ${state.orderIds.length} purchase order(s)`);
    for (const orderId of state.orderIds) {
      ctx.signal.throwIfAborted();
      await this.erp.approve(orderId, approver, comment, ctx.signal);
      await this.erp.notifySupplier(orderId, ctx.signal);
    }
    const orders = await this.currentOrders(state.orderIds, ctx.signal);
    const adjustments: QuantityAdjustment[] = state.adjustments;
    const text = [
      `Approved by ${approver} and sent to the suppliers, total ${money(state.totalEur)}:`,
      describeOrders(orders),
      describeAdjustments(adjustments),
    ]
      .filter(Boolean)
      .join('\n');
    await updater.artifact({
      name: 'purchase-orders',
      parts: resultParts(
        { orders, approved: true, approvedBy: approver, totalEur: state.totalEur, adjustments },
        text,
      ),
    });
    await updater.complete(
      `Created and approved ${orders.length} purchase order(s) totalling ${money(state.totalEur)}; the suppliers are notified`,
    );
  }

  private async reportStatus(orderIds: string[], ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    await updater.working(`Looking up ${orderIds.join(', ')}`);
    let orders: PurchaseOrder[];
    try {
      orders = await this.fullOrders(orderIds, ctx.signal);
    } catch (err) {
      if (err instanceof McpToolError) return updater.reject(`The ERP refused: ${err.text}`);
      throw err;
    }
    const text = describeOrders(orders.map(summarizeOrder));
    await updater.artifact({ name: 'purchase-order-status', parts: resultParts({ orders }, text) });
    await updater.complete(orders.map((o) => `${o.orderId} is ${o.status}`).join('; '));
  }

  private async currentOrders(orderIds: readonly string[], signal: AbortSignal): Promise<OrderSummary[]> {
    return (await this.fullOrders(orderIds, signal)).map((o) => ({
      ...summarizeOrder(o),
      ...(Array.isArray(o['notifications']) ? { notifications: o['notifications'] } : {}),
    }));
  }

  private async fullOrders(orderIds: readonly string[], signal: AbortSignal): Promise<PurchaseOrder[]> {
    const orders: PurchaseOrder[] = [];
    for (const orderId of orderIds) orders.push(await this.erp.order(orderId, signal));
    return orders;
  }
}
