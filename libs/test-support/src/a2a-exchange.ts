import type { Message, Part, StreamResponse, Task } from '@a2a-platform/a2a-protocol';
import { randomUUID } from 'node:crypto';

/** A user message with the given parts. */
export function userMessage(parts: Part[], extra: Partial<Message> = {}): Message {
  return { messageId: randomUUID(), role: 'ROLE_USER', parts, ...extra };
}

/** The task of a SendMessage response (fails the test when the agent answered with a message). */
export function taskOf(response: { task: Task } | { message: Message }): Task {
  if (!('task' in response)) throw new Error('expected a task, got a message');
  return response.task;
}

/** The text of a task's status message. */
export function statusText(task: Task): string {
  return (task.status.message?.parts ?? []).map((p) => p.text ?? '').join(' ');
}

/** The data part of the artifact with this name. */
export function artifactData(task: Task, name: string): Record<string, unknown> {
  const artifact = task.artifacts?.find((a) => a.name === name);
  const data = artifact?.parts.find((p) => p.data !== undefined)?.data;
  if (!data) throw new Error(`no data in artifact ${name}: ${JSON.stringify(task.artifacts)}`);
  return data as Record<string, unknown>;
}

/** Collects a stream's events until it ends. */
export async function collect(stream: AsyncIterable<StreamResponse>): Promise<StreamResponse[]> {
  const events: StreamResponse[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** `task`, `working`, `artifact:<name>`, `completed`...: the shape of a stream, for assertions. */
export function streamShape(events: readonly StreamResponse[]): string[] {
  return events.map((e) => {
    if ('task' in e) return 'task';
    if ('message' in e) return 'message';
    if ('artifactUpdate' in e) return `artifact:${e.artifactUpdate.artifact.name ?? ''}`;
    return e.statusUpdate.status.state.replace('TASK_STATE_', '').toLowerCase();
  });
}
