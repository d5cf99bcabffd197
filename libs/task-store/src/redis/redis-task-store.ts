import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { isTerminalState, type Message } from '@a2a-platform/a2a-protocol';
import type { Cluster, Redis } from 'ioredis';
import {
  type AppendArtifactInput,
  type ChangeResult,
  type CreateTaskInput,
  type CreateTaskResult,
  type ListTasksPage,
  type ListTasksQuery,
  type ReadEventsResult,
  type TaskEvent,
  type TaskRecord,
  type TaskScope,
  type TaskStore,
  type TransitionInput,
  type WatchOptions,
} from '../task-store.js';
import type { RedisTaskStoreOptions, ReaperOptions, StoreSettings } from './redis-task-store-options.js';
import { refusalError, toStoreError } from './store-errors.js';
import { ListIndexWriter } from './list-index-writer.js';
import {
  appendArtifactChange,
  cancelChange,
  changeSettings,
  decodeChangeReply,
  transitionChange,
  type ChangeReply,
  type ChangeRequest,
} from './task-changes.js';
import { createTask, type TaskCreation } from './task-create.js';
import type { TaskFields } from './task-fragments.js';
import { TaskKeyspace, taskKeyList } from './task-keys.js';
import { listTasks } from './task-list.js';
import { TaskNotices, type NoticeConnection } from './task-notices.js';
import { recordOf } from './task-records.js';
import { TASK_SCRIPTS } from './task-scripts.js';
import { TaskEventFeed, checkEventId } from './task-event-feed.js';

export type { RedisTaskStoreOptions, ReaperOptions } from './redis-task-store-options.js';

/** What {@link RedisTaskStore.inspect} reads about one task. Lifetimes are milliseconds. */
export interface RedisTaskInspection {
  /** The task as stored, whatever its scope (`record.scope` names it). */
  readonly record: TaskRecord;
  /** Epoch ms when an ended task stops being served (its retention end); absent while it has not ended. */
  readonly expiresAt?: number;
  /** Remaining lifetime of the task hash (Redis PTTL; -1: none set). */
  readonly taskTtlMs: number;
  /** Remaining lifetime of the event stream (Redis PTTL; -2: no stream, the task has no events). */
  readonly eventsTtlMs: number;
}

const REAP_BATCH = 100;

/**
 * A {@link TaskStore} in Redis (standalone or Cluster), for many instances of a service at once.
 *
 * Each change is one Lua script on the task's keys (`<prefix>:{t:<id>}` hash, `:ev` stream, `:msgs`,
 * `:push`, one Cluster slot): guards, version bump, task JSON, event (XADD MAXLEN), TTLs, and a
 * notice on `<prefix>:task-changed`. The list indexes (`<prefix>:{s:<tenant>:<owner>}:tasks` and
 * `:ctx:<contextId>`), the idempotency keys (`...:msg:<messageId>`) and `<prefix>:deadlines` live in
 * other slots, so they are written by separate commands once the script has succeeded, on standalone
 * Redis as on a Cluster: a MULTI cannot make them depend on the script's verdict, and a refused change
 * must not touch them. The index refresh is sent without waiting for its reply (commands on one
 * connection run in order, so this process's next read sees it; failures go to `onError`). If the
 * process dies in between, list order is stale until the task's next change; list skips index
 * entries whose task is gone and prunes them.
 *
 * Idempotent create: the script creates the task, then `SET NX` claims the scope's messageId key. The
 * loser of a race deletes its fresh task (nobody has seen its id) and returns the winner's. The
 * key lives `min(ttlMs, retentionMs)`, never longer than the task it names. On standalone Redis the
 * deadline `ZADD NX`, the script and the claim are sent at once (one round trip; one connection runs
 * them in that order, so a claim never names a task not created yet); a claim whose script refused is
 * taken back if it still names this task. On a Cluster the claim's key lives on another node, so it
 * is sent once the script has answered (two round trips). A create whose deadline entry failed is
 * deleted again, so no task exists without it.
 *
 * The task is stored as fragments (see lua/task-document.lua.ts) and assembled on read; a change writes
 * only its fragments and answers with its version, state and event id (the event itself is built here
 * from the caller's input), so what a change costs, in Redis and here, does not grow with the task.
 * The list-index refreshes of the changes committed in one turn of the event loop go out as one
 * pipeline per scope (see ListIndexWriter).
 */
