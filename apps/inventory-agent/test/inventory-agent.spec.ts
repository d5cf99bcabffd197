import type { Task } from '@a2a-platform/a2a-protocol';
import { McpToolClient, unwrapToolResult } from '@a2a-platform/mcp-kit';
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
import { inventoryAgentCard } from '../src/agent-card.js';
import { StockExecutor } from '../src/stock-executor.js';

jest.setTimeout(30_000);

interface Level {
  sku: string;
  warehouseId: string;
  available: number;
  reserved: number;
  reorderPoint: number;
}

const card = (url: string) => inventoryAgentCard(url, '0.0.0-test');

describe('inventory agent against the real inventory-mcp over HTTP', () => {
  const stack = new McpBackedAgent('inventory-mcp');
  const server = stack.server;
  let mcp: McpToolClient;
  let harness: AgentHarness;

  const send = async (...parts: Parameters<typeof userMessage>[0]): Promise<Task> =>
    taskOf(await harness.client.sendMessage({ message: userMessage(parts) }));

  const level = async (sku: string, warehouseId: string): Promise<Level> => {
    const out = unwrapToolResult(
      'get_stock_levels',
      await mcp.callTool('get_stock_levels', { skus: [sku], warehouseId }),
    );
    return (out['levels'] as Level[])[0];
  };

  beforeAll(async () => {
    ({ mcp, harness } = await stack.start({ card, executor: (client) => new StockExecutor(client) }));
  }, 180_000);

  afterAll(() => stack.dispose());

  it('publishes a card with the three skills, their tags and modes', async () => {
    const response = await fetch(`${harness.baseUrl}/.well-known/agent-card.json`);
    const served = (await response.json()) as ReturnType<typeof card>;
    expect(served.skills.map((s) => [s.id, s.tags])).toEqual([
      ['low-stock-report', ['inventory', 'low-stock', 'replenishment']],
      ['stock-levels', ['inventory', 'stock']],
      ['reserve-stock', ['inventory', 'reservation']],
    ]);
    for (const skill of served.skills) {
      expect(skill.examples?.length).toBeGreaterThan(0);
      expect(skill.inputModes).toEqual(['text/plain', 'application/json']);
    }
  });

  it('reports the seeded low-stock items from a text question', async () => {
    const task = await send({ text: 'Which items are low on stock?' });

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    const { items } = artifactData(task, 'low-stock-items') as { items: Level[] };
    expect(items).toHaveLength(8);
    for (const item of items) expect(item.available).toBeLessThan(item.reorderPoint);
    const artifact = task.artifacts?.find((a) => a.name === 'low-stock-items');
    expect(artifact?.parts.find((p) => p.text)?.text).toContain('8 item(s) below their reorder point');
  });

  it('filters the low-stock report by warehouse from a data part', async () => {
    const task = await send({ data: { skill: 'low-stock-report', warehouseId: 'WH-HAM' } });

    const { items } = artifactData(task, 'low-stock-items') as { items: Level[] };
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(8);
    expect(new Set(items.map((i) => i.warehouseId))).toEqual(new Set(['WH-HAM']));
  });

  it('reports stock levels of SKUs named in text, in one warehouse', async () => {
    const task = await send({ text: 'What is the stock of BRG-6204-2RS and NUT-M8-8 in WH-FRA?' });

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    const { items } = artifactData(task, 'stock-levels') as { items: Level[] };
    expect(items.map((i) => [i.sku, i.warehouseId]).sort()).toEqual([
      ['BRG-6204-2RS', 'WH-FRA'],
      ['NUT-M8-8', 'WH-FRA'],
    ]);
  });

  it('reports stock levels from a data part, in every warehouse', async () => {
    const task = await send({ data: { skus: ['BRG-6204-2RS'] } });
    const { items } = artifactData(task, 'stock-levels') as { items: Level[] };
    expect(items.map((i) => i.warehouseId).sort()).toEqual(['WH-FRA', 'WH-HAM', 'WH-MUC']);
  });

  it('reserves stock asked for in text', async () => {
    const before = await level('BRG-6204-2RS', 'WH-HAM');

    const task = await send({ text: 'reserve 5 of BRG-6204-2RS in WH-HAM' });

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(artifactData(task, 'reservation')).toMatchObject({
      sku: 'BRG-6204-2RS',
      warehouseId: 'WH-HAM',
      quantity: 5,
      replayed: false,
      reservationId: `a2a-task:${task.id}`,
    });
    expect((await level('BRG-6204-2RS', 'WH-HAM')).reserved).toBe(before.reserved + 5);
  });

  it('never reserves twice for the same reservationId', async () => {
    const request = { sku: 'NUT-M8-8', warehouseId: 'WH-FRA', quantity: 2, reservationId: 'spec-res-1' };
    const before = await level('NUT-M8-8', 'WH-FRA');

    const first = await send({ data: request });
    const second = await send({ data: request });

    expect(artifactData(first, 'reservation')).toMatchObject({ replayed: false });
    expect(artifactData(second, 'reservation')).toMatchObject({ replayed: true });
    expect((await level('NUT-M8-8', 'WH-FRA')).reserved).toBe(before.reserved + 2);
  });

  it('rejects a request the inventory refuses, with the reason', async () => {
    const task = await send({ text: 'stock of NOPE-0000' });
    expect(task.status.state).toBe('TASK_STATE_REJECTED');
    expect(statusText(task)).toContain('UNKNOWN_SKU');
  });

  it('rejects what it cannot do, saying what it can', async () => {
    const task = await send({ text: 'book me a flight' });
    expect(task.status.state).toBe('TASK_STATE_REJECTED');
    expect(statusText(task)).toContain('I can list items below their reorder point');
  });

  it('streams working updates, then the artifact, then completion', async () => {
    const events = await collect(
      harness.client.sendStreamingMessage({
        message: userMessage([{ text: 'what needs reordering in WH-MUC?' }]),
      }),
    );
    const shape = streamShape(events);
    expect(shape[0]).toBe('task');
    expect(shape.slice(-3)).toEqual(['working', 'artifact:low-stock-items', 'completed']);
    const working = events.find(
      (e) => 'statusUpdate' in e && e.statusUpdate.status.state === 'TASK_STATE_WORKING',
    );
    expect(JSON.stringify(working)).toContain('below their reorder point in WH-MUC');
  });

  it('reconnects after inventory-mcp was killed and restarted, and the next task works', async () => {
    const firstSession = mcp.sessionId;
    await server.kill();
    await server.start();

    const task = await send({ text: 'stock of FUS-GG-16A' });

    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(mcp.sessionId).not.toBe(firstSession);
  });

  it('reports not ready and fails tasks with a clear message while inventory-mcp is down', async () => {
    await server.kill();
    try {
      const ready = await fetch(`${harness.baseUrl}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ dependencies: { 'inventory-mcp': 'down' } });

      const task = await send({ text: 'which items are low on stock?' });

      expect(task.status.state).toBe('TASK_STATE_FAILED');
      expect(statusText(task)).toContain('Inventory data is unavailable');
      expect(statusText(task)).toContain('ECONNREFUSED');
    } finally {
      await server.start();
    }
    expect((await fetch(`${harness.baseUrl}/ready`)).status).toBe(200);
  });
});

describe('inventory agent cancellation', () => {
  const server = new McpServerProcess('inventory-mcp');
  let mcp: McpToolClient;

  beforeAll(async () => {
    await server.start();
    mcp = new McpToolClient({ url: server.url, name: 'inventory-mcp' });
  }, 180_000);
  afterAll(async () => {
    await mcp?.close();
    await server.dispose();
  });

  it('aborts the MCP call of a canceled task, so nothing is reserved', async () => {
    // Holds `reserve_stock` calls until opened, then makes them with the signal the executor passed.
    const gated = new GatedToolCaller(mcp, (name) => name === 'reserve_stock');
    const harness = await startAgent({ card, executor: new StockExecutor(gated), checks: [] });
    try {
      const reservedBefore = async () =>
        (
          unwrapToolResult(
            'get_stock_levels',
            await mcp.callTool('get_stock_levels', { skus: ['GLV-NIT-L'], warehouseId: 'WH-HAM' }),
          )['levels'] as Level[]
        )[0].reserved;
      const before = await reservedBefore();
      const started = taskOf(
        await harness.client.sendMessage({
          message: userMessage([{ text: 'reserve 3 of GLV-NIT-L in WH-HAM' }]),
          configuration: { returnImmediately: true },
        }),
      );
      await gated.held;

      const canceled = await harness.client.cancelTask({ id: started.id });
      gated.open();

      expect(canceled.status.state).toBe('TASK_STATE_CANCELED');
      expect(gated.signals[0]?.aborted).toBe(true);
      await harness.agent.handler.drain(10_000);
      expect(await reservedBefore()).toBe(before);
      expect((await harness.client.getTask({ id: started.id })).status.state).toBe('TASK_STATE_CANCELED');
    } finally {
      await harness.close();
    }
  });
});
