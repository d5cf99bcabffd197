import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  isTerminalState,
  type Message,
  type StreamResponse,
  type Task,
  type TaskState,
} from '@a2a-platform/a2a-protocol';
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
import { refusalError, toStoreError } from './store-errors.js';
import { artifactHeadJson, idsFragment, messagesJson, statusTime, taskHeadJson } from './task-fragments.js';
import { TaskKeyspace, taskKeyList } from './task-keys.js';
import { listTasks } from './task-list.js';
import { TaskNotices, type NoticeConnection } from './task-notices.js';
import { TASK_SCRIPTS } from './task-scripts.js';
import { TaskEventFeed, checkEventId } from './task-event-feed.js';

/** Options of {@link RedisTaskStore}. Durations are milliseconds. */
export interface RedisTaskStoreOptions {
  /** Connection for commands and scripts: a standalone `Redis` or a `Cluster`. The store never closes it. */
  readonly client: Redis | Cluster;
  /**
   * Connection for the notice subscription (one per store instance, shared by all its watchers). A
   * connection given here is unsubscribed but left open by close(); one made by a factory is closed.
   * @defaultValue `() => client.duplicate()`
   */
  readonly subscriber?: Redis | Cluster | (() => Redis | Cluster);
  /**
   * First part of every key and of the notice channel.
   * @defaultValue 'a2a'
   */
  readonly prefix?: string;
  /**
   * How long an ended task (and its events) stays readable.
   * @defaultValue 3_600_000 (one hour)
   */
  readonly retentionMs?: number;
  /**
   * Lifetime of a live task's keys, renewed by every change: a task nobody touches for this long is gone.
   * @defaultValue 604_800_000 (seven days)
   */
  readonly ttlMs?: number;
  /**
   * Events kept per task, trimmed exactly (`XADD MAXLEN n`, not `~`): readers behind the trimming get
   * `trimmed` / TRIMMED. Exact trimming costs little at this size and keeps the bound predictable.
   * @defaultValue 1000
   */
  readonly maxEventsPerTask?: number;
  /**
   * Name of this instance, written with every change (hash field `updatedBy`) for debugging.
   * @defaultValue `<hostname>-<pid>-<random>`
   */
  readonly instanceId?: string;
  /**
   * The store's clock (epoch ms): timestamps, list order, deadlines and retention checks.
   * @defaultValue Date.now
   */
  readonly now?: () => number;
  /** Called with failures of background work (index refresh, reaper ticks); they never reach callers. */
  readonly onError?: (err: unknown, during: string) => void;
}

/** Options of {@link RedisTaskStore.startReaper}. */
export interface ReaperOptions {
  /**
   * Pause between two sweeps (the next starts when one ends).
   * @defaultValue 1000
   */
  readonly intervalMs?: number;
}

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

/** What a change script returns on success (see src/redis/lua/task-change.lua.ts). */
type ChangeReply = [
  number,
  string,
  string,
  string | number,
  string | null,
  string,
  string,
  (string | number)?,
];

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
 * key lives `min(ttlMs, retentionMs)`, never longer than the task it names.
 */
