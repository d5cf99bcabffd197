import type {
  Artifact,
  ListTasksRequest,
  Message,
  StreamResponse,
  Task,
  TaskState,
  TaskStatus,
} from '@a2a-platform/a2a-protocol';

/**
 * Who a task belongs to. Every read and write names its scope; a task seen from another
 * scope does not exist (the server answers TaskNotFound).
 */
export interface TaskScope {
  readonly tenant: string;
  readonly owner: string;
}

/** A task as stored: the v1.0 Task plus what the store needs to serve it. */
export interface TaskRecord {
  readonly task: Task;
  /** Bumped by every change; optimistic checks compare it. */
  readonly version: number;
  /** Id of the last event in the task's stream ('' when none); live reads continue after it. */
  readonly lastEventId: string;
  readonly scope: TaskScope;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds after which the reaper fails the task, if it has not ended. */
  readonly deadlineAt?: number;
}

/**
 * One entry of a task's event stream. `id` is opaque and increases within a task. Treat events
 * as read-only: a store may hand the same object to every reader.
 */
export interface TaskEvent {
  readonly id: string;
  /** A `statusUpdate` or `artifactUpdate` (the stream never holds task snapshots). */
  readonly event: StreamResponse;
}

export interface CreateTaskInput {
  readonly task: Task;
  readonly scope: TaskScope;
  /** Relative deadline; the reaper fails the task when it passes. */
  readonly timeoutMs?: number;
  /**
   * The message that created the task. A second create with the same messageId in the same
   * scope returns the first task instead of creating another (idempotent send). It also counts
   * as claimed for the new task (see {@link TaskStore.claimMessage}).
   */
  readonly messageId?: string;
}

export interface CreateTaskResult {
  readonly record: TaskRecord;
  /** false when the messageId had already created a task. */
  readonly created: boolean;
}

export interface TransitionInput {
  readonly status: TaskStatus;
  /** Messages appended to the history with the change (for example the user's follow-up). */
  readonly appendHistory?: readonly Message[];
  /** Refuse the change when the task's version differs (VERSION_CONFLICT). */
  readonly expectedVersion?: number;
  /** Metadata carried on the statusUpdate event. */
  readonly eventMetadata?: Record<string, unknown>;
  /**
   * Answer with the task after the change ({@link ChangeResult.record}), read in the same step: for
   * the caller that needs it anyway, such as the write that ends an executor's turn.
   */
  readonly returnRecord?: boolean;
}

export interface AppendArtifactInput {
  readonly artifact: Artifact;
  /** Append the parts to the artifact with the same id instead of replacing it. */
  readonly append?: boolean;
  readonly lastChunk?: boolean;
  readonly eventMetadata?: Record<string, unknown>;
}

/**
 * What a committed change reports: never the whole task (reading it back is a `get`), so a change
 * costs the same whatever the task's size.
 */
export interface ChangeResult {
  /** The task's version after the change. */
  readonly version: number;
  /** The task's state after the change. */
  readonly state: TaskState;
  /** The event the change appended; its id is the task's `lastEventId` now. */
  readonly event: TaskEvent;
  /** The task right after the change, when the change asked for it (`returnRecord`). */
  readonly record?: TaskRecord;
}

export type ListTasksQuery = Pick<
  ListTasksRequest,
  'contextId' | 'status' | 'pageSize' | 'pageToken' | 'statusTimestampAfter'
>;

export interface ListTasksPage {
  /** Most recently updated first. */
  readonly tasks: Task[];
  /** '' when this is the last page. */
  readonly nextPageToken: string;
  readonly totalSize: number;
}

export interface ReadEventsResult {
  readonly events: TaskEvent[];
  /**
   * true when events after the requested id were trimmed from the stream: the reader missed
   * events and must start again from a snapshot.
   */
  readonly trimmed: boolean;
}

export interface WatchOptions {
  /**
   * Deliver events after this id; '' means from the start of the stream (before its first event).
   * Absent means only events appended after the call. Callers that hold a snapshot pass its
   * `lastEventId`, so nothing between the snapshot and the watch is missed.
   */
  readonly after?: string;
  readonly signal?: AbortSignal;
}

/**
 * Durable task state with one atomic transition per change, a per-task event stream with
 * replay, deadlines, and a cancel signal that reaches the instance running the task.
 * Implementations: {@link MemoryTaskStore} (one process) and the Redis store (many instances).
 */
