import { randomUUID } from 'node:crypto';
import {
  DEFAULT_LIST_PAGE_SIZE,
  isLegalTransition,
  isTerminalState,
  type Artifact,
  type Message,
  type StreamResponse,
  type Task,
} from '@a2a-platform/a2a-protocol';
import {
  TaskStoreError,
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
import { decodeListCursor } from '../task-list-cursor.js';
import { copyJson, freezeDeep } from './json-copy.js';
import { TaskEventLog, parseEventId } from './task-event-log.js';
import { compareListOrder, pageAfter } from './task-list-page.js';

/** Options of {@link MemoryTaskStore}. */
export interface MemoryTaskStoreOptions {
  /**
   * How long an ended task (and its events) stays readable, in milliseconds.
   * @defaultValue 3_600_000 (one hour)
   */
  readonly retentionMs?: number;
  /**
   * Events kept per task; older ones are dropped and readers that wanted them get `trimmed`.
   * @defaultValue 1000
   */
  readonly maxEventsPerTask?: number;
  /**
   * The store's clock (epoch milliseconds), for timestamps, deadlines and retention.
   * @defaultValue Date.now
   */
  readonly now?: () => number;
}

/** One task inside the store. `task` is frozen and replaced (never edited) on every change. */
interface StoredTask {
  task: Task;
  version: number;
  updatedAt: number;
  expiresAt?: number;
  readonly id: string;
  readonly scope: TaskScope;
  readonly scopeKey: string;
  readonly createdAt: number;
  readonly timeoutMs?: number;
  readonly deadlineAt?: number;
  readonly idempotencyKey?: string;
  readonly log: TaskEventLog;
  readonly claims: Set<string>;
}

const SWEEP_MIN_MS = 1_000;
const SWEEP_MAX_MS = 60_000;

/**
 * A {@link TaskStore} for one process: tasks, bounded event streams and listeners in maps.
 * Records handed out are copies (callers may edit them); events are frozen and shared.
 * Ended tasks are dropped `retentionMs` after they end, checked on access and by a sweep timer.
 */
export class MemoryTaskStore implements TaskStore {
  private readonly retentionMs: number;
  private readonly maxEventsPerTask: number;
  private readonly now: () => number;
  private readonly tasks = new Map<string, StoredTask>();
  private readonly byScope = new Map<string, Set<string>>();
  private readonly byMessage = new Map<string, string>();
  private readonly deadlines = new Map<string, number>();
  private readonly cancelListeners = new Map<string, Set<() => void>>();
  private readonly wakers = new Map<string, Set<() => void>>();
  private expiryQueue: { taskId: string; expiresAt: number }[] = [];
  private sweepTimer: NodeJS.Timeout | undefined;
  private openWatches = 0;
  private closed = false;

  constructor(options: MemoryTaskStoreOptions = {}) {
    this.retentionMs = options.retentionMs ?? 3_600_000;
    this.maxEventsPerTask = options.maxEventsPerTask ?? 1000;
    this.now = options.now ?? Date.now;
    if (!(this.retentionMs >= 0)) throw new RangeError('retentionMs must be >= 0');
    if (!Number.isInteger(this.maxEventsPerTask) || this.maxEventsPerTask < 1) {
      throw new RangeError('maxEventsPerTask must be an integer >= 1');
    }
  }

  /** Watch loops currently open (the active-streams gauge; 0 once every loop has exited). */
  get watcherCount(): number {
    return this.openWatches;
  }

  async create(input: CreateTaskInput): Promise<CreateTaskResult> {
    const scopeKey = scopeKeyOf(input.scope);
    const idempotencyKey = input.messageId === undefined ? undefined : `${scopeKey}\n${input.messageId}`;
    if (idempotencyKey !== undefined) {
      const firstId = this.byMessage.get(idempotencyKey);
      const first = firstId === undefined ? undefined : this.lookup(firstId);
      if (first) return { created: false, record: this.recordOf(first) };
    }
    const id = input.task.id;
    if (this.lookup(id)) {
      throw new TaskStoreError('ALREADY_EXISTS', `task ${id} already exists`, { taskId: id });
    }
    if (input.timeoutMs !== undefined && !(input.timeoutMs >= 0)) {
      throw new RangeError('timeoutMs must be >= 0');
    }
    const now = this.now();
    const task = copyJson(input.task);
    task.status.timestamp ??= new Date(now).toISOString();
    const terminal = isTerminalState(task.status.state);
    const deadlineAt = input.timeoutMs === undefined || terminal ? undefined : now + input.timeoutMs;
    const stored: StoredTask = {
      id,
      task: freezeDeep(task),
      version: 1,
      updatedAt: now,
      scope: { tenant: input.scope.tenant, owner: input.scope.owner },
      scopeKey,
      createdAt: now,
      timeoutMs: input.timeoutMs,
      deadlineAt,
      idempotencyKey,
      log: new TaskEventLog(this.maxEventsPerTask),
      claims: new Set(input.messageId === undefined ? [] : [input.messageId]),
    };
    this.tasks.set(id, stored);
    let scopeTasks = this.byScope.get(scopeKey);
    if (!scopeTasks) this.byScope.set(scopeKey, (scopeTasks = new Set()));
    scopeTasks.add(id);
    if (idempotencyKey !== undefined) this.byMessage.set(idempotencyKey, id);
    if (deadlineAt !== undefined) this.deadlines.set(id, deadlineAt);
    if (terminal) this.scheduleExpiry(stored, now);
    return { created: true, record: this.recordOf(stored) };
  }

  async get(taskId: string, scope: TaskScope): Promise<TaskRecord | undefined> {
    const stored = this.lookup(taskId);
    return stored && sameScope(stored, scope) ? this.recordOf(stored) : undefined;
  }

  async list(scope: TaskScope, query: ListTasksQuery): Promise<ListTasksPage> {
    const cursor = query.pageToken ? decodeListCursor(query.pageToken) : undefined;
    const since =
      query.statusTimestampAfter === undefined ? undefined : Date.parse(query.statusTimestampAfter);
    const matching: StoredTask[] = [];
    for (const id of this.byScope.get(scopeKeyOf(scope)) ?? []) {
      const stored = this.lookup(id);
      if (!stored) continue;
      const { contextId, status } = stored.task;
      if (query.contextId !== undefined && contextId !== query.contextId) continue;
      if (query.status !== undefined && status.state !== query.status) continue;
      if (since !== undefined && !(Date.parse(status.timestamp ?? '') >= since)) continue;
      matching.push(stored);
    }
    matching.sort(compareListOrder);
    const pageSize = Math.max(1, query.pageSize ?? DEFAULT_LIST_PAGE_SIZE);
    const { page, nextPageToken } = pageAfter(matching, cursor, pageSize);
    return { tasks: page.map((stored) => copyJson(stored.task)), nextPageToken, totalSize: matching.length };
  }

  async transition(taskId: string, scope: TaskScope, input: TransitionInput): Promise<ChangeResult> {
    return this.applyTransition(this.owned(taskId, scope), input);
  }

  async appendArtifact(taskId: string, scope: TaskScope, input: AppendArtifactInput): Promise<ChangeResult> {
    const stored = this.owned(taskId, scope);
    this.refuseTerminal(stored);
    const chunk = copyJson(input.artifact);
    const artifacts = stored.task.artifacts ?? [];
    const at = artifacts.findIndex((artifact) => artifact.artifactId === chunk.artifactId);
    let next: Artifact[];
    if (at < 0) {
      next = [...artifacts, chunk];
    } else {
      next = artifacts.slice();
      next[at] = input.append ? { ...artifacts[at], parts: [...artifacts[at].parts, ...chunk.parts] } : chunk;
    }
    const event: StreamResponse = {
      artifactUpdate: {
        taskId,
        contextId: stored.task.contextId,
        artifact: chunk,
        ...(input.append === undefined ? {} : { append: input.append }),
        ...(input.lastChunk === undefined ? {} : { lastChunk: input.lastChunk }),
        ...(input.eventMetadata === undefined ? {} : { metadata: copyJson(input.eventMetadata) }),
      },
    };
    return this.commit(stored, { ...stored.task, artifacts: next }, event);
  }

  async cancel(taskId: string, scope: TaskScope, reason?: Message): Promise<ChangeResult> {
    const stored = this.owned(taskId, scope);
    const result = this.applyTransition(stored, {
      status: { state: 'TASK_STATE_CANCELED', ...(reason === undefined ? {} : { message: reason }) },
    });
    for (const listener of this.cancelListeners.get(taskId) ?? []) {
      try {
        listener();
      } catch {
        // One failing listener must not keep the others (or the caller) from seeing the cancel.
      }
    }
    return result;
  }

  async readEvents(taskId: string, after: string): Promise<ReadEventsResult> {
    const afterSeq = parseEventId(after);
    const stored = this.lookup(taskId);
    return stored ? stored.log.after(afterSeq) : { events: [], trimmed: false };
  }

  watch(taskId: string, options: WatchOptions = {}): AsyncIterable<TaskEvent> {
    // "From now on" is fixed at the call, not at the first next(): nothing appended in between is lost.
    const fromSeq = options.after === undefined ? (this.lookup(taskId)?.log.lastSeq ?? 0) : undefined;
    return this.follow(taskId, fromSeq, options.after ?? '', options.signal);
  }

  onCancel(taskId: string, listener: () => void): () => void {
    let listeners = this.cancelListeners.get(taskId);
    if (!listeners) this.cancelListeners.set(taskId, (listeners = new Set()));
    const own = listeners;
    const wrapped = (): void => listener();
    own.add(wrapped);
    return () => {
      own.delete(wrapped);
      if (own.size === 0 && this.cancelListeners.get(taskId) === own) this.cancelListeners.delete(taskId);
    };
  }

  async claimMessage(taskId: string, messageId: string): Promise<boolean> {
    const stored = this.lookup(taskId);
    if (!stored) throw new TaskStoreError('NOT_FOUND', `task ${taskId} not found`, { taskId });
    if (stored.claims.has(messageId)) return false;
    stored.claims.add(messageId);
    return true;
  }

  async reapExpired(now: number = this.now()): Promise<TaskRecord[]> {
    const due: string[] = [];
    for (const [taskId, deadlineAt] of this.deadlines) if (deadlineAt <= now) due.push(taskId);
    const failed: TaskRecord[] = [];
    for (const taskId of due) {
      this.deadlines.delete(taskId);
      const stored = this.lookup(taskId);
      if (!stored || isTerminalState(stored.task.status.state)) continue;
      const message: Message = {
        messageId: randomUUID(),
        role: 'ROLE_AGENT',
        taskId,
        contextId: stored.task.contextId,
        parts: [{ text: `Task exceeded its deadline of ${stored.timeoutMs} ms` }],
      };
      this.applyTransition(stored, { status: { state: 'TASK_STATE_FAILED', message } });
      failed.push(this.recordOf(stored));
    }
    return failed;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const taskId of [...this.wakers.keys()]) this.wake(taskId);
  }

  private async *follow(
    taskId: string,
    fromSeq: number | undefined,
    after: string,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<TaskEvent> {
    let cursor = fromSeq ?? parseEventId(after);
    this.openWatches++;
    try {
      while (!signal?.aborted && !this.closed) {
        const slice = this.lookup(taskId)?.log.after(cursor);
        if (slice?.trimmed) {
          throw new TaskStoreError('TRIMMED', `events of task ${taskId} after ${after} were trimmed`, {
            taskId,
          });
        }
        if (!slice || slice.events.length === 0) {
          await this.nextChange(taskId, signal);
          continue;
        }
        for (const event of slice.events) {
          if (signal?.aborted || this.closed) return;
          yield event;
          cursor++;
          after = event.id;
        }
      }
    } finally {
      this.openWatches--;
    }
  }

  /** Resolves at the task's next event, at abort, or at close; leaves no listener behind. */
  private nextChange(taskId: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      let waiting = this.wakers.get(taskId);
      if (!waiting) this.wakers.set(taskId, (waiting = new Set()));
      const own = waiting;
      const wake = (): void => {
        own.delete(wake);
        if (own.size === 0 && this.wakers.get(taskId) === own) this.wakers.delete(taskId);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      own.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  private wake(taskId: string): void {
    const waiting = this.wakers.get(taskId);
    if (waiting) for (const wake of waiting) wake();
  }

  private applyTransition(stored: StoredTask, input: TransitionInput): ChangeResult {
    this.refuseTerminal(stored);
    const from = stored.task.status.state;
    const to = input.status.state;
    if (!isLegalTransition(from, to)) {
      throw new TaskStoreError('ILLEGAL_TRANSITION', `task ${stored.id} cannot move from ${from} to ${to}`, {
        taskId: stored.id,
        state: from,
        version: stored.version,
      });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== stored.version) {
      throw new TaskStoreError(
        'VERSION_CONFLICT',
        `task ${stored.id} is at version ${stored.version}, not ${input.expectedVersion}`,
        { taskId: stored.id, state: from, version: stored.version },
      );
    }
    const status = copyJson(input.status);
    status.timestamp ??= new Date(this.now()).toISOString();
    const added = input.appendHistory === undefined ? [] : copyJson([...input.appendHistory]);
    if (status.message) added.push(status.message);
    const task: Task = { ...stored.task, status };
    if (added.length > 0) task.history = [...(stored.task.history ?? []), ...added];
    const event: StreamResponse = {
      statusUpdate: {
        taskId: stored.id,
        contextId: stored.task.contextId,
        status,
        ...(input.eventMetadata === undefined ? {} : { metadata: copyJson(input.eventMetadata) }),
      },
    };
    const result = this.commit(stored, task, event);
    return input.returnRecord ? { ...result, record: this.recordOf(stored) } : result;
  }

  /** The single write path: new task version, event appended, watchers woken, end bookkeeping. */
  private commit(stored: StoredTask, task: Task, event: StreamResponse): ChangeResult {
    const now = this.now();
    stored.task = freezeDeep(task);
    stored.version++;
    stored.updatedAt = now;
    const appended = stored.log.append(event);
    if (isTerminalState(task.status.state)) {
      this.deadlines.delete(stored.id);
      this.scheduleExpiry(stored, now);
    }
    this.wake(stored.id);
    return { version: stored.version, state: task.status.state, event: appended };
  }

  private refuseTerminal(stored: StoredTask): void {
    const state = stored.task.status.state;
    if (isTerminalState(state)) {
      throw new TaskStoreError('TERMINAL', `task ${stored.id} has ended (${state})`, {
        taskId: stored.id,
        state,
        version: stored.version,
      });
    }
  }

  private owned(taskId: string, scope: TaskScope): StoredTask {
    const stored = this.lookup(taskId);
    if (!stored || !sameScope(stored, scope)) {
      throw new TaskStoreError('NOT_FOUND', `task ${taskId} not found`, { taskId });
    }
    return stored;
  }

  /** The task unless it is unknown or past its retention (then it is dropped now). */
  private lookup(taskId: string): StoredTask | undefined {
    const stored = this.tasks.get(taskId);
    if (stored?.expiresAt !== undefined && this.now() >= stored.expiresAt) {
      this.drop(stored);
      return undefined;
    }
    return stored;
  }

  private recordOf(stored: StoredTask): TaskRecord {
    return {
      task: copyJson(stored.task),
      version: stored.version,
      lastEventId: stored.log.lastId,
      scope: { tenant: stored.scope.tenant, owner: stored.scope.owner },
      createdAt: stored.createdAt,
      ...(stored.deadlineAt === undefined ? {} : { deadlineAt: stored.deadlineAt }),
    };
  }

  private scheduleExpiry(stored: StoredTask, now: number): void {
    stored.expiresAt = now + this.retentionMs;
    this.expiryQueue.push({ taskId: stored.id, expiresAt: stored.expiresAt });
    if (this.sweepTimer || this.closed) return;
    const every = Math.min(Math.max(this.retentionMs, SWEEP_MIN_MS), SWEEP_MAX_MS);
    this.sweepTimer = setInterval(() => this.sweep(), every);
    this.sweepTimer.unref();
  }

  /** Drops ended tasks whose retention has passed; stops the timer when none is waiting. */
  private sweep(): void {
    const now = this.now();
    let done = 0;
    // Expiry times are pushed in clock order, so the queue's front is always the next to go.
    while (done < this.expiryQueue.length && this.expiryQueue[done].expiresAt <= now) {
      const { taskId } = this.expiryQueue[done++];
      const stored = this.tasks.get(taskId);
      if (stored?.expiresAt !== undefined && stored.expiresAt <= now) this.drop(stored);
    }
    this.expiryQueue = this.expiryQueue.slice(done);
    if (this.expiryQueue.length === 0 && this.sweepTimer) {
      clearInterval(this.sweepTimer);
      this.sweepTimer = undefined;
    }
  }

  private drop(stored: StoredTask): void {
    this.tasks.delete(stored.id);
    const scopeTasks = this.byScope.get(stored.scopeKey);
    scopeTasks?.delete(stored.id);
    if (scopeTasks?.size === 0) this.byScope.delete(stored.scopeKey);
    if (stored.idempotencyKey !== undefined && this.byMessage.get(stored.idempotencyKey) === stored.id) {
      this.byMessage.delete(stored.idempotencyKey);
    }
    this.deadlines.delete(stored.id);
    this.cancelListeners.delete(stored.id);
  }
}

function scopeKeyOf(scope: TaskScope): string {
  return JSON.stringify([scope.tenant, scope.owner]);
}

function sameScope(stored: StoredTask, scope: TaskScope): boolean {
  return stored.scope.tenant === scope.tenant && stored.scope.owner === scope.owner;
}
