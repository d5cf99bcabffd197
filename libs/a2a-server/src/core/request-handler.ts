import { randomUUID } from 'node:crypto';
import {
  A2AError,
  A2AErrors,
  A2A_ERRORS,
  isFinalForStream,
  isInterruptedState,
  isTerminalState,
  type AgentCard,
  type CancelTaskRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTaskPushNotificationConfigsResponse,
  type ListTasksRequest,
  type ListTasksResponse,
  type SendMessageRequest,
  type SendMessageResponse,
  type StreamResponse,
  type SubscribeToTaskRequest,
  type Task,
  type TaskPushNotificationConfig,
  type TaskState,
} from '@a2a-platform/a2a-protocol';
import {
  TaskStoreError,
  type PushConfigStore,
  type TaskRecord,
  type TaskScope,
  type TaskStore,
} from '@a2a-platform/task-store';
import { ExecutionRunner } from './execution-runner.js';
import type { AgentExecutor } from './executor.js';
import { withHistoryLength, withoutArtifacts } from './history.js';
import { silentLogger, type ServerLogger } from './logger.js';
import { storeUnavailableError } from './store-unavailable.js';
import { TaskTelemetry } from '../telemetry/task-telemetry.js';

/** Per-call context the transport layer supplies. */
export interface CallContext {
  readonly scope: TaskScope;
  /** Aborted when the client goes away; ends streams and blocking waits. */
  readonly signal?: AbortSignal;
}

/** One event of an SSE stream; `id` is the store's event id (absent on the first snapshot of a new task). */
export interface StreamItem {
  readonly id?: string;
  readonly event: StreamResponse;
}

export interface A2ARequestHandlerOptions {
  card: AgentCard;
  executor: AgentExecutor;
  store: TaskStore;
  /** Required when the card advertises push notifications. */
  pushConfigs?: PushConfigStore;
  /** Served by GetExtendedAgentCard; absent means not configured. */
  extendedCard?: (scope: TaskScope) => Promise<AgentCard> | AgentCard;
  /** Deadline of a new task. @defaultValue 300000 */
  taskTimeoutMs?: number;
  logger?: ServerLogger;
}

function stateOf(event: StreamResponse): TaskState | undefined {
  if ('statusUpdate' in event) return event.statusUpdate.status.state;
  if ('task' in event) return event.task.status.state;
  return undefined;
}

/**
 * The A2A v1.0 operations, independent of any HTTP framework or wire version. Parameters are
 * already validated v1.0 objects; failures are thrown as {@link A2AError}.
 */
export class A2ARequestHandler {
  readonly card: AgentCard;
  private readonly store: TaskStore;
  private readonly runner: ExecutionRunner;
  private readonly taskTimeoutMs: number;
  private readonly telemetry: TaskTelemetry;

  constructor(private readonly options: A2ARequestHandlerOptions) {
    this.card = options.card;
    this.store = options.store;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 300_000;
    this.telemetry = new TaskTelemetry(options.card);
    this.runner = new ExecutionRunner(
      options.store,
      options.executor,
      options.logger ?? silentLogger,
      this.telemetry,
    );
  }

  /** Executions in progress on this instance. */
  get activeExecutions(): number {
    return this.runner.size;
  }

  async sendMessage(req: SendMessageRequest, ctx: CallContext): Promise<SendMessageResponse> {
    const { record, turn } = await this.startOrResume(req, ctx);
    const historyLength = req.configuration?.historyLength;
    if (req.configuration?.returnImmediately || isFinalForStream(record.task.status.state)) {
      return { task: withHistoryLength(record.task, historyLength) };
    }
    return { task: withHistoryLength((await this.untilTurnEnds(record, turn, ctx)).task, historyLength) };
  }

  async *sendStreamingMessage(req: SendMessageRequest, ctx: CallContext): AsyncGenerator<StreamItem> {
    this.requireStreaming();
    const { record } = await this.startOrResume(req, ctx);
    yield* this.snapshotThenFollow(record, req.configuration?.historyLength, ctx.signal);
  }

  async getTask(req: GetTaskRequest, ctx: CallContext): Promise<Task> {
    const record = await this.mustGet(req.id, ctx.scope);
    return withHistoryLength(record.task, req.historyLength);
  }

