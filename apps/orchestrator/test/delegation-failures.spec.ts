import { randomUUID } from 'node:crypto';
import type { Message, StreamResponse, Task } from '@a2a-platform/a2a-protocol';
import {
  eventually,
  freePort,
  startAgent,
  startOrchestrator,
  type RunningAgent,
} from './support/agent-servers.js';
import {
  FakeInventoryAgent,
  FakeProcurementAgent,
  inventoryCard,
  procurementCard,
  type FakeMode,
} from './support/fake-agents.js';

function userMessage(text: string): Message {
  return { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }] };
}

async function run(orchestrator: RunningAgent, text = 'reorder low stock'): Promise<Task> {
  const result = await orchestrator.client.sendMessage({ message: userMessage(text) });
  if (!('task' in result)) throw new Error('expected a task');
  return result.task;
}

function reason(task: Task): string {
  return task.status.message?.parts.map((p) => p.text ?? '').join(' ') ?? '';
}

describe('orchestrator: failures, cancellation and timeouts of children', () => {
  const inventory = new FakeInventoryAgent();
  const procurement = new FakeProcurementAgent();
  let inventoryAgent: RunningAgent;
  let procurementAgent: RunningAgent;
  const started: RunningAgent[] = [];

  async function orchestratorFor(urls: string[], childTimeoutMs?: number): Promise<RunningAgent> {
    const agent = await startOrchestrator(urls, { childTimeoutMs });
    started.push(agent);
    return agent;
  }

  function withProcurement(mode: FakeMode): void {
    procurement.mode = mode;
  }

  beforeAll(async () => {
    inventoryAgent = await startAgent({ card: (url) => inventoryCard(url), executor: inventory });
    procurementAgent = await startAgent({ card: (url) => procurementCard(url), executor: procurement });
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((a) => a.close()));
    withProcurement('normal');
  });

  afterAll(async () => {
    await inventoryAgent?.close();
    await procurementAgent?.close();
  });

  it('cancels the running child task when its own task is canceled', async () => {
    withProcurement('slow');
    const orchestrator = await orchestratorFor([inventoryAgent.url, procurementAgent.url]);
    const stream = orchestrator.client.sendStreamingMessage({ message: userMessage('reorder') });
    let taskId = '';
    let childTaskId = '';
    const seen: StreamResponse[] = [];
    for await (const event of stream) {
      seen.push(event);
      if ('task' in event) taskId = event.task.id;
      const relayed =
        'statusUpdate' in event ? event.statusUpdate.status.message?.metadata?.['relayedFrom'] : undefined;
      const from = relayed as { agent?: string; taskId?: string } | undefined;
      if (from?.agent === 'procurement-agent' && from.taskId) {
        childTaskId = from.taskId;
        await orchestrator.client.cancelTask({ id: taskId });
      }
      if ('statusUpdate' in event && event.statusUpdate.status.state === 'TASK_STATE_CANCELED') break;
    }

    expect(childTaskId).not.toBe('');
    expect((await orchestrator.client.getTask({ id: taskId })).status.state).toBe('TASK_STATE_CANCELED');
    const child = await eventually(async () => {
      const t = await procurementAgent.client.getTask({ id: childTaskId });
      return t.status.state === 'TASK_STATE_WORKING' ? undefined : t;
    }, 'the child task to end');
    expect(child.status.state).toBe('TASK_STATE_CANCELED');
    expect(procurement.aborted).toContain(childTaskId);
  });

  it('fails with the child’s name and reason when the child fails', async () => {
    withProcurement('fail');
    const orchestrator = await orchestratorFor([inventoryAgent.url, procurementAgent.url]);

    const task = await run(orchestrator);

    expect(task.status.state).toBe('TASK_STATE_FAILED');
    expect(reason(task)).toBe('procurement-agent failed the purchase orders: ERP is down for maintenance');
  });

  it('fails when a child takes longer than CHILD_TIMEOUT_MS, and cancels that child', async () => {
    withProcurement('slow');
    const orchestrator = await orchestratorFor([inventoryAgent.url, procurementAgent.url], 400);

    const task = await run(orchestrator);

    expect(task.status.state).toBe('TASK_STATE_FAILED');
    expect(reason(task)).toBe(`procurement-agent (${procurementAgent.url}) did not answer within 400 ms`);
    const childTaskId = procurement.received.at(-1)?.taskId ?? '';
    const child = await eventually(async () => {
      const t = await procurementAgent.client.getTask({ id: childTaskId });
      return t.status.state === 'TASK_STATE_WORKING' ? undefined : t;
    }, 'the child task to end');
    expect(child.status.state).toBe('TASK_STATE_CANCELED');
  });

  it('fails fast, naming the skill and the unreachable agent, when an agent is down at discovery', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const orchestrator = await orchestratorFor([inventoryAgent.url, closed]);

    const task = await run(orchestrator);

    expect(task.status.state).toBe('TASK_STATE_FAILED');
    expect(reason(task)).toContain('No agent offers the skill "create-purchase-orders"');
    expect(reason(task)).toContain(`${closed} (unreachable:`);
    expect(reason(task)).toContain(`${inventoryAgent.url} (Inventory Agent: low-stock-report)`);
  });

  it('fails fast when an agent discovered earlier stops answering', async () => {
    const extra = new FakeProcurementAgent();
    const doomed = await startAgent({ card: (url) => procurementCard(url), executor: extra });
    const orchestrator = await orchestratorFor([inventoryAgent.url, doomed.url]);
    expect((await run(orchestrator)).status.state).toBe('TASK_STATE_COMPLETED');
    await doomed.close();

    const task = await run(orchestrator);

    expect(task.status.state).toBe('TASK_STATE_FAILED');
    expect(reason(task)).toMatch(
      new RegExp(`^procurement-agent \\(${doomed.url.replace(/[.]/g, '\\.')}\\) could not be reached: `),
    );
  });

  it('fails naming the missing skill and the agents it checked', async () => {
    const orchestrator = await orchestratorFor([inventoryAgent.url]);

    const task = await run(orchestrator);

    expect(task.status.state).toBe('TASK_STATE_FAILED');
    expect(reason(task)).toBe(
      `No agent offers the skill "create-purchase-orders"; checked 1 agent(s): ` +
        `${inventoryAgent.url} (Inventory Agent: low-stock-report)`,
    );
  });
});

