import { randomUUID } from 'node:crypto';
import type { Message, Task } from '@a2a-platform/a2a-protocol';
import type { TaskStores } from '@a2a-platform/agent-runtime';
import {
  artifactDataOf,
  collect,
  eventually,
  lastState,
  memoryStores,
  startAgent,
  startOrchestrator,
  statusTexts,
  type RunningAgent,
} from './support/agent-servers.js';
import {
  FakeInventoryAgent,
  FakeProcurementAgent,
  inventoryCard,
  procurementCard,
} from './support/fake-agents.js';

function userMessage(parts: Message['parts'], extra: Partial<Message> = {}): Message {
  return { messageId: randomUUID(), role: 'ROLE_USER', parts, ...extra };
}

function taskOf(result: Awaited<ReturnType<RunningAgent['client']['sendMessage']>>): Task {
  if (!('task' in result)) throw new Error('expected a task');
  return result.task;
}

describe('orchestrator: a child question passes through and the answer resumes the child', () => {
  const inventory = new FakeInventoryAgent();
  // 1000 EUR of orders against a 500 EUR threshold: procurement asks for approval.
  const procurement = new FakeProcurementAgent('normal', 500);
  let inventoryAgent: RunningAgent;
  let procurementAgent: RunningAgent;
  let shared: TaskStores;
  let orchestrator: RunningAgent;
  let otherInstance: RunningAgent;

  beforeAll(async () => {
    inventoryAgent = await startAgent({ card: (url) => inventoryCard(url), executor: inventory });
    procurementAgent = await startAgent({ card: (url) => procurementCard(url), executor: procurement });
    shared = await memoryStores();
    const urls = [inventoryAgent.url, procurementAgent.url];
    orchestrator = await startOrchestrator(urls, { stores: shared });
    // A second instance over the same task store, with executors and registries of its own.
    otherInstance = await startOrchestrator(urls, { stores: shared });
  });

  afterAll(async () => {
    await orchestrator?.close();
    await otherInstance?.close();
    await shared?.close();
    await inventoryAgent?.close();
    await procurementAgent?.close();
  });

  /** Starts a task and returns it at its input-required pause. */
  async function pausedTask(): Promise<Task> {
    const events = await collect(
      orchestrator.client.sendStreamingMessage({ message: userMessage([{ text: 'reorder low stock' }]) }),
    );
    expect(lastState(events)).toBe('TASK_STATE_INPUT_REQUIRED');
    const first = events[0];
    if (!first || !('task' in first)) throw new Error('stream did not open with the task');
    return orchestrator.client.getTask({ id: first.task.id });
  }

  it('goes input-required with the child’s question (text and data) and where to resume in the metadata', async () => {
    const task = await pausedTask();

    const question = task.status.message;
    expect(question?.parts[0]?.text).toMatch(/Reply "approve" or "reject"/);
    expect(question?.parts[1]?.data).toEqual(
      expect.objectContaining({ approvalRequired: true, totalEur: 1000 }),
    );
    const steps = (question?.metadata?.['steps'] ?? []) as { taskId: string; state: string }[];
    const childTaskId = question?.metadata?.['childTaskId'] as string;
    expect(question?.metadata).toEqual(
      expect.objectContaining({
        childAgent: { name: 'Procurement Agent', url: procurementAgent.url },
        step: 'create-purchase-orders',
      }),
    );
    const child = await procurementAgent.client.getTask({ id: childTaskId });
    expect(child.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(question?.metadata?.['childContextId']).toBe(child.contextId);
    expect(steps.at(-1)).toEqual(
      expect.objectContaining({ taskId: childTaskId, state: 'TASK_STATE_INPUT_REQUIRED' }),
    );
  });

  it('forwards "approve" to the same child task and context, relays its progress and completes', async () => {
    const paused = await pausedTask();
    const childTaskId = paused.status.message?.metadata?.['childTaskId'] as string;
    const childContextId = paused.status.message?.metadata?.['childContextId'] as string;

    const events = await collect(
      orchestrator.client.sendStreamingMessage({
        message: userMessage([{ text: 'approve' }], { taskId: paused.id, contextId: paused.contextId }),
      }),
    );

    expect(lastState(events)).toBe('TASK_STATE_COMPLETED');
    expect(statusTexts(events)).toContain('procurement-agent: Approving the orders');
    const answer = procurement.received.at(-1);
    expect(answer?.taskId).toBe(childTaskId);
    expect(answer?.contextId).toBe(childContextId);
    expect(answer?.parts).toEqual([{ text: 'approve' }]);
    const child = await procurementAgent.client.getTask({ id: childTaskId });
    expect(child.status.state).toBe('TASK_STATE_COMPLETED');

    const done = await orchestrator.client.getTask({ id: paused.id });
    const report = artifactDataOf(done, 'replenishment-report');
    expect(report).toEqual(expect.objectContaining({ approved: true, approvedBy: 'test-approver' }));
    expect(report?.['lowStockItems']).toHaveLength(3);
    const steps = report?.['steps'] as { agent: string; taskId: string; state: string }[];
    expect(steps).toHaveLength(2);
    expect(steps[1]).toEqual(
      expect.objectContaining({
        agent: 'procurement-agent',
        taskId: childTaskId,
        state: 'TASK_STATE_COMPLETED',
      }),
    );
  });

  it('resumes on another instance, which holds nothing of the first turn in memory', async () => {
    const paused = await pausedTask();

    const done = taskOf(
      await otherInstance.client.sendMessage({
        message: userMessage([{ data: { decision: 'approve', approver: 'ops' } }], {
          taskId: paused.id,
          contextId: paused.contextId,
        }),
      }),
    );

    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    expect(artifactDataOf(done, 'replenishment-report')).toEqual(expect.objectContaining({ approved: true }));
  });

  it('asks again when the child asks again, and completes unapproved on "reject"', async () => {
    const paused = await pausedTask();
    const ids = { taskId: paused.id, contextId: paused.contextId };

    const again = taskOf(
      await orchestrator.client.sendMessage({ message: userMessage([{ text: 'maybe later?' }], ids) }),
    );
    expect(again.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(again.status.message?.parts[0]?.text).toMatch(/"approve" or "reject"/);
    expect(again.status.message?.metadata?.['childTaskId']).toBe(
      paused.status.message?.metadata?.['childTaskId'],
    );

    const done = taskOf(
      await orchestrator.client.sendMessage({ message: userMessage([{ text: 'reject' }], ids) }),
    );
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    expect(done.status.message?.parts[0]?.text).toMatch(/not approved/);
    const report = artifactDataOf(done, 'replenishment-report');
    expect(report).toEqual(expect.objectContaining({ approved: false }));
    expect(report?.['purchaseOrders']).toEqual([
      expect.objectContaining({ status: 'pending_approval' }),
      expect.objectContaining({ status: 'pending_approval' }),
    ]);
  });

  // Last: the reaper tick at a time past every deadline fails all the tasks still paused here.
  it('a paused task failed at its deadline cancels the child task it waited on', async () => {
    const paused = await pausedTask();
    const childTaskId = paused.status.message?.metadata?.['childTaskId'] as string;

    const failed = await otherInstance.handler.reapExpired(Date.now() + 60_000);

    const reaped = failed.find((record) => record.task.id === paused.id);
    expect(reaped?.task.status.state).toBe('TASK_STATE_FAILED');
    expect(reaped?.task.status.message?.parts[0]?.text).toMatch(/exceeded its deadline/);
    const child = await eventually(async () => {
      const task = await procurementAgent.client.getTask({ id: childTaskId });
      return task.status.state === 'TASK_STATE_CANCELED' ? task : undefined;
    }, 'the child task to be canceled');
    expect(child.status.state).toBe('TASK_STATE_CANCELED');
  });
});
