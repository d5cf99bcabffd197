import { isTerminalState, type Task } from '@a2a-platform/a2a-protocol';
import type { CreateTaskInput, CreateTaskResult, TaskRecord, TaskScope } from '../task-store.js';
import type { StoreSettings } from './redis-task-store-options.js';
import { refusalError, toStoreError } from './store-errors.js';
import {
  artifactHeadJson,
  fieldsOfPairs,
  idsFragment,
  statusTime,
  taskHeadJson,
  type TaskFields,
} from './task-fragments.js';
import { taskKeyList } from './task-keys.js';
import { recordOf } from './task-records.js';
import { TASK_SCRIPTS } from './task-scripts.js';

/** What a create needs of its store besides the settings (see RedisTaskStore's TSDoc for the protocol). */
export interface TaskCreation extends StoreSettings {
  /** The store's clock. */
  now(): number;
  /** The store's get: reads the task that claimed a messageId first. */
  get(taskId: string, scope: TaskScope): Promise<TaskRecord | undefined>;
  /** Puts the new task at the top of its list indexes, in the background. */
  refreshIndex(scope: TaskScope, taskId: string, contextId: string, now: number, prune: boolean): void;
  /** Drops expired entries from the list indexes, in the background, when due (see ListIndexWriter). */
  pruneIndexes(scope: TaskScope, contextId: string, now: number): void;
}

/**
 * Creates a task, idempotently per scope and messageId, with its deadline entry when it has a timeout:
 * {@link RedisTaskStore.create}.
 */
export async function createTask(store: TaskCreation, input: CreateTaskInput): Promise<CreateTaskResult> {
  const { timeoutMs } = input;
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) throw new RangeError('timeoutMs must be >= 0');
  const taskId = input.task.id;
  // Notices are line-based (see TaskNotice): an id is one line.
  if (taskId.includes('\n')) throw new RangeError('a task id must not contain a line break');
  try {
    const now = store.now();
    const task: Task = {
      ...input.task,
      status: {
        ...input.task.status,
        timestamp: input.task.status.timestamp ?? new Date(now).toISOString(),
      },
    };
    const deadlineAt =
      timeoutMs === undefined || isTerminalState(task.status.state) ? undefined : now + timeoutMs;
    const plan = createArgs(store, task, input.scope, now, deadlineAt, timeoutMs, input.messageId);
    return store.client.isCluster
      ? await createOnCluster(store, input, plan, now, deadlineAt)
      : await createStandalone(store, input, plan, now, true);
  } catch (err) {
    throw toStoreError(err, taskId);
  }
}

/** The create script's arguments and the hash fields the new task will have. */
interface CreatePlan {
  readonly args: (string | number)[];
  readonly fields: TaskFields;
}

/**
 * On standalone Redis a script may touch keys of other slots: the create script also claims the
 * messageId key, adds the deadline and refreshes the list indexes, so a create is one command.
 */
async function createStandalone(
  store: TaskCreation,
  input: CreateTaskInput,
  plan: CreatePlan,
  now: number,
  firstAttempt: boolean,
): Promise<CreateTaskResult> {
  const { scope, messageId, task } = input;
  const scopeKeys = store.keys.scope(scope);
  const keys = [
    ...taskKeyList(store.keys.task(task.id)),
    store.keys.deadlines,
    scopeKeys.message(messageId ?? ''),
    scopeKeys.tasks,
    scopeKeys.context(task.contextId),
  ];
  const reply = (await TASK_SCRIPTS.create.run(store.client, keys, plan.args)) as [number, ...string[]];
  if (reply[0] < 0) throw refusalError(reply[0], task.id);
  if (reply[0] === 0) return { record: recordOf(fieldsOfPairs(reply.slice(1))), created: false };
  if (reply[0] === 2) {
    // The messageId created another task first: answer with it, unless it is gone (its key outlived
    // it, or it vanished meanwhile); then take the key over, once.
    const first = reply[1] === task.id ? undefined : await store.get(reply[1], scope);
    if (first) return { record: first, created: false };
    if (!firstAttempt) throw new Error(`messageId ${messageId} is claimed by a task that cannot be read`);
    await releaseMessageKey(store, scope, messageId ?? '', reply[1]);
    return createStandalone(store, input, plan, now, false);
  }
  store.pruneIndexes(scope, task.contextId, now);
  return { record: recordOf(plan.fields), created: true };
}

/**
 * On a Cluster the deadline set, the messageId key and the list indexes live in other slots than the
 * task: they are written by separate commands (see the class TSDoc of RedisTaskStore).
 */
