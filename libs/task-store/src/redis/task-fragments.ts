import type { Artifact, Message, Task, TaskStatus } from '@a2a-platform/a2a-protocol';

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

/** The stored fields of a task hash (HGETALL), see task-document.lua.ts for the layout. */
export type TaskFields = Readonly<Record<string, string>>;

/** The task assembled from the fragments of its hash. */
export function taskOfFields(fields: TaskFields): Task {
  const task = JSON.parse(fields.head) as Task & Record<string, unknown>;
  task.status = JSON.parse(fields.status) as TaskStatus;
  if (fields.artifacts !== undefined) {
    const artifacts: Artifact[] = [];
    for (let i = 1, n = Number(fields.an ?? 0); i <= n; i++) {
      const artifact = JSON.parse(fields[`a:${i}`]) as Artifact;
      let parts: Artifact['parts'] = [];
      for (let k = 1, chunks = Number(fields[`pn:${i}`] ?? 1); k <= chunks; k++) {
        const chunk = JSON.parse(fields[`p:${i}:${k}`]) as Artifact['parts'];
        parts = k === 1 ? chunk : parts.concat(chunk);
      }
      artifact.parts = parts;
      artifacts.push(artifact);
    }
    task.artifacts = artifacts;
  }
  if (fields.hn !== undefined) {
    const history: Message[] = [];
    for (let i = 1, n = Number(fields.hn); i <= n; i++) history.push(JSON.parse(fields[`h:${i}`]) as Message);
    task.history = history;
  }
  return task;
}

/** A flat `[field, value, ...]` reply (HGETALL inside a script) as an object. */
export function fieldsOfPairs(pairs: readonly unknown[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) fields[String(pairs[i])] = String(pairs[i + 1]);
  return fields;
}
