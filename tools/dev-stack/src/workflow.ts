import { randomUUID } from 'node:crypto';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { A2AClient } from '@a2a-platform/a2a-client';
import type { Artifact, Message, StreamResponse, Task } from '@a2a-platform/a2a-protocol';

const REQUEST = 'Check low stock and reorder what we need';

function textOf(message: Message | undefined): string {
  return (message?.parts ?? [])
    .map((p) => p.text)
    .filter(Boolean)
    .join(' ');
}

function dataOf(artifact: Artifact): Record<string, unknown> | undefined {
  const part = artifact.parts.find((p) => p.data !== undefined);
  return part?.data as Record<string, unknown> | undefined;
}

function describe(event: StreamResponse): string | undefined {
  if ('statusUpdate' in event) {
    const { state, message } = event.statusUpdate.status;
    const text = textOf(message);
    return `${state.replace('TASK_STATE_', '').toLowerCase()}${text ? `  ${text}` : ''}`;
  }
  if ('artifactUpdate' in event)
    return `artifact  ${event.artifactUpdate.artifact.name ?? event.artifactUpdate.artifact.artifactId}`;
  return undefined;
}

/** Streams one turn, printing progress; returns the task as it stands at the end of the turn. */
async function streamTurn(client: A2AClient, message: Message, out: (line: string) => void): Promise<Task> {
  let task: Task | undefined;
  for await (const event of client.sendStreamingMessage({ message })) {
    if ('task' in event) {
      task = event.task;
      out(`task ${task.id}  ${task.status.state.replace('TASK_STATE_', '').toLowerCase()}`);
      continue;
    }
    const line = describe(event);
    if (line) out(line);
  }
  if (!task) throw new Error('the orchestrator did not open a task');
  return client.getTask({ id: task.id });
}

function printReport(task: Task, out: (line: string) => void): void {
  const report = task.artifacts?.find((a) => a.name === 'replenishment-report');
  const data = report ? dataOf(report) : undefined;
  const orders = (data?.['purchaseOrders'] as Record<string, unknown>[] | undefined) ?? [];
  const steps = (data?.['steps'] as Record<string, unknown>[] | undefined) ?? [];
  out('');
  out(
    `Outcome: ${task.status.state.replace('TASK_STATE_', '').toLowerCase()}  ${textOf(task.status.message)}`,
  );
  for (const step of steps)
    out(`  step  ${String(step['agent'])}  ${String(step['skill'])}  ${String(step['state'])}`);
  if (orders.length === 0) out('  no purchase orders');
  for (const o of orders) {
    const id = o['orderId'] ?? o['id'];
    const supplier = o['supplierName'] ?? o['supplierId'];
    const total = Number(o['totalEur'] ?? o['total']);
    const amount = Number.isFinite(total) ? total.toFixed(2) : '?';
    out(`  purchase order ${String(id)}  ${String(supplier)}  EUR ${amount}  ${String(o['status'])}`);
  }
}

/** What {@link runReplenishment} returns: the task as it ended, and the trace all its spans are in. */
export interface WorkflowRun {
  task: Task;
  traceId: string;
}

/**
 * Runs the replenishment workflow once through the orchestrator, answering its approval
 * question with "approve" as the demo approver, and prints the outcome. Every turn runs under one
 * span, so the whole workflow (all five services) is one trace; its id is printed first. Needs
 * telemetry started in this process (see main.ts), else the id is all zeros and nothing is traced.
 */
export async function runReplenishment(
  orchestratorUrl: string,
  out: (line: string) => void,
): Promise<WorkflowRun> {
  return trace
    .getTracer('@a2a-platform/dev-stack')
    .startActiveSpan('replenishment workflow', async (span) => {
      const { traceId } = span.spanContext();
      out(`trace ${traceId}`);
      try {
        return { task: await converse(orchestratorUrl, out), traceId };
      } catch (err) {
        span.recordException(err instanceof Error ? err : new Error(String(err)));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw err;
      } finally {
        span.end();
      }
    });
}

async function converse(orchestratorUrl: string, out: (line: string) => void): Promise<Task> {
  const client = await A2AClient.connect(orchestratorUrl, { timeoutMs: 120_000 });
  out(`> ${REQUEST}`);
  const first: Message = { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text: REQUEST }] };
  let task = await streamTurn(client, first, out);
  while (task.status.state === 'TASK_STATE_INPUT_REQUIRED') {
    out('> approve   (answered by the dev stack as the demo approver)');
    const answer: Message = {
      messageId: randomUUID(),
      role: 'ROLE_USER',
      taskId: task.id,
      contextId: task.contextId,
      parts: [{ text: 'approve' }],
    };
    task = await streamTurn(client, answer, out);
  }
  printReport(task, out);
  return task;
}