async function createOnCluster(
  store: TaskCreation,
  input: CreateTaskInput,
  plan: CreatePlan,
  now: number,
  deadlineAt: number | undefined,
): Promise<CreateTaskResult> {
  const { scope, messageId, task } = input;
  const taskId = task.id;
  const taskKeys = taskKeyList(store.keys.task(taskId));
  // Sent together: the deadline (NX: never moves another task's deadline; an entry whose create fails
  // is dropped by the reaper) and the script.
  const deadline =
    deadlineAt === undefined ? undefined : store.client.zadd(store.keys.deadlines, 'NX', deadlineAt, taskId);
  const created = TASK_SCRIPTS.create.run(store.client, taskKeys, plan.args);
  const [deadlineOutcome, replyOutcome] = await Promise.allSettled([deadline, created]);
  if (replyOutcome.status === 'rejected') throw replyOutcome.reason;
  const reply = replyOutcome.value as [number, ...string[]];
  if (reply[0] === 1 && deadlineOutcome.status === 'rejected') {
    // A task must never exist without its deadline entry: undo the create (nobody has seen its id).
    await store.client.del(...taskKeys);
    throw deadlineOutcome.reason;
  }
  if (reply[0] < 0) throw refusalError(reply[0], taskId);
  if (reply[0] === 0) return { record: recordOf(fieldsOfPairs(reply.slice(1))), created: false };
  if (messageId !== undefined) {
    let claimed: boolean;
    try {
      claimed = await claimMessageKey(store, scope, messageId, taskId, 'NX');
    } catch (err) {
      await store.client.del(...taskKeys);
      throw err;
    }
    const first = claimed ? undefined : await firstCreated(store, scope, messageId, taskId);
    if (first) return { record: first, created: false };
  }
  store.refreshIndex(scope, taskId, task.contextId, now, true);
  return { record: recordOf(plan.fields), created: true };
}

/**
 * The create script's arguments, and the hash fields it will store (the record of the new task is
 * assembled from them when read, exactly as a later get would).
 */
function createArgs(
  store: StoreSettings,
  task: Task,
  scope: TaskScope,
  now: number,
  deadlineAt: number | undefined,
  timeoutMs: number | undefined,
  messageId: string | undefined,
): CreatePlan {
  const artifacts = task.artifacts ?? [];
  const history = task.history ?? [];
  const head = taskHeadJson(task);
  const status = JSON.stringify(task.status);
  const fields: Record<string, string> = {
    tenant: scope.tenant,
    owner: scope.owner,
    version: '1',
    lastEventId: '',
    createdAt: String(now),
    head,
    status,
  };
  if (deadlineAt !== undefined) fields.deadlineAt = String(deadlineAt);
  const args: (string | number)[] = [
    scope.tenant,
    scope.owner,
    now,
    store.ttlMs,
    store.retentionMs,
    store.instanceId,
    task.status.state,
    idsFragment(task.id, task.contextId),
    task.contextId,
    head,
    status,
    statusTime(task.status),
    task.history ? history.length : '',
    task.artifacts ? '1' : '',
    timeoutMs === undefined ? '' : String(timeoutMs),
    deadlineAt === undefined ? '' : String(deadlineAt),
    messageId ?? '',
    task.id,
    Math.max(1, Math.min(store.ttlMs, store.retentionMs)),
    Math.max(store.ttlMs, store.retentionMs),
    artifacts.length,
  ];
  if (task.artifacts) {
    fields.artifacts = '1';
    fields.an = String(artifacts.length);
  }
  artifacts.forEach((artifact, i) => {
    const artifactHead = artifactHeadJson(artifact);
    const parts = JSON.stringify(artifact.parts);
    args.push(artifact.artifactId, artifactHead, parts);
    fields[`a:${i + 1}`] = artifactHead;
    fields[`p:${i + 1}:1`] = parts;
  });
  if (task.history) fields.hn = String(history.length);
  history.forEach((message, i) => {
    const json = JSON.stringify(message);
    args.push(json);
    fields[`h:${i + 1}`] = json;
  });
  return { args, fields };
}

/**
 * After the new task lost the claim of the scope's messageId: when another task claimed it first
 * (a concurrent create of the same message), deletes the new one and returns the first.
 */
async function firstCreated(
  store: TaskCreation,
  scope: TaskScope,
  messageId: string,
  taskId: string,
): Promise<TaskRecord | undefined> {
  const firstId = await store.client.get(store.keys.scope(scope).message(messageId));
  const first = firstId === null || firstId === taskId ? undefined : await store.get(firstId, scope);
  if (first) {
    await store.client.del(...taskKeyList(store.keys.task(taskId)));
    return first;
  }
  // The key names a task that is gone (or vanished meanwhile): this task takes it over.
  await claimMessageKey(store, scope, messageId, taskId);
  return undefined;
}

/** Points the scope's messageId key at the task (only if unset with 'NX'); true when it was set. */
async function claimMessageKey(
  store: StoreSettings,
  scope: TaskScope,
  messageId: string,
  taskId: string,
  mode?: 'NX',
): Promise<boolean> {
  const key = store.keys.scope(scope).message(messageId);
  const ttl = Math.max(1, Math.min(store.ttlMs, store.retentionMs));
  const reply = mode
    ? await store.client.set(key, taskId, 'PX', ttl, mode)
    : await store.client.set(key, taskId, 'PX', ttl);
  return reply !== null;
}

/** Deletes the scope's messageId key if it still points at the task. */
async function releaseMessageKey(
  store: StoreSettings,
  scope: TaskScope,
  messageId: string,
  taskId: string,
): Promise<void> {
  await TASK_SCRIPTS.releaseMessage.run(store.client, [store.keys.scope(scope).message(messageId)], [taskId]);
}
