import { randomUUID } from 'node:crypto';
import { A2AClient } from '@a2a-platform/a2a-client';
import type { Message, StreamResponse, Task } from '@a2a-platform/a2a-protocol';
import { TestStack } from './stack-harness.js';

const REQUEST = 'Check low stock and reorder what we need';

function userMessage(text: string, task?: Task): Message {
  return {
    messageId: randomUUID(),
    role: 'ROLE_USER',
    parts: [{ text }],
    ...(task ? { taskId: task.id, contextId: task.contextId } : {}),
  };
}

function textOf(message: Message | undefined): string {
  return (message?.parts ?? []).map((p) => p.text ?? '').join(' ');
}

function report(task: Task): { purchaseOrders: Record<string, unknown>[]; steps: Record<string, unknown>[] } {
  const artifact = task.artifacts?.find((a) => a.name === 'replenishment-report');
  const data = artifact?.parts.find((p) => p.data !== undefined)?.data as
    | { purchaseOrders: Record<string, unknown>[]; steps: Record<string, unknown>[] }
    | undefined;
  if (!data)
    throw new Error(`task ${task.id} has no replenishment report: ${JSON.stringify(task.artifacts)}`);
  return data;
}

async function collect(stream: AsyncIterable<StreamResponse>): Promise<StreamResponse[]> {
  const events: StreamResponse[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

/** The orchestrator's child task that waits for approval, from its input-required status message. */
function childTaskId(task: Task): string {
  const meta = task.status.message?.metadata as Record<string, unknown> | undefined;
  const found = JSON.stringify(meta ?? {}).match(/"childTaskId":"([^"]+)"/);
  if (!found) throw new Error(`no childTaskId in ${JSON.stringify(task.status.message)}`);
  return found[1];
}

async function waitForState(client: A2AClient, id: string, state: string, timeoutMs = 10_000): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await client.getTask({ id });
    if (task.status.state === state || Date.now() > deadline) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('replenishment workflow across five processes, no approval needed', () => {
  let stack: TestStack;
  let orchestrator: A2AClient;

  beforeAll(async () => {
    stack = await TestStack.start({ 'procurement-agent': { APPROVAL_THRESHOLD_EUR: '1000000000' } });
    orchestrator = await A2AClient.connect(stack.url('orchestrator'), { timeoutMs: 60_000 });
  }, 90_000);
  afterAll(() => stack?.stop());

  it('a blocking send ends completed with purchase orders and says which agent did what', async () => {
    const result = await orchestrator.sendMessage({ message: userMessage(REQUEST) });
    if (!('task' in result)) throw new Error('expected a task');
    const { task } = result;
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    const { purchaseOrders, steps } = report(task);
    expect(purchaseOrders.length).toBeGreaterThan(0);
    for (const order of purchaseOrders) expect(['approved', 'sent']).toContain(order['status']);
    const skills = steps.map((s) => s['skill']);
    expect(skills).toEqual(expect.arrayContaining(['low-stock-report', 'create-purchase-orders']));
    expect(stack.exits).toEqual([]);
  }, 60_000);

  it('a streaming send relays the agents progress and ends at completed', async () => {
    const events = await collect(orchestrator.sendStreamingMessage({ message: userMessage(REQUEST) }));
    expect('task' in events[0]).toBe(true);
    const texts = events.flatMap((e) => ('statusUpdate' in e ? [textOf(e.statusUpdate.status.message)] : []));
    expect(texts.some((t) => /inventory/i.test(t))).toBe(true);
    expect(texts.some((t) => /procurement/i.test(t))).toBe(true);
    const last = events[events.length - 1];
    expect('statusUpdate' in last && last.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
  }, 60_000);
});

describe('replenishment workflow across five processes, approval required', () => {
  let stack: TestStack;
  let orchestrator: A2AClient;

  beforeAll(async () => {
    stack = await TestStack.start({ 'procurement-agent': { APPROVAL_THRESHOLD_EUR: '1' } });
    orchestrator = await A2AClient.connect(stack.url('orchestrator'), { timeoutMs: 60_000 });
  }, 90_000);
  afterAll(() => stack?.stop());

  it('passes the approval question through and completes in the same task after "approve"', async () => {
    const first = await orchestrator.sendMessage({ message: userMessage(REQUEST) });
    if (!('task' in first)) throw new Error('expected a task');
    expect(first.task.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(textOf(first.task.status.message)).toMatch(/approve/i);

    const second = await orchestrator.sendMessage({ message: userMessage('approve', first.task) });
    if (!('task' in second)) throw new Error('expected a task');
    expect(second.task.id).toBe(first.task.id);
    expect(second.task.contextId).toBe(first.task.contextId);
    expect(second.task.status.state).toBe('TASK_STATE_COMPLETED');
    for (const order of report(second.task).purchaseOrders)
      expect(['approved', 'sent']).toContain(order['status']);
  }, 60_000);

  it('canceling the orchestrator task cancels the child task waiting for approval', async () => {
    const first = await orchestrator.sendMessage({ message: userMessage(REQUEST) });
    if (!('task' in first)) throw new Error('expected a task');
    expect(first.task.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    const childId = childTaskId(first.task);

    const canceled = await orchestrator.cancelTask({ id: first.task.id });
    expect(canceled.status.state).toBe('TASK_STATE_CANCELED');
    const procurement = await A2AClient.connect(stack.url('procurement-agent'), { timeoutMs: 10_000 });
    const child = await waitForState(procurement, childId, 'TASK_STATE_CANCELED');
    expect(child.status.state).toBe('TASK_STATE_CANCELED');
  }, 60_000);

  it('an agent that is down makes the task fail with a message naming it, not hang', async () => {
    await stack.kill('procurement-agent');
    const result = await orchestrator.sendMessage({ message: userMessage(REQUEST) });
    if (!('task' in result)) throw new Error('expected a task');
    expect(result.task.status.state).toBe('TASK_STATE_FAILED');
    expect(textOf(result.task.status.message)).toMatch(/procurement|create-purchase-orders/i);
  }, 90_000);
});
