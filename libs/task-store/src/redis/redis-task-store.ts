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
import {
  artifactHeadJson,
  fieldsOfPairs,
  fieldsWith,
  idsFragment,
  statusTime,
  taskHeadJson,
  taskOfFields,
  type TaskFields,
} from './task-fragments.js';
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
  /**
   * Live tasks whose stored fields the instance keeps after its own creates and changes, so a change
   * answers with only the fields written since (see {@link RedisTaskStore}). Costs about the tasks'
   * JSON size in memory each; past it the least recently changed copy is dropped (its next change
   * costs a read of the whole task, in the same script). 0 keeps none.
   * @defaultValue 1024
   */
  readonly heldTasks?: number;
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

/** What a change script returns on success: `commit()` in src/redis/lua/task-change.lua.ts. */
type ChangeReply = [
  version: number,
  eventId: string,
  eventJson: string,
  createdAt: string | number,
  deadlineAt: string | null,
  tenant: string,
  owner: string,
  state: TaskState,
  contextId: string,
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
 * key lives `min(ttlMs, retentionMs)`, never longer than the task it names. On standalone Redis the
 * deadline `ZADD NX`, the script and the claim are sent at once (one round trip; one connection runs
 * them in that order, so a claim never names a task not created yet); a claim whose script refused is
 * taken back if it still names this task. On a Cluster the claim's key lives on another node, so it
 * is sent once the script has answered (two round trips). A create whose deadline entry failed is
 * deleted again, so no task exists without it.
 *
 * The task is stored as fragments (see lua/task-document.lua.ts) and assembled on read; a change writes
 * only its fragments. For `ChangeResult.record` the instance keeps the fields of the tasks it created
 * or changed last (`heldTasks`, dropped once they end) and tells the script which version it holds;
 * the script answers with the fields written since then (O(1) in the task's size; O(changes since)),
 * or with the whole hash when the instance holds no copy or one more than 16 changes old. `record.task`
 * is parsed on first access.
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
  /** The stored fields of tasks this instance created or changed last, oldest first (an LRU). */
  private readonly recent = new Map<string, TaskFields>();
  private readonly heldTasks: number;
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
    this.heldTasks = options.heldTasks ?? 1024;
    if (!(this.retentionMs >= 0)) throw new RangeError('retentionMs must be >= 0');
    if (!(this.ttlMs >= 1)) throw new RangeError('ttlMs must be >= 1');
    if (!Number.isInteger(this.heldTasks) || this.heldTasks < 0) {
      throw new RangeError('heldTasks must be an integer >= 0');
    }
    // NUL separates the fields of a change's reply (see lua/task-change.lua.ts).
    if (this.instanceId.includes('\0')) throw new RangeError('instanceId must not contain NUL');
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
      const { args, fields } = this.createArgs(task, scope, now, deadlineAt, timeoutMs, messageId);
      const taskKeys = taskKeyList(this.keys.task(taskId));
      // Sent together, not one after the other (see the class TSDoc): the deadline (NX: never moves
      // another task's deadline; an entry whose create fails is dropped by the reaper), the script and,
      // on standalone Redis, the messageId claim, which runs after the script on the same connection.
      const deadline =
        deadlineAt === undefined
          ? undefined
          : this.client.zadd(this.keys.deadlines, 'NX', deadlineAt, taskId);
      const created = TASK_SCRIPTS.create.run(this.client, taskKeys, args);
      const claim =
        messageId === undefined || this.client.isCluster
          ? undefined
          : this.claimMessageKey(scope, messageId, taskId, 'NX');
      const [deadlineOutcome, replyOutcome, claimOutcome] = await Promise.allSettled([
        deadline,
        created,
        claim,
      ]);
      if (replyOutcome.status === 'rejected') throw replyOutcome.reason;
      const reply = replyOutcome.value as [number, ...string[]];
      if (reply[0] === 1 && deadlineOutcome.status === 'rejected') {
        // A task must never exist without its deadline entry: undo the create (nobody has seen its id).
        await this.client.del(...taskKeys);
        if (claimOutcome.status === 'fulfilled' && claimOutcome.value) {
          await this.releaseMessageKey(scope, messageId ?? '', taskId);
        }
        throw deadlineOutcome.reason;
      }
      if (reply[0] < 0 && claimOutcome.status === 'fulfilled' && claimOutcome.value) {
        // The claim ran although the script refused: it must not name another scope's (or message's) task.
        await this.releaseMessageKey(scope, messageId ?? '', taskId);
      }
      if (reply[0] < 0) throw refusalError(reply[0], taskId);
      if (reply[0] === 0) return { record: recordOf(fieldsOfPairs(reply.slice(1))), created: false };
      const record = recordOf(fields);
      if (!isTerminalState(task.status.state)) this.remember(taskId, fields);
      if (messageId !== undefined) {
        if (claimOutcome.status === 'rejected') {
          await this.client.del(...taskKeys);
          throw claimOutcome.reason;
        }
        const claimed = claim
          ? claimOutcome.value
          : await this.claimMessageKey(scope, messageId, taskId, 'NX');
        const first = claimed ? undefined : await this.firstCreated(scope, messageId, taskId);
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
      input.expectedVersion === undefined ? '' : String(input.expectedVersion),
      JSON.stringify({ status, metadata: input.eventMetadata }),
      ...added.map((message) => JSON.stringify(message)),
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
      JSON.stringify({ status }),
      ...(reason ? [JSON.stringify(reason)] : []),
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
    this.recent.clear();
    this.feed.close();
    for (const stop of [...this.reapers]) stop();
    await Promise.all([this.notices.close(), ...this.pending]);
  }

  /**
   * The create script's arguments, and the hash fields it will store (the record of the new task is
   * assembled from them when read, exactly as a later get would).
   */
  private createArgs(
    task: Task,
    scope: TaskScope,
    now: number,
    deadlineAt: number | undefined,
    timeoutMs: number | undefined,
    messageId: string | undefined,
  ): { args: (string | number)[]; fields: TaskFields } {
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
      this.ttlMs,
      this.retentionMs,
      this.instanceId,
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
  private async firstCreated(
    scope: TaskScope,
    messageId: string,
    taskId: string,
  ): Promise<TaskRecord | undefined> {
    const firstId = await this.client.get(this.keys.scope(scope).message(messageId));
    const first = firstId === null || firstId === taskId ? undefined : await this.get(firstId, scope);
    if (first) {
      await this.client.del(...taskKeyList(this.keys.task(taskId)));
      return first;
    }
    // The key names a task that is gone (or vanished meanwhile): this task takes it over.
    await this.claimMessageKey(scope, messageId, taskId);
    return undefined;
  }

  /** Points the scope's messageId key at the task (only if unset with 'NX'); true when it was set. */
  private async claimMessageKey(
    scope: TaskScope,
    messageId: string,
    taskId: string,
    mode?: 'NX',
  ): Promise<boolean> {
    const key = this.keys.scope(scope).message(messageId);
    const ttl = Math.max(1, Math.min(this.ttlMs, this.retentionMs));
    const reply = mode
      ? await this.client.set(key, taskId, 'PX', ttl, mode)
      : await this.client.set(key, taskId, 'PX', ttl);
    return reply !== null;
  }

  /** Deletes the scope's messageId key if it still points at the task. */
  private async releaseMessageKey(scope: TaskScope, messageId: string, taskId: string): Promise<void> {
    await TASK_SCRIPTS.releaseMessage.run(this.client, [this.keys.scope(scope).message(messageId)], [taskId]);
  }

  private async change(
    script: 'transition' | 'appendArtifact' | 'cancel',
    taskId: string,
    scope: TaskScope,
    now: number,
    specific: (string | number)[],
  ): Promise<ChangeResult> {
    try {
      const known = this.recent.get(taskId);
      const reply = (await TASK_SCRIPTS[script].run(this.client, taskKeyList(this.keys.task(taskId)), [
        scope.tenant,
        scope.owner,
        ...this.changeSettings(taskId, now, known ? `${known.version}@${known.createdAt}` : ''),
        ...specific,
      ])) as (string | number | null)[];
      if ((reply[0] as number) < 0) {
        if (reply[0] === -1 || reply[0] === -3) this.recent.delete(taskId);
        throw refusalError(reply[0] as number, taskId, {
          state: reply[1] as TaskState,
          version: reply[2] as number,
        });
      }
      const change = reply.slice(0, 9) as ChangeReply;
      const written = fieldsOfPairs(reply[9] === 1 ? String(reply[10]).split('\0') : reply.slice(10));
      // Synchronously, before the next reply's turn: that one may build on this one.
      const fields =
        (reply[9] === 1 ? this.afterChange(taskId, change, written, known) : written) ??
        (await this.client.hgetall(this.keys.task(taskId).task));
      this.remember(taskId, fields, change[7]);
      return { record: recordOf(fields), event: this.changed(taskId, change, now) };
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  /** ARGV[3..10] of every change script. */
  private changeSettings(taskId: string, now: number, known: string): (string | number)[] {
    return [
      now,
      this.ttlMs,
      this.retentionMs,
      this.maxEventsPerTask,
      this.keys.channel,
      taskId,
      this.instanceId,
      known,
    ];
  }

  /**
   * The task's fields after a change answered with a delta: the fields written since the copy `sent`
   * (the one this instance held when it sent the change). Replies are read in order, so the copy held
   * now lies between that one and the change; undefined when it does not (it was evicted meanwhile, or
   * the reply of an earlier change was lost): the caller reads the task again, and the record may
   * then show later changes too.
   */
  private afterChange(
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
  private remember(taskId: string, fields: TaskFields, state?: TaskState): void {
    const held = this.recent.get(taskId);
    if (held && Number(held.version) > Number(fields.version)) return;
    this.recent.delete(taskId);
    if (state !== undefined && isTerminalState(state)) return;
    if (this.heldTasks > 0) this.recent.set(taskId, fields);
    if (this.recent.size > this.heldTasks) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** The event of a committed change; its index refresh (and deadline removal at the end) follows. */
  private changed(taskId: string, reply: ChangeReply, now: number): TaskEvent {
    const [, eventId, eventJson, , deadlineAt, tenant, owner, state, contextId] = reply;
    const event: TaskEvent = { id: eventId, event: JSON.parse(eventJson) as StreamResponse };
    this.refreshIndex({ tenant, owner }, taskId, contextId, now, false);
    if (isTerminalState(state) && deadlineAt !== null && deadlineAt !== undefined) {
      this.background('deadline removal', this.client.zrem(this.keys.deadlines, taskId));
    }
    return event;
  }

  /** true when the hash holds a task whose retention has not ended on the store's clock. */
  private isServed(fields: TaskFields): boolean {
    if (fields.head === undefined || fields.state === undefined) return false;
    return fields.expiresAt === undefined || Number(fields.expiresAt) > this.now();
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
      ...this.changeSettings(taskId, now, '-'),
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
    this.recent.delete(taskId);
    this.changed(taskId, reply as ChangeReply, now);
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

/**
 * The record of a task hash. `task` is assembled from the fragments on first access (an enumerable
 * getter, so spreads and deep equality see it): callers that only need the version pay nothing for it.
 */
function recordOf(fields: TaskFields): TaskRecord {
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