export class RedisTaskStore implements TaskStore {
  /** Name of this instance (see {@link RedisTaskStoreOptions.instanceId}). */
  readonly instanceId: string;
  private readonly client: Redis | Cluster;
  private readonly keys: TaskKeyspace;
  private readonly retentionMs: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown, during: string) => void;
  private readonly notices: TaskNotices;
  private readonly reapers = new Set<() => void>();
  private readonly pending = new Set<Promise<void>>();
  private readonly feed: TaskEventFeed;
  private readonly indexes: ListIndexWriter;
  private readonly settings: StoreSettings;
  private readonly creation: TaskCreation;
  private closed = false;

  constructor(options: RedisTaskStoreOptions) {
    this.client = options.client;
    this.keys = new TaskKeyspace(options.prefix ?? 'a2a');
    this.retentionMs = options.retentionMs ?? 3_600_000;
    this.ttlMs = options.ttlMs ?? 604_800_000;
    const maxEventsPerTask = options.maxEventsPerTask ?? 1000;
    this.instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
    if (!(this.retentionMs >= 0)) throw new RangeError('retentionMs must be >= 0');
    if (!(this.ttlMs >= 1)) throw new RangeError('ttlMs must be >= 1');
    if (!Number.isInteger(maxEventsPerTask) || maxEventsPerTask < 1) {
      throw new RangeError('maxEventsPerTask must be an integer >= 1');
    }
    const subscriber = options.subscriber;
    const open = (): NoticeConnection =>
      subscriber === undefined
        ? { connection: duplicate(this.client), owned: true }
        : typeof subscriber === 'function'
          ? { connection: subscriber(), owned: true }
          : { connection: subscriber, owned: false };
    this.notices = new TaskNotices(open, this.keys.channel, (taskIds) => this.recheckCanceled(taskIds));
    this.feed = new TaskEventFeed(this.client, this.keys, this.notices, this.now);
    this.settings = {
      client: this.client,
      keys: this.keys,
      retentionMs: this.retentionMs,
      ttlMs: this.ttlMs,
      maxEventsPerTask,
      instanceId: this.instanceId,
    };
    this.indexes = new ListIndexWriter(this.settings, (during, work) => this.background(during, work));
    this.creation = {
      ...this.settings,
      now: () => this.now(),
      get: (taskId, scope) => this.get(taskId, scope),
      refreshIndex: (scope, taskId, contextId, now, prune) =>
        this.indexes.touch(scope, taskId, contextId, now, prune),
      pruneIndexes: (scope, contextId, now) => this.indexes.prune(scope, contextId, now),
    };
  }

  /** Watch loops currently open (0 once every loop has exited). */
  get watcherCount(): number {
    return this.feed.watcherCount;
  }

  async create(input: CreateTaskInput): Promise<CreateTaskResult> {
    return createTask(this.creation, input);
  }

  async get(taskId: string, scope: TaskScope): Promise<TaskRecord | undefined> {
    try {
      const fields = await this.client.hgetall(this.keys.task(taskId).task);
      if (!this.isServed(fields) || fields.tenant !== scope.tenant || fields.owner !== scope.owner) {
        return undefined;
      }
      return recordOf(fields);
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  /**
   * Reads a task without knowing its scope, for operator tools (never for serving requests: scopes are
   * what keep tenants apart). undefined when the task does not exist or its retention has ended, as for
   * {@link get}. Writes nothing.
   */
  async inspect(taskId: string): Promise<RedisTaskInspection | undefined> {
    const keys = this.keys.task(taskId);
    try {
      const [fields, taskTtlMs, eventsTtlMs] = await Promise.all([
        this.client.hgetall(keys.task),
        this.client.pttl(keys.task),
        this.client.pttl(keys.events),
      ]);
      if (!this.isServed(fields) || fields.tenant === undefined || fields.owner === undefined)
        return undefined;
      const record = recordOf(fields);
      const { expiresAt } = fields;
      return {
        record,
        ...(expiresAt === undefined ? {} : { expiresAt: Number(expiresAt) }),
        taskTtlMs,
        eventsTtlMs,
      };
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  async list(scope: TaskScope, query: ListTasksQuery): Promise<ListTasksPage> {
    try {
      // This process's own changes first: one connection runs commands in order.
      this.indexes.flush();
      return await listTasks(this.client, this.keys, this.now(), scope, query);
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async transition(taskId: string, scope: TaskScope, input: TransitionInput): Promise<ChangeResult> {
    const now = this.now();
    return this.change('transition', taskId, scope, now, transitionChange(input, now), input.returnRecord);
  }

  async appendArtifact(taskId: string, scope: TaskScope, input: AppendArtifactInput): Promise<ChangeResult> {
    return this.change('appendArtifact', taskId, scope, this.now(), appendArtifactChange(input));
  }

  async cancel(taskId: string, scope: TaskScope, reason?: Message): Promise<ChangeResult> {
    const now = this.now();
    return this.change('cancel', taskId, scope, now, cancelChange(reason, now));
  }

  async readEvents(taskId: string, after: string): Promise<ReadEventsResult> {
    checkEventId(after);
    try {
      return await this.feed.read(taskId, after, 0);
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  watch(taskId: string, options: WatchOptions = {}): AsyncIterable<TaskEvent> {
    return this.feed.watch(taskId, options);
  }

  onCancel(taskId: string, listener: () => void): () => void {
    let fired = false;
    const remove = this.notices.addCancelListener(taskId, () => {
      if (fired) return;
      fired = true;
      listener();
    });
    if (!this.notices.subscribed && !this.closed) {
      // A cancel published before the subscription took hold would be missed: look once it has.
      this.notices
        .subscribe()
        .then(() => this.recheckCanceled([taskId]))
        .catch((err: unknown) => this.onError(err, 'subscribe'));
    }
    return remove;
  }

  async claimMessage(taskId: string, messageId: string): Promise<boolean> {
    const keys = this.keys.task(taskId);
    try {
      const reply = Number(
        await TASK_SCRIPTS.claimMessage.run(this.client, [keys.task, keys.messages], [this.now(), messageId]),
      );
      if (reply < 0) throw refusalError(reply, taskId);
      return reply === 1;
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  async reapExpired(now: number = this.now()): Promise<TaskRecord[]> {
    const failed: TaskRecord[] = [];
    try {
      for (;;) {
        const due = await this.client.zrange(
          this.keys.deadlines,
          '-inf',
          String(now),
          'BYSCORE',
          'LIMIT',
          0,
          REAP_BATCH,
        );
        const outcomes = await Promise.all(due.map((taskId) => this.expireOne(taskId, now)));
        for (const outcome of outcomes) if (typeof outcome !== 'string') failed.push(outcome);
        const dropped = outcomes.filter((outcome) => outcome !== 'kept').length;
        if (due.length < REAP_BATCH || dropped === 0) return failed;
      }
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /**
   * Runs {@link reapExpired} every `intervalMs` (timer unref'd, so it never keeps the process alive)
   * until the returned function is called or the store closes. Failures go to `onError`.
   */
  startReaper(options: ReaperOptions = {}): () => void {
    const intervalMs = options.intervalMs ?? 1000;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const schedule = (): void => {
      if (stopped || this.closed) return;
      timer = setTimeout(() => {
        this.reapExpired()
          .catch((err: unknown) => this.onError(err, 'reaper'))
          .finally(schedule);
      }, intervalMs);
      timer.unref();
    };
    const stop = (): void => {
      stopped = true;
      clearTimeout(timer);
      this.reapers.delete(stop);
    };
    this.reapers.add(stop);
    schedule();
    return stop;
  }

  /**
   * Stops the reapers, ends the watch loops and the subscription, and waits for follow-up index
   * writes. The command client stays open.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.indexes.flush();
    this.feed.close();
    for (const stop of [...this.reapers]) stop();
    await Promise.all([this.notices.close(), ...this.pending]);
  }

  private async change(
    script: 'transition' | 'appendArtifact' | 'cancel',
    taskId: string,
    scope: TaskScope,
    now: number,
    request: ChangeRequest,
    answerTask = false,
  ): Promise<ChangeResult> {
    let decoded: ReturnType<typeof decodeChangeReply>;
    try {
      const raw = await TASK_SCRIPTS[script].run(this.client, this.changeKeys(taskId), [
        scope.tenant,
        scope.owner,
        ...changeSettings(this.settings, taskId, now, answerTask),
        ...request.args,
      ]);
      decoded = decodeChangeReply(raw as (string | number | null)[], taskId);
    } catch (err) {
      throw toStoreError(err, taskId);
    }
    const { change, fields } = decoded;
    const [version, eventId, state, contextId] = change;
    this.changed(taskId, change, now);
    const event = { id: eventId, event: request.event(taskId, contextId) };
    return fields ? { version, state, event, record: recordOf(fields) } : { version, state, event };
  }

  /**
   * The keys a change script gets: the task's own, and on standalone Redis also the deadline set (a
   * script may touch other slots there), so an ending change drops its deadline in the same step.
   */
  private changeKeys(taskId: string): string[] {
    const keys = taskKeyList(this.keys.task(taskId));
    if (!this.client.isCluster) keys.push(this.keys.deadlines);
    return keys;
  }

  /** The follow-ups of a committed change: its index refresh, and its deadline's removal at the end. */
  private changed(taskId: string, reply: ChangeReply, now: number): void {
    const [, , state, contextId, deadlineAt, tenant, owner, unlisted] = reply;
    this.indexes.touch({ tenant, owner }, taskId, contextId, now, false);
    if (isTerminalState(state) && deadlineAt !== null && deadlineAt !== undefined && unlisted !== 1) {
      this.background('deadline removal', this.client.zrem(this.keys.deadlines, taskId));
    }
  }

  /** true when the hash holds a task whose retention has not ended on the store's clock. */
  private isServed(fields: TaskFields): boolean {
    if (fields.head === undefined || fields.state === undefined) return false;
    return fields.expiresAt === undefined || Number(fields.expiresAt) > this.now();
  }

  /** Runs follow-up work whose failure must not fail the change that is already committed. */
  private background(during: string, work: Promise<unknown>): void {
    const tracked = work.then(
      () => undefined,
      (err: unknown) => this.onError(toStoreError(err), during),
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /**
   * Runs the expire script on one due task: failed it (the task as the failure left it), 'dropped' it
   * from the set, or 'kept' it.
   */
  private async expireOne(taskId: string, cutoff: number): Promise<TaskRecord | 'dropped' | 'kept'> {
    const now = this.now();
    const reply = (await TASK_SCRIPTS.expire.run(this.client, this.changeKeys(taskId), [
      '',
      '',
      ...changeSettings(this.settings, taskId, now, true),
      cutoff,
      JSON.stringify(randomUUID()),
      JSON.stringify(new Date(now).toISOString()),
      now,
    ])) as (string | number | null)[];
    if (reply[0] === 0 && reply[1] === 0) return 'kept';
    if ((reply[0] as number) <= 0) {
      await this.client.zrem(this.keys.deadlines, taskId);
      return 'dropped';
    }
    const { change, fields } = decodeChangeReply(reply, taskId);
    this.changed(taskId, change, now);
    if (!fields) throw new Error(`the expire script answered without task ${taskId}`);
    return recordOf(fields);
  }

  /** Fires the cancel listeners of those tasks that are canceled now (after a gap in the notices). */
  private async recheckCanceled(taskIds: string[]): Promise<void> {
    await Promise.all(
      taskIds.map(async (taskId) => {
        try {
          const state = await this.client.hget(this.keys.task(taskId).task, 'state');
          if (state === 'TASK_STATE_CANCELED') this.notices.fireCancel(taskId);
        } catch (err) {
          this.onError(toStoreError(err, taskId), 'cancel recheck');
        }
      }),
    );
  }
}

/** A new connection with the same settings (same nodes, for a Cluster). */
function duplicate(client: Redis | Cluster): Redis | Cluster {
  return client.isCluster ? (client as Cluster).duplicate() : (client as Redis).duplicate();
}
