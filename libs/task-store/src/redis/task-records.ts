import type { Task } from '@a2a-platform/a2a-protocol';
import type { TaskRecord } from '../task-store.js';
import { taskOfFields, type TaskFields } from './task-fragments.js';

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
