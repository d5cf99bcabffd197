import type { AgentCard, AgentSkill, Message } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor, ExecutionContext, TaskUpdater } from '@a2a-platform/a2a-server';

/**
 * Small agents that follow the supply-chain contract (skills, input and artifacts) without MCP
 * servers behind them, so the orchestrator's tests control what its children do.
 */

/** How a fake card names its skills: the contract's ids, or other ids with the contract's ids as tags. */
export type SkillNaming = 'ids' | 'tags';

function card(url: string, name: string, skill: AgentSkill): AgentCard {
  return {
    name,
    description: `${name} (test double)`,
    version: '0.0.0-test',
    supportedInterfaces: [
      { url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' },
    ],
    capabilities: { streaming: true, pushNotifications: false },
    defaultInputModes: ['text/plain', 'application/json'],
    defaultOutputModes: ['text/plain', 'application/json'],
    skills: [skill],
  };
}

/** The inventory double's card. */
export function inventoryCard(url: string, naming: SkillNaming = 'ids'): AgentCard {
  return card(url, 'Inventory Agent', {
    id: naming === 'ids' ? 'low-stock-report' : 'shortage-scan',
    name: 'Low-stock report',
    description: 'Items below their reorder point',
    tags:
      naming === 'ids'
        ? ['inventory', 'low-stock', 'replenishment']
        : ['inventory', 'low-stock-report', 'replenishment'],
  });
}

/** The procurement double's card. */
export function procurementCard(url: string, naming: SkillNaming = 'ids'): AgentCard {
  return card(url, 'Procurement Agent', {
    id: naming === 'ids' ? 'create-purchase-orders' : 'raise-orders',
    name: 'Create purchase orders',
    description: 'Orders items from suppliers',
    tags:
      naming === 'ids'
        ? ['procurement', 'purchase-order', 'replenishment']
        : ['procurement', 'create-purchase-orders', 'replenishment'],
  });
}

/** The first data part of a message that is an object. */
export function dataOf(message: Message | undefined): Record<string, unknown> {
  const part = message?.parts.find((p) => typeof p.data === 'object' && p.data !== null);
  return (part?.data as Record<string, unknown> | undefined) ?? {};
}

function textOf(message: Message | undefined): string {
  return (message?.parts ?? []).map((p) => p.text ?? '').join(' ');
}

/** Resolves when the signal aborts; never otherwise. */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** The rows the inventory double reports (before its warehouse filter). */
export const LOW_STOCK_ROWS = [
  {
    sku: 'SKU-1001',
    itemName: 'Bearing',
    warehouseId: 'WH-HAM',
    available: 2,
    reorderPoint: 20,
    suggestedOrderQuantity: 50,
  },
  {
    sku: 'SKU-2002',
    itemName: 'Gasket',
    warehouseId: 'WH-HAM',
    available: 1,
    reorderPoint: 10,
    suggestedOrderQuantity: 20,
  },
  {
    sku: 'SKU-1001',
    itemName: 'Bearing',
    warehouseId: 'WH-FRA',
    available: 5,
    reorderPoint: 20,
    suggestedOrderQuantity: 30,
  },
];

/** Behaviour of a double. */
export type FakeMode = 'normal' | 'none' | 'slow' | 'fail';

/** Records what a double was sent and which executions saw their signal abort. */
abstract class FakeAgent implements AgentExecutor {
  /** Every message the agent received, in order. */
  readonly received: Message[] = [];
  /** Ids of the tasks whose execution was aborted (cancel). */
  readonly aborted: string[] = [];

  constructor(public mode: FakeMode = 'normal') {}

  async execute(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    this.received.push(ctx.message);
    ctx.signal.addEventListener('abort', () => this.aborted.push(ctx.taskId), { once: true });
    if (this.mode === 'fail') {
      await updater.working('Looking into it');
      await updater.fail(this.failure);
      return;
    }
    if (this.mode === 'slow') {
      await updater.working('This will take a while');
      await untilAborted(ctx.signal);
      return;
    }
    await this.run(ctx, updater);
  }

  protected abstract readonly failure: string;
  protected abstract run(ctx: ExecutionContext, updater: TaskUpdater): Promise<void>;
}

/** `low-stock-report`: a fixed `low-stock-items` artifact, filtered by `warehouseId`. */
export class FakeInventoryAgent extends FakeAgent {
  protected readonly failure = 'the inventory database is locked';

  protected async run(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const { warehouseId } = dataOf(ctx.message);
    await updater.working(
      `Checking stock levels in ${typeof warehouseId === 'string' ? warehouseId : 'all warehouses'}`,
    );
    const items =
      this.mode === 'none'
        ? []
        : LOW_STOCK_ROWS.filter((r) => warehouseId === undefined || r.warehouseId === warehouseId);
    await updater.artifact(
      {
        name: 'low-stock-items',
        parts: [{ data: { items } }, { text: `${items.length} rows below reorder point` }],
      },
      { lastChunk: true },
    );
    await updater.complete(`${items.length} low-stock rows`);
  }
}

/** Price of every unit the procurement double orders. */
export const UNIT_PRICE_EUR = 10;

interface FakeOrder {
  orderId: string;
  supplierName: string;
  status: string;
  total: number;
  currency: string;
  lines: { sku: string; quantity: number }[];
}

/**
 * `create-purchase-orders`: one order per SKU at {@link UNIT_PRICE_EUR}; above `thresholdEur` it asks
 * "approve" or "reject" (input-required, order ids in the status metadata) and reads that question back
 * from the history on resume, keeping no state between turns.
 */
export class FakeProcurementAgent extends FakeAgent {
  protected readonly failure = 'ERP is down for maintenance';

  constructor(
    mode: FakeMode = 'normal',
    public thresholdEur = 5_000,
  ) {
    super(mode);
  }

  protected async run(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    if (ctx.resumed) return this.decide(ctx, updater);
    const data = dataOf(ctx.message);
    const items = (data['items'] ?? []) as { sku: string; quantity: number }[];
    await updater.working(`Choosing suppliers for ${items.length} SKUs`);
    const orders: FakeOrder[] = items.map((item, i) => ({
      orderId: `PO-${String(i + 1).padStart(6, '0')}`,
      supplierName: 'Test Supplier',
      status: 'pending_approval',
      total: item.quantity * UNIT_PRICE_EUR,
      currency: 'EUR',
      lines: [{ sku: item.sku, quantity: item.quantity }],
    }));
    const totalEur = orders.reduce((sum, o) => sum + o.total, 0);
    if (totalEur > this.thresholdEur) return this.ask(updater, orders, totalEur);
    await this.finish(updater, orders, 'auto-approval-policy');
  }

  private async ask(updater: TaskUpdater, orders: FakeOrder[], totalEur: number): Promise<void> {
    await updater.requireInput({
      messageId: `ask-${Date.now()}-${Math.random()}`,
      role: 'ROLE_AGENT',
      parts: [
        {
          text: `The orders total ${totalEur} EUR, above ${this.thresholdEur} EUR. Reply "approve" or "reject".`,
        },
        { data: { approvalRequired: true, orders, totalEur } },
      ],
      metadata: { orders: orders as unknown as Record<string, unknown>[], totalEur },
    });
  }

  private async decide(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const question = [...(ctx.task.history ?? [])].reverse().find((m) => m.role === 'ROLE_AGENT');
    const orders = (question?.metadata?.['orders'] ?? []) as FakeOrder[];
    const totalEur = Number(question?.metadata?.['totalEur'] ?? 0);
    const answer = `${textOf(ctx.message)} ${String(dataOf(ctx.message)['decision'] ?? '')}`.toLowerCase();
    if (/\b(approve|yes)\b/.test(answer)) {
      await updater.working('Approving the orders');
      return this.finish(updater, orders, 'test-approver');
    }
    if (/\b(reject|no)\b/.test(answer)) {
      await updater.artifact(
        { name: 'purchase-orders', parts: [{ data: { orders, approved: false } }] },
        { lastChunk: true },
      );
      await updater.complete('Purchase orders were not approved');
      return;
    }
    await this.ask(updater, orders, totalEur);
  }

  private async finish(updater: TaskUpdater, orders: FakeOrder[], approvedBy: string): Promise<void> {
    const approved = orders.map((o) => ({ ...o, status: 'approved' }));
    await updater.artifact(
      {
        name: 'purchase-orders',
        parts: [{ data: { orders: approved, approvedBy } }, { text: 'orders placed' }],
      },
      { lastChunk: true },
    );
    await updater.complete(`${approved.length} purchase orders approved by ${approvedBy}`);
  }
}