export class RedisTaskStore implements TaskStore {
  /** Name of this instance (see {@link RedisTaskStoreOptions.instanceId}). */
  readonly instanceId: string;
  private readonly client: Redis | Cluster;
  private readonly keys: TaskKeyspace;
  private readonly retentionMs: number;
  private readonly ttlMs: number;
  private readonly maxEventsPerTask: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown, during: string) => void;
  private readonly notices: TaskNotices;
  private readonly reapers = new Set<() => void>();
  private readonly pending = new Set<Promise<void>>();
  private readonly feed: TaskEventFeed;
  private closed = false;

  constructor(options: RedisTaskStoreOptions) {
    this.client = options.client;
    this.keys = new TaskKeyspace(options.prefix ?? 'a2a');
    this.retentionMs = options.retentionMs ?? 3_600_000;
    this.ttlMs = options.ttlMs ?? 604_800_000;
    this.maxEventsPerTask = options.maxEventsPerTask ?? 1000;
    this.instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
    if (!(this.retentionMs >= 0)) throw new RangeError('retentionMs must be >= 0');
    if (!(this.ttlMs >= 1)) throw new RangeError('ttlMs must be >= 1');
    if (!Number.isInteger(this.maxEventsPerTask) || this.maxEventsPerTask < 1) {
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
  }

  /** Watch loops currently open (0 once every loop has exited). */
  get watcherCount(): number {
    return this.feed.watcherCount;
  }

  async create(input: CreateTaskInput): Promise<CreateTaskResult> {
    const { scope, messageId, timeoutMs } = input;
    if (timeoutMs !== undefined && !(timeoutMs >= 0)) throw new RangeError('timeoutMs must be >= 0');
    const taskId = input.task.id;
    try {
      const now = this.now();
      const task: Task = {
        ...input.task,
        status: {
          ...input.task.status,
          timestamp: input.task.status.timestamp ?? new Date(now).toISOString(),
        },
      };
      const deadlineAt =
        timeoutMs === undefined || isTerminalState(task.status.state) ? undefined : now + timeoutMs;
      // Registered first (NX: never moves another task's deadline), so a task never exists without
      // it; an entry whose create fails is dropped by the reaper.
      if (deadlineAt !== undefined) await this.client.zadd(this.keys.deadlines, 'NX', deadlineAt, taskId);
      const artifacts = task.artifacts ?? [];
      const reply = await this.runCreate(task, scope, now, deadlineAt, timeoutMs, messageId, artifacts);
      if (reply[0] < 0) throw refusalError(reply[0], taskId);
      const record = recordOf(reply);
      if (reply[7] === 0) return { record, created: false };
      if (messageId !== undefined) {
        const first = await this.claimCreatingMessage(scope, messageId, taskId);
        if (first) return { record: first, created: false };
      }
      this.refreshIndex(scope, taskId, task.contextId, now, true);
      return { record, created: true };
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  async get(taskId: string, scope: TaskScope): Promise<TaskRecord | undefined> {
    try {
      const [tenant, owner, version, lastEventId, createdAt, deadlineAt, expiresAt, json] =
        await this.client.hmget(
          this.keys.task(taskId).task,
          'tenant',
          'owner',
          'version',
          'lastEventId',
          'createdAt',
          'deadlineAt',
          'expiresAt',
          'task',
        );
      if (json === null || tenant !== scope.tenant || owner !== scope.owner) return undefined;
      if (expiresAt !== null && Number(expiresAt) <= this.now()) return undefined;
      return recordOf([
        Number(version),
        lastEventId ?? '',
        json,
        createdAt ?? '0',
        deadlineAt,
        tenant,
        owner,
      ]);
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
        this.client.hmget(
          keys.task,
          'tenant',
          'owner',
          'version',
          'lastEventId',
          'createdAt',
          'deadlineAt',
          'expiresAt',
          'task',
        ),
        this.client.pttl(keys.task),
        this.client.pttl(keys.events),
      ]);
      const [tenant, owner, version, lastEventId, createdAt, deadlineAt, expiresAt, json] = fields;
      if (json === null || tenant === null || owner === null) return undefined;
      if (expiresAt !== null && Number(expiresAt) <= this.now()) return undefined;
      const record = recordOf([
        Number(version),
        lastEventId ?? '',
        json,
        createdAt ?? '0',
        deadlineAt,
        tenant,
        owner,
      ]);
      return {
        record,
        ...(expiresAt === null ? {} : { expiresAt: Number(expiresAt) }),
        taskTtlMs,
        eventsTtlMs,
      };
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  async list(scope: TaskScope, query: ListTasksQuery): Promise<ListTasksPage> {
    try {
      return await listTasks(this.client, this.keys, this.now(), scope, query);
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async transition(taskId: string, scope: TaskScope, input: TransitionInput): Promise<ChangeResult> {
    const now = this.now();
    const status = { ...input.status, timestamp: input.status.timestamp ?? new Date(now).toISOString() };
    const added: Message[] = [...(input.appendHistory ?? []), ...(status.message ? [status.message] : [])];
    return this.change('transition', taskId, scope, now, [
      status.state,
      JSON.stringify(status),
      statusTime(status),
      messagesJson(added),
      input.expectedVersion === undefined ? '' : String(input.expectedVersion),
      JSON.stringify({ status, metadata: input.eventMetadata }),
    ]);
  }

  async appendArtifact(taskId: string, scope: TaskScope, input: AppendArtifactInput): Promise<ChangeResult> {
    const { artifact, append, lastChunk, eventMetadata } = input;
    return this.change('appendArtifact', taskId, scope, this.now(), [
      artifact.artifactId,
      artifactHeadJson(artifact),
      JSON.stringify(artifact.parts),
      append ? '1' : '',
      JSON.stringify({ artifact, append, lastChunk, metadata: eventMetadata }),
    ]);
  }

  async cancel(taskId: string, scope: TaskScope, reason?: Message): Promise<ChangeResult> {
    const now = this.now();
    const status = {
      state: 'TASK_STATE_CANCELED' as const,
      message: reason,
      timestamp: new Date(now).toISOString(),
    };
    return this.change('cancel', taskId, scope, now, [
      JSON.stringify(status),
      statusTime(status),
      messagesJson(reason ? [reason] : []),
      JSON.stringify({ status }),
    ]);
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

  async reapExpired(now: number = this.now()): Promise<string[]> {
    const failed: string[] = [];
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
        outcomes.forEach((outcome, i) => outcome === 'failed' && failed.push(due[i]));
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
    this.feed.close();
    for (const stop of [...this.reapers]) stop();
    await Promise.all([this.notices.close(), ...this.pending]);
  }

  private async runCreate(
    task: Task,
    scope: TaskScope,
    now: number,
    deadlineAt: number | undefined,
    timeoutMs: number | undefined,
    messageId: string | undefined,
    artifacts: NonNullable<Task['artifacts']>,
  ): Promise<ChangeReply> {
    const args: (string | number)[] = [
      scope.tenant,
      scope.owner,
      now,
      this.ttlMs,
      this.retentionMs,
      this.instanceId,
      task.status.state,
      idsFragment(task.id, task.contextId),
      task.contextId,
      taskHeadJson(task),
      JSON.stringify(task.status),
      statusTime(task.status),
      task.history ? JSON.stringify(task.history) : '',
      task.artifacts ? '1' : '',
      timeoutMs === undefined ? '' : String(timeoutMs),
      deadlineAt === undefined ? '' : String(deadlineAt),
      messageId ?? '',
      artifacts.length,
    ];
    for (const artifact of artifacts) {
      args.push(artifact.artifactId, artifactHeadJson(artifact), JSON.stringify(artifact.parts));
    }
    return (await TASK_SCRIPTS.create.run(
      this.client,
      taskKeyList(this.keys.task(task.id)),
      args,
    )) as ChangeReply;
  }

  /**
   * Claims the scope's messageId for the new task. When another task claimed it first (a concurrent
   * create of the same message), deletes the new one and returns the first.
   */
  private async claimCreatingMessage(
    scope: TaskScope,
    messageId: string,
    taskId: string,
  ): Promise<TaskRecord | undefined> {
    const key = this.keys.scope(scope).message(messageId);
    const ttl = Math.max(1, Math.min(this.ttlMs, this.retentionMs));
    if ((await this.client.set(key, taskId, 'PX', ttl, 'NX')) !== null) return undefined;
    const firstId = await this.client.get(key);
    const first = firstId === null || firstId === taskId ? undefined : await this.get(firstId, scope);
    if (first) {
      await this.client.del(...taskKeyList(this.keys.task(taskId)));
      return first;
    }
    // The key names a task that is gone (or vanished meanwhile): this task takes it over.
    await this.client.set(key, taskId, 'PX', ttl);
    return undefined;
  }

  private async change(
    script: 'transition' | 'appendArtifact' | 'cancel',
    taskId: string,
    scope: TaskScope,
    now: number,
    specific: (string | number)[],
  ): Promise<ChangeResult> {
    try {
      const reply = (await TASK_SCRIPTS[script].run(this.client, taskKeyList(this.keys.task(taskId)), [
        scope.tenant,
        scope.owner,
        ...this.changeSettings(taskId, now),
        ...specific,
      ])) as ChangeReply | [number, TaskState?, number?];
      if (reply[0] < 0) {
        throw refusalError(reply[0], taskId, { state: reply[1] as TaskState, version: reply[2] as number });
      }
      return this.changed(reply as ChangeReply, now);
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  /** ARGV[3..9] of every change script. */
  private changeSettings(taskId: string, now: number): (string | number)[] {
    return [
      now,
      this.ttlMs,
      this.retentionMs,
      this.maxEventsPerTask,
      this.keys.channel,
      taskId,
      this.instanceId,
    ];
  }

  /** The result of a committed change; its index refresh (and deadline removal at the end) follows. */
  private changed(reply: ChangeReply, now: number): ChangeResult {
    const record = recordOf(reply);
    const event: TaskEvent = { id: reply[1], event: JSON.parse(reply[7] as string) as StreamResponse };
    const { id, contextId, status } = record.task;
    this.refreshIndex(record.scope, id, contextId, now, false);
    if (isTerminalState(status.state) && record.deadlineAt !== undefined) {
      this.background('deadline removal', this.client.zrem(this.keys.deadlines, id));
    }
    return { record, event };
  }

  /**
   * Puts the task at the top of its scope's and context's list indexes, without waiting for the reply
   * (best effort, see the class TSDoc). Commands on one connection run in order, so a later read by
   * this process already sees it on standalone Redis.
   */
  private refreshIndex(
    scope: TaskScope,
    taskId: string,
    contextId: string,
    now: number,
    prune: boolean,
  ): void {
    const keys = this.keys.scope(scope);
    const keep = Math.max(this.ttlMs, this.retentionMs);
    const pipeline = this.client.pipeline();
    for (const key of [keys.tasks, keys.context(contextId)]) {
      // GT: a slower instance's older change never moves a task back down.
      pipeline.zadd(key, 'GT', now, taskId);
      // Entries older than any task can live belong to expired tasks.
      if (prune) pipeline.zremrangebyscore(key, '-inf', `(${now - keep}`);
      pipeline.pexpire(key, keep);
    }
    this.background(
      'index refresh',
      pipeline.exec().then((results) => {
        const failure = results?.find(([err]) => err)?.[0];
        if (failure) throw failure;
      }),
    );
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

  /** Runs the expire script on one due task: 'failed' it, 'dropped' it from the set, or 'kept' it. */
  private async expireOne(taskId: string, cutoff: number): Promise<'failed' | 'dropped' | 'kept'> {
    const now = this.now();
    const reply = (await TASK_SCRIPTS.expire.run(this.client, taskKeyList(this.keys.task(taskId)), [
      '',
      '',
      ...this.changeSettings(taskId, now),
      cutoff,
      JSON.stringify(randomUUID()),
      JSON.stringify(new Date(now).toISOString()),
      now,
    ])) as ChangeReply | [number, number?];
    if (reply[0] === 0 && reply[1] === 0) return 'kept';
    if (reply[0] <= 0) {
      await this.client.zrem(this.keys.deadlines, taskId);
      return 'dropped';
    }
    this.changed(reply as ChangeReply, now);
    return 'failed';
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

function recordOf(reply: ChangeReply): TaskRecord {
  const [version, lastEventId, json, createdAt, deadlineAt, tenant, owner] = reply;
  return {
    task: JSON.parse(json) as Task,
    version: Number(version),
    lastEventId,
    scope: { tenant, owner },
    createdAt: Number(createdAt),
    ...(deadlineAt === null || deadlineAt === undefined ? {} : { deadlineAt: Number(deadlineAt) }),
  };
}