  async listTasks(req: ListTasksRequest, ctx: CallContext): Promise<ListTasksResponse> {
    const pageSize = req.pageSize ?? 50;
    const page = await this.storeCall(() =>
      this.store.list(ctx.scope, {
        contextId: req.contextId,
        status: req.status,
        pageSize,
        pageToken: req.pageToken,
        statusTimestampAfter: req.statusTimestampAfter,
      }),
    );
    const tasks = page.tasks.map((t) => {
      const trimmed = withHistoryLength(t, req.historyLength);
      return req.includeArtifacts ? trimmed : withoutArtifacts(trimmed);
    });
    return { tasks, nextPageToken: page.nextPageToken, pageSize, totalSize: page.totalSize };
  }

  async cancelTask(req: CancelTaskRequest, ctx: CallContext): Promise<Task> {
    const record = await this.mustGet(req.id, ctx.scope);
    if (isTerminalState(record.task.status.state)) {
      throw A2AErrors.taskNotCancelable(req.id, record.task.status.state);
    }
    await this.storeCall(() => this.store.cancel(req.id, ctx.scope), req.id);
    // An ended task never changes again: this read is the canceled task.
    const canceled = await this.mustGet(req.id, ctx.scope);
    // An interrupted task has no execution that would see it end: count it and tell the executor here.
    if (isInterruptedState(record.task.status.state)) {
      const skill = this.telemetry.skillOf(record.task);
      this.telemetry.taskFinished(canceled.task.status.state, skill, record.createdAt);
      this.runner.canceledWhilePaused(canceled);
    }
    return canceled.task;
  }

  /**
   * The task's current snapshot, then its events until it ends or is interrupted. With
   * `lastEventId` (an SSE reconnect), the events after that id instead, or a fresh snapshot when
   * they are no longer kept.
   */
  async *subscribeToTask(
    req: SubscribeToTaskRequest,
    ctx: CallContext,
    lastEventId?: string,
  ): AsyncGenerator<StreamItem> {
    this.requireStreaming();
    const record = await this.mustGet(req.id, ctx.scope);
    if (isTerminalState(record.task.status.state) && !lastEventId) {
      throw A2AErrors.unsupportedOperation(
        `Task ${req.id} has ended (${record.task.status.state}); read it with GetTask`,
      );
    }
    if (lastEventId) {
      const replay = await this.storeCall(() => this.store.readEvents(req.id, lastEventId), req.id);
      if (!replay.trimmed) {
        // Nothing was missed and nothing more will come: watching would wait forever.
        if (replay.events.length === 0 && isFinalForStream(record.task.status.state)) {
          yield this.snapshot(record, undefined);
          return;
        }
        yield* this.follow(req.id, lastEventId, ctx.signal);
        return;
      }
    }
    yield* this.snapshotThenFollow(record, undefined, ctx.signal);
  }

