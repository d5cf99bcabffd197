import type { Message, Task, TaskState } from '@a2a-platform/a2a-protocol';
import type { ExecutionContext, StatusContent, TaskUpdater } from '@a2a-platform/a2a-server';
import { McpToolClient } from '@a2a-platform/mcp-kit';
import {
  artifactData,
  collect,
  GatedToolCaller,
  McpBackedAgent,
  McpServerProcess,
  startAgent,
  statusText,
  streamShape,
  taskOf,
  userMessage,
  type AgentHarness,
} from '@a2a-platform/test-support';
import { procurementAgentCard } from '../src/agent-card.js';
import { APPROVAL_METADATA_KEY } from '../src/approval-state.js';
import { PurchaseOrderExecutor } from '../src/purchase-order-executor.js';
import { ErpDatabaseView } from './support/erp-database.js';

jest.setTimeout(30_000);

interface Order {
  orderId: string;
  supplierId: string;
  status: string;
  total: number;
  lines: { sku: string; quantity: number }[];
  notifications?: unknown[];
}

const THRESHOLD = { approvalThresholdEur: 5_000 };
const card = (url: string) => procurementAgentCard(url, '0.0.0-test', THRESHOLD.approvalThresholdEur);

function approvalData(task: Task): { approvalRequired: boolean; totalEur: number; orders: Order[] } {
  const data = task.status.message?.parts.find((p) => p.data !== undefined)?.data;
  return data as { approvalRequired: boolean; totalEur: number; orders: Order[] };
}

