import type { TaskScope } from '../task-store.js';

/**
 * The Redis keys of one task. All share the hash tag `{t:<taskId>}`, so on a Cluster they live in
 * one slot and a script can touch them together.
 */
export interface TaskKeys {
  /** Hash: state, version, scope, times and the task as JSON fragments (assembled on read). */
  readonly task: string;
  /** Stream of the task's events (field `e` holds the StreamResponse JSON). */
  readonly events: string;
  /** Set of message ids delivered to the task. */
  readonly messages: string;
  /** Hash of push-notification configs by id. */
  readonly push: string;
}

/**
 * The keys of one scope (tenant, owner). They share the hash tag `{s:<tenant>:<owner>}`: another slot
 * than the task keys, so scripts never touch both (see the store's TSDoc).
 */
export interface ScopeKeys {
  /** Sorted set of task ids scored by last change (store clock, ms). */
  readonly tasks: string;
  /** Sorted set of one context's task ids, scored like `tasks`. */
  context(contextId: string): string;
  /** String holding the id of the task a messageId created (idempotent send). */
  message(messageId: string): string;
}

/**
 * Key naming for one prefix. Ids and scope parts are percent-encoded, so `:`, `{` and `}` inside
 * them can neither move a key to another slot nor make two scopes or tasks share a key.
 */
export class TaskKeyspace {
  /** Sorted set of live task ids scored by deadline (its own slot on a Cluster). */
  readonly deadlines: string;
  /** Pub/sub channel of "task changed" notices. */
  readonly channel: string;

  constructor(readonly prefix: string) {
    this.deadlines = `${prefix}:deadlines`;
    this.channel = `${prefix}:task-changed`;
  }

  task(taskId: string): TaskKeys {
    const base = `${this.prefix}:{t:${encodeURIComponent(taskId)}}`;
    return { task: base, events: `${base}:ev`, messages: `${base}:msgs`, push: `${base}:push` };
  }

  scope(scope: TaskScope): ScopeKeys {
    const base = `${this.prefix}:{s:${encodeURIComponent(scope.tenant)}:${encodeURIComponent(scope.owner)}}`;
    return {
      tasks: `${base}:tasks`,
      context: (contextId) => `${base}:ctx:${encodeURIComponent(contextId)}`,
      message: (messageId) => `${base}:msg:${encodeURIComponent(messageId)}`,
    };
  }
}

/** The task keys in the order every task script declares them: KEYS[1..4]. */
export function taskKeyList(keys: TaskKeys): string[] {
  return [keys.task, keys.events, keys.messages, keys.push];
}