  /**
   * The task's snapshot, then its events until it ends or is interrupted. A stream may stay open for
   * hours: once the snapshot is out, nothing keeps the task alive while the stream waits. (A plain
   * function hands the generator only the snapshot and the ids: a generator that received the record
   * kept it for its whole life, about 1 KB more per idle SSE stream in the fan-out benchmark.)
   */
  private snapshotThenFollow(
    record: TaskRecord,
    historyLength: number | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamItem> {
    const after = isFinalForStream(record.task.status.state) ? undefined : record.lastEventId;
    return this.firstThenFollow(this.snapshot(record, historyLength), record.task.id, after, signal);
  }

  private async *firstThenFollow(
    first: StreamItem,
    taskId: string,
    after: string | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamItem> {
    yield first;
    if (after !== undefined) yield* this.follow(taskId, after, signal);
  }

  async createPushConfig(config: TaskPushNotificationConfig & { taskId: string }, ctx: CallContext) {
    const store = this.requirePush();
    await this.mustGet(config.taskId, ctx.scope);
    return store.set(config.taskId, config);
  }

  async getPushConfig(req: GetTaskPushNotificationConfigRequest, ctx: CallContext) {
    const store = this.requirePush();
    await this.mustGet(req.taskId, ctx.scope);
    const found = await store.get(req.taskId, req.id);
    if (!found) {
      throw new A2AError(
        A2A_ERRORS.TASK_NOT_FOUND,
        `Push notification config ${req.id} of task ${req.taskId} was not found`,
        {
          metadata: { taskId: req.taskId, configId: req.id },
        },
      );
    }
    return found;
  }

  async listPushConfigs(
    req: ListTaskPushNotificationConfigsRequest,
    ctx: CallContext,
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    const store = this.requirePush();
    await this.mustGet(req.taskId, ctx.scope);
    return { configs: await store.list(req.taskId), nextPageToken: '' };
  }

  async deletePushConfig(req: GetTaskPushNotificationConfigRequest, ctx: CallContext): Promise<void> {
    const store = this.requirePush();
    await this.mustGet(req.taskId, ctx.scope);
    if (!(await store.delete(req.taskId, req.id))) {
      throw new A2AError(
        A2A_ERRORS.TASK_NOT_FOUND,
        `Push notification config ${req.id} of task ${req.taskId} was not found`,
        {
          metadata: { taskId: req.taskId, configId: req.id },
        },
      );
    }
  }

  async getExtendedAgentCard(ctx: CallContext): Promise<AgentCard> {
    if (!this.options.extendedCard || !this.card.capabilities.extendedAgentCard) {
      throw A2AErrors.extendedCardNotConfigured();
    }
    return this.options.extendedCard(ctx.scope);
  }

  /**
   * Fails the tasks whose deadline has passed (see TaskStore.reapExpired), then runs the executor's
   * `onExpired` clean-up for those that no execution here was running. Every instance calls it
   * periodically; returns the tasks it failed.
   */
  async reapExpired(now?: number): Promise<TaskRecord[]> {
    const failed = await this.store.reapExpired(now);
    this.runner.expired(failed);
    return failed;
  }

  /** Lets running executions finish for up to `timeoutMs`, then aborts them. */
  drain(timeoutMs: number): Promise<void> {
    return this.runner.drain(timeoutMs);
  }

  private snapshot(record: TaskRecord, historyLength: number | undefined): StreamItem {
    const task = withHistoryLength(record.task, historyLength);
    return record.lastEventId ? { id: record.lastEventId, event: { task } } : { event: { task } };
  }

  /** Events after the record's snapshot until a terminal or interrupted state, or the signal. */
  private async *follow(
    taskId: string,
    after: string,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamItem> {
    const events = this.store.watch(taskId, { after, signal });
    try {
      for await (const { id, event } of events) {
        yield { id, event };
        const state = stateOf(event);
        if (state && isFinalForStream(state)) return;
      }
    } catch (err) {
      this.telemetry.storeError(err);
      throw this.translate(err, taskId);
    }
  }

  /**
   * The task once its executor's turn has ended (terminal or interrupted), or as it is when the caller
   * goes away. An execution started here hands over the task its last write read back, without a
   * trip through the store's events; the store is read, and its events followed, only when the turn
   * ended otherwise (canceled, a deadline whose executor has not stopped yet) or runs elsewhere.
   */
  private async untilTurnEnds(
    record: TaskRecord,
    turn: Promise<TaskRecord | undefined> | undefined,
    ctx: CallContext,
  ): Promise<TaskRecord> {
    let current = record;
    if (turn) {
      const ended = await untilSettledOrAborted(turn, ctx.signal);
      if (ended) return ended;
      current = await this.mustGet(record.task.id, ctx.scope);
      if (isFinalForStream(current.task.status.state) || ctx.signal?.aborted) return current;
    }
    for await (const item of this.follow(current.task.id, current.lastEventId, ctx.signal)) void item;
    return this.mustGet(record.task.id, ctx.scope);
  }

  private async startOrResume(req: SendMessageRequest, ctx: CallContext): Promise<Started> {
    const { message } = req;
    if (message.role !== 'ROLE_USER') {
      throw A2AErrors.invalidParams('message.role must be ROLE_USER', [
        { field: 'message.role', description: 'a client sends user messages' },
      ]);
    }
    return message.taskId ? this.resume(req, message.taskId, ctx) : this.create(req, ctx);
  }

  private async create(req: SendMessageRequest, ctx: CallContext): Promise<Started> {
    const taskId = randomUUID();
    const contextId = req.message.contextId ?? randomUUID();
    const message = { ...req.message, taskId, contextId };
    const { record, created } = await this.storeCall(() =>
      this.store.create({
        task: {
          id: taskId,
          contextId,
          status: { state: 'TASK_STATE_SUBMITTED', timestamp: new Date().toISOString() },
          history: [message],
          ...(req.metadata ? { metadata: req.metadata } : {}),
        },
        scope: ctx.scope,
        timeoutMs: this.taskTimeoutMs,
        messageId: message.messageId,
      }),
    );
    if (!created) return { record };
    const turn = this.runner.start({
      record,
      message,
      resumed: false,
      configuration: req.configuration,
      metadata: req.metadata,
    });
    return { record, turn };
  }

  private async resume(req: SendMessageRequest, taskId: string, ctx: CallContext): Promise<Started> {
    const current = await this.mustGet(taskId, ctx.scope);
    const { task } = current;
    if (req.message.contextId && req.message.contextId !== task.contextId) {
      throw A2AErrors.invalidParams(`message.contextId does not match the context of task ${taskId}`, [
        { field: 'message.contextId', description: `task ${taskId} belongs to context ${task.contextId}` },
      ]);
    }
    // A repeated messageId returns the task as it is instead of running the work again.
    if (task.history?.some((m) => m.messageId === req.message.messageId)) return { record: current };
    if (isTerminalState(task.status.state)) {
      throw A2AErrors.unsupportedOperation(
        `Task ${taskId} has ended (${task.status.state}) and accepts no more messages`,
      );
    }
    if (!isInterruptedState(task.status.state)) {
      throw A2AErrors.unsupportedOperation(
        `Task ${taskId} is ${task.status.state}; it accepts messages only while it awaits input or authorisation`,
      );
    }
    // Two copies of the same message racing: only the first claim resumes the task.
    const fresh = await this.storeCall(() => this.store.claimMessage(taskId, req.message.messageId), taskId);
    if (!fresh) return { record: current };
    const message = { ...req.message, taskId, contextId: task.contextId };
    const { record } = await this.storeCall(
      () =>
        this.store.transition(taskId, ctx.scope, {
          status: { state: 'TASK_STATE_WORKING', timestamp: new Date().toISOString() },
          appendHistory: [message],
          expectedVersion: current.version,
          returnRecord: true,
        }),
      taskId,
    );
    if (!record) throw new Error(`the store answered the resume of task ${taskId} without the task`);
    const turn = this.runner.start({
      record,
      message,
      resumed: true,
      configuration: req.configuration,
      metadata: req.metadata,
    });
    return { record, turn };
  }

  private async mustGet(taskId: string, scope: TaskScope): Promise<TaskRecord> {
    const record = await this.storeCall(() => this.store.get(taskId, scope), taskId);
    if (!record) throw A2AErrors.taskNotFound(taskId);
    return record;
  }

  private requireStreaming(): void {
    if (!this.card.capabilities.streaming) {
      throw A2AErrors.unsupportedOperation('This agent does not support streaming');
    }
  }

  private requirePush(): PushConfigStore {
    if (!this.card.capabilities.pushNotifications || !this.options.pushConfigs)
      throw A2AErrors.pushNotSupported();
    return this.options.pushConfigs;
  }

  private async storeCall<T>(fn: () => Promise<T>, taskId?: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.telemetry.storeError(err);
      throw this.translate(err, taskId);
    }
  }

  /** Maps store refusals to wire errors; anything else stays as it is (an internal error). */
  private translate(err: unknown, taskId: string | undefined): unknown {
    if (!(err instanceof TaskStoreError)) return err;
    const id = err.details.taskId ?? taskId ?? '';
    switch (err.code) {
      case 'NOT_FOUND':
        return A2AErrors.taskNotFound(id);
      case 'TERMINAL':
        return A2AErrors.unsupportedOperation(`Task ${id} has ended and cannot change`);
      case 'VERSION_CONFLICT':
        return A2AErrors.unsupportedOperation(`Task ${id} changed while this request was applied; retry`);
      case 'ILLEGAL_TRANSITION':
        return A2AErrors.unsupportedOperation(err.message);
      case 'TRIMMED':
        return A2AErrors.unsupportedOperation(`Events of task ${id} were trimmed; subscribe again`);
      case 'UNAVAILABLE':
        return storeUnavailableError(err);
      default:
        return A2AErrors.invalidParams(err.message);
    }
  }
}

/** A task a send created or resumed, with its execution's turn when this instance started one. */
interface Started {
  readonly record: TaskRecord;
  readonly turn?: Promise<TaskRecord | undefined>;
}

/** What `turn` resolves to, or undefined when `signal` aborts first. */
function untilSettledOrAborted(
  turn: Promise<TaskRecord | undefined>,
  signal: AbortSignal | undefined,
): Promise<TaskRecord | undefined> {
  if (!signal) return turn;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<TaskRecord | undefined>((resolve) => {
    const done = (task?: TaskRecord): void => {
      signal.removeEventListener('abort', onAbort);
      resolve(task);
    };
    const onAbort = (): void => done(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    void turn.then(done);
  });
}
