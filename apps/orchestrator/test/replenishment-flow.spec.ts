import { randomUUID } from 'node:crypto';
import type { Message, Task } from '@a2a-platform/a2a-protocol';
import {
  artifactDataOf,
  collect,
  lastState,
  startAgent,
  startOrchestrator,
  statusTexts,
  type RunningAgent,
} from './support/agent-servers.js';
import {
  dataOf,
  FakeInventoryAgent,
  FakeProcurementAgent,
  inventoryCard,
  procurementCard,
} from './support/fake-agents.js';

function userMessage(parts: Message['parts'], extra: Partial<Message> = {}): Message {
  return { messageId: randomUUID(), role: 'ROLE_USER', parts, ...extra };
}

async function sendBlocking(agent: RunningAgent, message: Message): Promise<Task> {
  const result = await agent.client.sendMessage({ message });
  if (!('task' in result)) throw new Error('expected a task');
  return result.task;
}

describe('orchestrator: replenishment flow', () => {
  const inventory = new FakeInventoryAgent();
  const procurement = new FakeProcurementAgent();
  let inventoryAgent: RunningAgent;
  let procurementAgent: RunningAgent;
  let orchestrator: RunningAgent;

  beforeAll(async () => {
    inventoryAgent = await startAgent({ card: (url) => inventoryCard(url), executor: inventory });
    procurementAgent = await startAgent({ card: (url) => procurementCard(url), executor: procurement });
    orchestrator = await startOrchestrator([inventoryAgent.url, procurementAgent.url]);
  });

  afterAll(async () => {
    await orchestrator?.close();
    await inventoryAgent?.close();
    await procurementAgent?.close();
  });

  beforeEach(() => {
    inventory.received.length = 0;
    procurement.received.length = 0;
    inventory.mode = 'normal';
  });

  it('checks stock, orders the summed quantities per SKU and reports which agent did what (blocking)', async () => {
    const task = await sendBlocking(orchestrator, userMessage([{ text: 'Check low stock and reorder' }]));

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(inventory.received).toHaveLength(1);
    expect(dataOf(inventory.received[0])).toEqual({});
    expect(inventory.received[0]?.metadata?.['skill']).toBe('low-stock-report');
    expect(procurement.received).toHaveLength(1);
    expect(dataOf(procurement.received[0])).toEqual({
      items: [
        { sku: 'SKU-1001', quantity: 80 },
        { sku: 'SKU-2002', quantity: 20 },
      ],
      requestedBy: 'supply-chain-orchestrator',
    });

    const report = artifactDataOf(task, 'replenishment-report');
    expect(report?.['lowStockItems']).toHaveLength(3);
    expect(report?.['purchaseOrders']).toEqual([
      expect.objectContaining({ orderId: 'PO-000001', status: 'approved', total: 800 }),
      expect.objectContaining({ orderId: 'PO-000002', status: 'approved', total: 200 }),
    ]);
    const steps = report?.['steps'] as { agent: string; skill: string; taskId: string; state: string }[];
    expect(steps.map((s) => [s.agent, s.skill, s.state])).toEqual([
      ['inventory-agent', 'low-stock-report', 'TASK_STATE_COMPLETED'],
      ['procurement-agent', 'create-purchase-orders', 'TASK_STATE_COMPLETED'],
    ]);
    const inventoryTask = await inventoryAgent.client.getTask({ id: steps[0]?.taskId ?? '' });
    expect(inventoryTask.status.state).toBe('TASK_STATE_COMPLETED');
    const summary = task.artifacts?.[0]?.parts.find((p) => p.text !== undefined)?.text;
    expect(summary).toContain('PO-000001');
    expect(summary).toContain('1000.00 EUR');
  });

  it('relays each child progress update on its own stream and reads the warehouse from the text', async () => {
    const events = await collect(
      orchestrator.client.sendStreamingMessage({
        message: userMessage([{ text: 'replenish wh-fra please' }]),
      }),
    );

    expect(lastState(events)).toBe('TASK_STATE_COMPLETED');
    const texts = statusTexts(events);
    expect(texts).toContain('inventory-agent: Checking stock levels in WH-FRA');
    expect(texts).toContain('procurement-agent: Choosing suppliers for 1 SKUs');
    // Relayed in order: the inventory progress before the procurement progress.
    expect(texts.indexOf('inventory-agent: Checking stock levels in WH-FRA')).toBeLessThan(
      texts.indexOf('procurement-agent: Choosing suppliers for 1 SKUs'),
    );
    expect(dataOf(procurement.received[0])['items']).toEqual([{ sku: 'SKU-1001', quantity: 30 }]);
    const artifact = events.find((e) => 'artifactUpdate' in e);
    expect(artifact && 'artifactUpdate' in artifact && artifact.artifactUpdate.artifact.name).toBe(
      'replenishment-report',
    );
  });

  it('takes warehouseId and requestedBy from a data part', async () => {
    const task = await sendBlocking(
      orchestrator,
      userMessage([{ data: { warehouseId: 'WH-HAM', requestedBy: 'jane.doe' } }]),
    );

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(dataOf(inventory.received[0])).toEqual({ warehouseId: 'WH-HAM' });
    expect(dataOf(procurement.received[0])).toEqual({
      items: [
        { sku: 'SKU-1001', quantity: 50 },
        { sku: 'SKU-2002', quantity: 20 },
      ],
      requestedBy: 'jane.doe',
    });
  });

  it('gives each child its own context, never the caller’s', async () => {
    const contextId = randomUUID();
    const task = await sendBlocking(orchestrator, userMessage([{ text: 'reorder' }], { contextId }));

    expect(task.contextId).toBe(contextId);
    const inventoryContext = inventory.received[0]?.contextId;
    const procurementContext = procurement.received[0]?.contextId;
    expect(inventoryContext).toBeDefined();
    expect(procurementContext).toBeDefined();
    expect(new Set([contextId, inventoryContext, procurementContext]).size).toBe(3);
  });

  it('completes with "Nothing to reorder" when no item is low, without calling procurement', async () => {
    inventory.mode = 'none';
    const task = await sendBlocking(orchestrator, userMessage([{ text: 'reorder' }]));

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task.status.message?.parts[0]?.text).toBe('Nothing to reorder');
    expect(procurement.received).toHaveLength(0);
    expect(artifactDataOf(task, 'replenishment-report')).toEqual(
      expect.objectContaining({ lowStockItems: [], purchaseOrders: [] }),
    );
  });
});
