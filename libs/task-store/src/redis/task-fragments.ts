import type { Artifact, Task, TaskStatus } from '@a2a-platform/a2a-protocol';

/*
 * The JSON texts the scripts splice into the stored task and its events (see task-document.lua.ts
 * for why the scripts never decode JSON). Everything is produced by JSON.stringify, so the texts
 * have no whitespace and `[]` is the only empty array.
 */

/** The task as JSON without `status`, `history` and `artifacts` (stored apart, changed by scripts). */
export function taskHeadJson(task: Task): string {
  return JSON.stringify({ ...task, status: undefined, history: undefined, artifacts: undefined });
}

/** The artifact as JSON without `parts`. */
export function artifactHeadJson(artifact: Artifact): string {
  return JSON.stringify({ ...artifact, parts: undefined });
}

/** `"taskId":..,"contextId":..`: the members every event and the deadline message start with. */
export function idsFragment(taskId: string, contextId: string): string {
  return JSON.stringify({ taskId, contextId }).slice(1, -1);
}

/** The status timestamp in epoch ms for the list filter, '' when the status has none (or it is invalid). */
export function statusTime(status: TaskStatus): string {
  const ms = status.timestamp === undefined ? NaN : Date.parse(status.timestamp);
  return Number.isFinite(ms) ? String(ms) : '';
}

/** A JSON array of messages, or '' when there are none. */
export function messagesJson(messages: readonly unknown[]): string {
  return messages.length === 0 ? '' : JSON.stringify(messages);
}