describe('procurement agent against the real erp-mcp over HTTP', () => {
  const stack = new McpBackedAgent('erp-mcp');
  const server = stack.server;
  const erp = new ErpDatabaseView(server.dataDir);
  let mcp: McpToolClient;
  let harness: AgentHarness;

  const send = async (
    parts: Parameters<typeof userMessage>[0],
    extra: Partial<Message> = {},
  ): Promise<Task> => taskOf(await harness.client.sendMessage({ message: userMessage(parts, extra) }));
  const answer = (task: Task, parts: Parameters<typeof userMessage>[0]) =>
    send(parts, { taskId: task.id, contextId: task.contextId });

  beforeAll(async () => {
    ({ mcp, harness } = await stack.start({
      card,
      executor: (client) => new PurchaseOrderExecutor(client, THRESHOLD),
    }));
  }, 180_000);

  afterAll(() => stack.dispose());

  it('publishes a card with its two skills and their tags', async () => {
    const served = (await (
      await fetch(`${harness.baseUrl}/.well-known/agent-card.json`)
    ).json()) as ReturnType<typeof card>;
    expect(served.skills.map((s) => [s.id, s.tags])).toEqual([
      ['create-purchase-orders', ['procurement', 'purchase-order', 'replenishment']],
      ['purchase-order-status', ['procurement', 'purchase-order']],
    ]);
  });

  it('approves orders below the threshold itself and notifies the supplier', async () => {
    const task = await send([{ text: 'order 20 of BRG-6204-2RS' }]);

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    const result = artifactData(task, 'purchase-orders') as {
      orders: Order[];
      approved: boolean;
      approvedBy: string;
    };
    expect(result).toMatchObject({ approved: true, approvedBy: 'auto-approval-policy' });
    // 20 is below the cheapest supplier's minimum of 50: the one that sells single units wins.
    expect(result.orders).toMatchObject([{ supplierId: 'SUP-ALLROUND', status: 'approved', total: 108 }]);
    const [order] = erp.ordersOfTask(task.id);
    expect(order).toMatchObject({ id: result.orders[0].orderId, status: 'approved' });
    expect(erp.outbox(order.id)).toEqual([{ recipient: expect.stringContaining('@'), status: 'pending' }]);
  });

  it('groups lines per supplier and raises quantities to the minimum, saying so', async () => {
    const task = await send([
      {
        data: {
          items: [
            { sku: 'BRG-6204-2RS', quantity: 60, warehouseId: 'WH-HAM' },
            { sku: 'VBT-SPA-1250', quantity: 10 },
            { sku: 'NUT-M8-8', quantity: 10 },
            { sku: 'GRS-LIT-EP2-400', quantity: 10 },
          ],
          requestedBy: 'spec',
        },
      },
    ]);

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    const { orders } = artifactData(task, 'purchase-orders') as { orders: Order[] };
    expect(orders.map((o) => [o.supplierId, o.lines.map((l) => [l.sku, l.quantity])])).toEqual([
      ['SUP-FASTFIX', [['NUT-M8-8', 10]]],
      [
        'SUP-NORDBEAR',
        [
          ['BRG-6204-2RS', 60],
          ['VBT-SPA-1250', 10],
          ['GRS-LIT-EP2-400', 48],
        ],
      ],
    ]);
    const text = task.artifacts?.[0].parts.find((p) => p.text)?.text ?? '';
    expect(text).toContain(
      'GRS-LIT-EP2-400: ordered 48 instead of 10, the minimum order quantity of SUP-NORDBEAR',
    );
    expect(erp.ordersOfTask(task.id)).toHaveLength(2);
  });

  it('asks for approval above the threshold, streaming, and completes the same task on "approve"', async () => {
    const events = await collect(
      harness.client.sendStreamingMessage({
        message: userMessage([{ data: { items: [{ sku: 'HYD-OIL-46-20L', quantity: 100 }] } }]),
      }),
    );
    expect(streamShape(events).slice(0, 3)).toEqual(['task', 'working', 'working']);
    expect(streamShape(events).at(-1)).toBe('input_required');
    const taskId = 'task' in events[0] ? events[0].task.id : '';

    const waiting = await harness.client.getTask({ id: taskId });
    expect(waiting.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(approvalData(waiting)).toMatchObject({ approvalRequired: true, totalEur: 6550 });
    expect(statusText(waiting)).toContain('Reply "approve" or "reject"');
    const [order] = erp.ordersOfTask(taskId);
    expect(waiting.status.message?.metadata?.[APPROVAL_METADATA_KEY]).toMatchObject({ orderIds: [order.id] });
    expect(order.status).toBe('pending_approval');

    const done = await answer(waiting, [{ text: 'approve' }]);

    expect(done.id).toBe(taskId);
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    expect(artifactData(done, 'purchase-orders')).toMatchObject({
      approved: true,
      approvedBy: 'anonymous',
      orders: [{ orderId: order.id, status: 'approved', notifications: [{ status: 'pending' }] }],
    });
    expect(erp.orderStatus(order.id)).toBe('approved');
    expect(erp.outbox(order.id)).toHaveLength(1);
  });

  it('asks again on an unclear answer, then takes a data decision with its approver', async () => {
    const waiting = await send([{ text: 'order 200 of FLT-HYD-10M' }]);
    expect(waiting.status.state).toBe('TASK_STATE_INPUT_REQUIRED');

    const again = await answer(waiting, [{ text: 'maybe tomorrow' }]);
    expect(again.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(statusText(again)).toContain('I need a clear answer');
    expect(approvalData(again).orders.map((o) => o.orderId)).toEqual(
      approvalData(waiting).orders.map((o) => o.orderId),
    );

    const done = await answer(again, [{ data: { decision: 'approve', approver: 'alice@example.com' } }]);
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    expect(artifactData(done, 'purchase-orders')).toMatchObject({ approvedBy: 'alice@example.com' });
    expect(erp.ordersOfTask(done.id).map((o) => o.status)).toEqual(['approved']);
  });

  it('leaves the orders pending and completes as not approved on "reject"', async () => {
    const waiting = await send([{ text: 'order 100 of CHN-08B-5M' }]);
    expect(waiting.status.state).toBe('TASK_STATE_INPUT_REQUIRED');

    const done = await answer(waiting, [{ text: 'No.' }]);

    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    expect(statusText(done)).toBe('Purchase orders were not approved');
    expect(artifactData(done, 'purchase-orders')).toMatchObject({
      approved: false,
      orders: [{ status: 'pending_approval' }],
    });
    const [order] = erp.ordersOfTask(done.id);
    expect(order.status).toBe('pending_approval');
    expect(erp.outbox(order.id)).toEqual([]);
  });

  it('reports the status of orders named in text or data', async () => {
    const byText = await send([{ text: 'status of PO-000001' }]);
    expect(byText.status.state).toBe('TASK_STATE_COMPLETED');
    expect(artifactData(byText, 'purchase-order-status')).toMatchObject({
      orders: [{ orderId: 'PO-000001', status: 'approved' }],
    });

    const byData = await send([{ data: { orderId: 'PO-000002' } }]);
    expect(artifactData(byData, 'purchase-order-status')).toMatchObject({
      orders: [{ orderId: 'PO-000002', status: 'pending_approval' }],
    });
  });

  it('rejects unknown SKUs before creating anything, and unknown orders', async () => {
    const before = erp.orderCount();
    const unknownSku = await send([{ text: 'order 5 of NOPE-0001 and 5 of NUT-M8-8' }]);
    expect(unknownSku.status.state).toBe('TASK_STATE_REJECTED');
    expect(statusText(unknownSku)).toContain('unknown SKU(s): NOPE-0001');
    expect(erp.orderCount()).toBe(before);

    const unknownOrder = await send([{ text: 'status of PO-999999' }]);
    expect(unknownOrder.status.state).toBe('TASK_STATE_REJECTED');
    expect(statusText(unknownOrder)).toContain('UNKNOWN_ORDER');
  });

  it('creates no second order when the same task runs again', async () => {
    const message = userMessage([{ data: { items: [{ sku: 'WLD-ROD-E6013-25', quantity: 300 }] } }]);
    const run = async () => {
      const updater = new RecordingUpdater('fixed-task-1');
      await new PurchaseOrderExecutor(mcp, THRESHOLD).execute(contextFor('fixed-task-1', message), updater);
      return updater;
    };

    const first = await run();
    const second = await run();

    expect(first.states.at(-1)).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(second.states.at(-1)).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(second.lastMetadata()).toEqual(first.lastMetadata());
    expect(erp.ordersOfTask('fixed-task-1')).toHaveLength(1);
  });

  it('reconnects after erp-mcp was killed and restarted, and the next task works', async () => {
    const firstSession = mcp.sessionId;
    await server.kill();
    await server.start();

    const task = await send([{ text: 'status of PO-000001' }]);

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(mcp.sessionId).not.toBe(firstSession);
  });

  it('reports not ready and fails tasks with a clear message while erp-mcp is down', async () => {
    await server.kill();
    try {
      const ready = await fetch(`${harness.baseUrl}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ dependencies: { 'erp-mcp': 'down' } });

      const task = await send([{ text: 'order 20 of BRG-6204-2RS' }]);

      expect(task.status.state).toBe('TASK_STATE_FAILED');
      expect(statusText(task)).toContain('The ERP is unavailable');
      expect(statusText(task)).toContain('ECONNREFUSED');
    } finally {
      await server.start();
    }
    expect((await fetch(`${harness.baseUrl}/ready`)).status).toBe(200);
  });
});

describe('procurement agent cancellation', () => {
  const server = new McpServerProcess('erp-mcp');
  const erp = new ErpDatabaseView(server.dataDir);
  let mcp: McpToolClient;

  beforeAll(async () => {
    await server.start();
    mcp = new McpToolClient({ url: server.url, name: 'erp-mcp' });
  }, 180_000);
  afterAll(async () => {
    await mcp?.close();
    await server.dispose();
  });

  it('stops between MCP calls when the task is canceled: no further order is created', async () => {
    // Holds the second `create_purchase_order` call until opened, then makes it with the executor's signal.
    let creates = 0;
    const gated = new GatedToolCaller(mcp, (name) => name === 'create_purchase_order' && ++creates === 2);
    const harness = await startAgent({
      card,
      executor: new PurchaseOrderExecutor(gated, THRESHOLD),
      checks: [],
    });
    try {
      const started = taskOf(
        await harness.client.sendMessage({
          message: userMessage([{ text: 'order 60 of BRG-6204-2RS and 10 of NUT-M8-8' }]),
          configuration: { returnImmediately: true },
        }),
      );
      await gated.held;

      const canceled = await harness.client.cancelTask({ id: started.id });
      gated.open();
      await harness.agent.handler.drain(10_000);

      expect(canceled.status.state).toBe('TASK_STATE_CANCELED');
      expect(gated.signals[0]?.aborted).toBe(true);
      expect(erp.ordersOfTask(started.id)).toHaveLength(1);
      expect((await harness.client.getTask({ id: started.id })).status.state).toBe('TASK_STATE_CANCELED');
    } finally {
      await harness.close();
    }
  });
});

/** Records what an executor asks of its task, for running it outside a server. */
class RecordingUpdater implements TaskUpdater {
  readonly contextId = 'ctx-fixed';
  readonly states: TaskState[] = [];
  readonly contents: (StatusContent | undefined)[] = [];

  constructor(readonly taskId: string) {}

  lastMetadata(): unknown {
    const last = this.contents.at(-1);
    return typeof last === 'object' && !Array.isArray(last) ? last?.metadata : undefined;
  }

  async status(state: TaskState, content?: StatusContent): Promise<void> {
    this.states.push(state);
    this.contents.push(content);
  }
  working = (content?: StatusContent) => this.status('TASK_STATE_WORKING', content);
  requireInput = (content: StatusContent) => this.status('TASK_STATE_INPUT_REQUIRED', content);
  requireAuth = (content: StatusContent) => this.status('TASK_STATE_AUTH_REQUIRED', content);
  complete = (content?: StatusContent) => this.status('TASK_STATE_COMPLETED', content);
  fail = (content: StatusContent) => this.status('TASK_STATE_FAILED', content);
  reject = (content: StatusContent) => this.status('TASK_STATE_REJECTED', content);
  async artifact(): Promise<string> {
    return 'artifact';
  }
}

function contextFor(taskId: string, message: Message): ExecutionContext {
  return {
    taskId,
    contextId: 'ctx-fixed',
    message,
    task: { id: taskId, contextId: 'ctx-fixed', status: { state: 'TASK_STATE_WORKING' }, history: [message] },
    resumed: false,
    scope: { tenant: 'default', owner: 'spec' },
    signal: new AbortController().signal,
  };
}
