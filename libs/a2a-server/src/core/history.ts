import type { Task } from '@a2a-platform/a2a-protocol';

/**
 * Applies `historyLength` (unset: all; 0: no history field; n: the n most recent messages)
 * without copying the task when nothing changes.
 */
export function withHistoryLength(task: Task, historyLength: number | undefined): Task {
  if (historyLength === undefined || !task.history) return task;
  if (historyLength === 0) {
    const { history: _omitted, ...rest } = task;
    return rest;
  }
  if (task.history.length <= historyLength) return task;
  return { ...task, history: task.history.slice(-historyLength) };
}

/** ListTasks omits artifacts unless asked for them. */
export function withoutArtifacts(task: Task): Task {
  if (!task.artifacts) return task;
  const { artifacts: _omitted, ...rest } = task;
  return rest;
}