describe('orchestrator: routing by skill tag', () => {
  const inventory = new FakeInventoryAgent();
  const procurement = new FakeProcurementAgent();
  let inventoryAgent: RunningAgent;
  let procurementAgent: RunningAgent;

  beforeAll(async () => {
    // Skill ids differ from the contract's; the contract's ids are tags.
    inventoryAgent = await startAgent({ card: (url) => inventoryCard(url, 'tags'), executor: inventory });
    procurementAgent = await startAgent({
      card: (url) => procurementCard(url, 'tags'),
      executor: procurement,
    });
  });

  afterAll(async () => {
    await inventoryAgent?.close();
    await procurementAgent?.close();
  });

  it.each([
    ['inventory first', () => [inventoryAgent.url, procurementAgent.url]],
    ['procurement first', () => [procurementAgent.url, inventoryAgent.url]],
  ])('finds each agent by the tag of its skill (%s)', async (_order, urls) => {
    const orchestrator = await startOrchestrator(urls());
    try {
      const task = await run(orchestrator);

      expect(task.status.state).toBe('TASK_STATE_COMPLETED');
      const report = task.artifacts?.[0]?.parts[0]?.data as {
        steps: { agent: string; url: string; skill: string }[];
      };
      expect(report.steps.map((s) => [s.agent, s.url, s.skill])).toEqual([
        ['inventory-agent', inventoryAgent.url, 'shortage-scan'],
        ['procurement-agent', procurementAgent.url, 'raise-orders'],
      ]);
      expect(inventory.received.at(-1)?.metadata?.['skill']).toBe('shortage-scan');
      expect(procurement.received.at(-1)?.metadata?.['skill']).toBe('raise-orders');
    } finally {
      await orchestrator.close();
    }
  });
});