export interface TaskStore {
  /**
   * Stores a new task at version 1 with an empty event stream. Throws TaskStoreError
   * ALREADY_EXISTS when a task with that id exists (in any scope).
   */
  create(input: CreateTaskInput): Promise<CreateTaskResult>;

  /** undefined when the task does not exist or belongs to another scope. */
  get(taskId: string, scope: TaskScope): Promise<TaskRecord | undefined>;

  /**
   * The scope's tasks, most recently changed first: by the store's clock at the last create,
   * transition or appendArtifact, ties by task id descending. `statusTimestampAfter` keeps
   * tasks whose status timestamp is at or after it. `pageToken` is a cursor (a position in that
   * order), so pages never repeat or skip a task that did not change between reads. Throws
   * TaskStoreError INVALID_CURSOR for a token this store did not issue.
   */
  list(scope: TaskScope, query: ListTasksQuery): Promise<ListTasksPage>;

  /**
   * Moves the task to `status.state` if the move is legal, appends the statusUpdate event and
   * notifies watchers, all in one step. Throws TaskStoreError, checked in this order: NOT_FOUND,
   * TERMINAL (the task has ended and never changes), ILLEGAL_TRANSITION, VERSION_CONFLICT.
   */
  transition(taskId: string, scope: TaskScope, input: TransitionInput): Promise<ChangeResult>;

  /** Adds or extends an artifact and appends the artifactUpdate event. Refused on terminal tasks. */
  appendArtifact(taskId: string, scope: TaskScope, input: AppendArtifactInput): Promise<ChangeResult>;

  /**
   * Cancels the task: transition to CANCELED plus the cancel signal to the instance running it.
   * Throws TaskStoreError TERMINAL when the task has already ended.
   */
  cancel(taskId: string, scope: TaskScope, reason?: Message): Promise<ChangeResult>;

  /**
   * Events after `after`. '' is before the first event: all that are kept, with `trimmed` when
   * some were dropped. A task that does not exist (or has expired) has no events. Throws
   * TaskStoreError INVALID_CURSOR when `after` is not an event id.
   */
  readEvents(taskId: string, after: string): Promise<ReadEventsResult>;

  /**
   * Live events of one task in stream order, without gaps or duplicates, starting after
   * `options.after`. Ends (without throwing) when the signal aborts, and releases its listeners
   * when the loop exits. Throws TaskStoreError TRIMMED when `after` is older than what the
   * stream keeps, also mid-stream when a slow reader falls behind the trimming, and
   * INVALID_CURSOR when `after` is not an event id.
   */
  watch(taskId: string, options?: WatchOptions): AsyncIterable<TaskEvent>;

  /** Calls `listener` when the task is canceled from any instance. Returns the unsubscribe. */
  onCancel(taskId: string, listener: () => void): () => void;

  /**
   * Records that `messageId` was delivered to the task. false when it had been delivered
   * before: the caller returns the task instead of running the work again. Throws
   * TaskStoreError NOT_FOUND when the task does not exist.
   */
  claimMessage(taskId: string, messageId: string): Promise<boolean>;

  /**
   * Fails every task whose deadline is at or before `now` (default: the store's clock) through
   * the transition path, with an agent status message `Task exceeded its deadline of <timeoutMs>
   * ms`; returns the tasks it failed, as the failure left them (so that their executors' clean-up
   * can run on the instance that reaped them).
   */
  reapExpired(now?: number): Promise<TaskRecord[]>;

  /** Releases connections and timers. */
  close(): Promise<void>;
}

export type TaskStoreErrorCode =
  | 'NOT_FOUND'
  | 'TERMINAL'
  | 'ILLEGAL_TRANSITION'
  | 'VERSION_CONFLICT'
  | 'TRIMMED'
  | 'UNAVAILABLE'
  /** create() with the id of an existing task. */
  | 'ALREADY_EXISTS'
  /** A list pageToken or an event id that the store did not issue. */
  | 'INVALID_CURSOR';

/** A refusal by the store. `retryable` errors (UNAVAILABLE) may succeed later. */
export class TaskStoreError extends Error {
  constructor(
    readonly code: TaskStoreErrorCode,
    message: string,
    readonly details: { taskId?: string; state?: TaskState; version?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TaskStoreError';
  }

  get retryable(): boolean {
    return this.code === 'UNAVAILABLE';
  }
}
