import { isTerminalState, type Task, type TaskState } from '@a2a-platform/a2a-protocol';
import type { TaskRecord } from '../task-store.js';
import { fieldsWith, taskOfFields, type TaskFields } from './task-fragments.js';
import type { ChangeReply } from './task-changes.js';

/**
 * The record of a task hash. `task` is assembled from the fragments on first access (an enumerable
 * getter, so spreads and deep equality see it): callers that only need the version pay nothing for it.
 */
export function recordOf(fields: TaskFields): TaskRecord {
  const { deadlineAt } = fields;
  const record = {
    version: Number(fields.version),
    lastEventId: fields.lastEventId ?? '',
    scope: { tenant: fields.tenant, owner: fields.owner },
    createdAt: Number(fields.createdAt ?? '0'),
    ...(deadlineAt === undefined ? {} : { deadlineAt: Number(deadlineAt) }),
  };
  let task: Task | undefined;
  Object.defineProperty(record, 'task', {
    enumerable: true,
    get: () => (task ??= taskOfFields(fields)),
  });
  return record as TaskRecord;
}

/**
 * The stored fields of the live tasks this instance created or changed last, oldest first (an LRU of
 * at most `limit` tasks), so a change's reply needs only the fields written since (see RedisTaskStore).
 */
export class HeldTasks {
  /** The stored fields of tasks this instance created or changed last, oldest first (an LRU). */
  private readonly recent = new Map<string, TaskFields>();

  constructor(private readonly limit: number) {}

  /** The fields held for the task, if any. */
  get(taskId: string): TaskFields | undefined {
    return this.recent.get(taskId);
  }

  /** Forgets the task's fields. */
  delete(taskId: string): void {
    this.recent.delete(taskId);
  }

  /** Forgets every task. */
  clear(): void {
    this.recent.clear();
  }

  /**
   * The task's fields after a change answered with a delta: the fields written since the copy `sent`
   * (the one this instance held when it sent the change). Replies are read in order, so the copy held
   * now lies between that one and the change; undefined when it does not (it was evicted meanwhile, or
   * the reply of an earlier change was lost): the caller reads the task again, and the record may
   * then show later changes too.
   */
  afterChange(
    taskId: string,
    change: ChangeReply,
    delta: TaskFields,
    sent: TaskFields | undefined,
  ): TaskFields | undefined {
    const base = this.recent.get(taskId);
    if (!base || !sent || base.createdAt !== String(change[3])) return undefined;
    const version = Number(base.version);
    if (version < Number(sent.version) || version >= change[0]) return undefined;
    return fieldsWith(base, delta);
  }

  /** Keeps the fields of a task this instance changed (dropped once it ended), evicting the oldest. */
  remember(taskId: string, fields: TaskFields, state?: TaskState): void {
    const held = this.recent.get(taskId);
    if (held && Number(held.version) > Number(fields.version)) return;
    this.recent.delete(taskId);
    if (state !== undefined && isTerminalState(state)) return;
    if (this.limit > 0) this.recent.set(taskId, fields);
    if (this.recent.size > this.limit) this.recent.delete(this.recent.keys().next().value as string);
  }
}
