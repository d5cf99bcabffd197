import type { Span } from '@opentelemetry/api';
import type { Message, SendMessageConfiguration, TaskState } from '@a2a-platform/a2a-protocol';
import { isFinalForStream, isInterruptedState, isTerminalState } from '@a2a-platform/a2a-protocol';
import { TaskStoreError, type TaskRecord, type TaskStore } from '@a2a-platform/task-store';
import type { TaskTelemetry } from '../telemetry/task-telemetry.js';
import type { AgentExecutor, ExecutionContext } from './executor.js';
import type { ServerLogger } from './logger.js';
import { StoreTaskUpdater } from './task-updater.js';

/** Why an execution's signal was aborted. */
export type AbortCause = 'canceled' | 'deadline' | 'shutdown';

export class ExecutionAborted extends Error {
  constructor(override readonly cause: AbortCause) {
    super(`execution aborted: ${cause}`);
    this.name = 'ExecutionAborted';
  }
}

export interface StartExecution {
  record: TaskRecord;
  message: Message;
  resumed: boolean;
  configuration?: SendMessageConfiguration;
  metadata?: Record<string, unknown>;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Runs executors in the background of this instance. It wires each execution's AbortSignal to
 * the store's cancel signal (a cancel on any instance reaches it) and to the task's deadline,
 * and ends the task when the executor returns or throws without ending it. Each run stays in the
 * context of the call that started it (its `A2A {method}` span, so the executor's own calls join
 * that trace, also after the call has answered), with the task id in scope for log lines; the
 * runner logs and counts the runs it starts and the states they end in.
 */
export class ExecutionRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: TaskStore,
    private readonly executor: AgentExecutor,
    private readonly log: ServerLogger,
    private readonly telemetry: TaskTelemetry,
  ) {}

  /** Number of executions in progress on this instance. */
  get size(): number {
    return this.running.size;
  }

  /**
   * Starts the executor in the background. The promise returned resolves when its turn ends: with the
   * task once the executor has written a terminal or interrupted state; without it when the task is
   * canceled or its deadline passes, or when the run is over (whatever its outcome; it never rejects).
   * A blocking send waits for it instead of watching the store.
   */
  start(input: StartExecution): Promise<TaskRecord | undefined> {
    const { task } = input.record;
    const skill = this.telemetry.skillOf(task);
    if (!input.resumed) this.telemetry.taskStarted(skill);
    const controller = new AbortController();
    let endTurn!: (task?: TaskRecord) => void;
    const turn = new Promise<TaskRecord | undefined>((resolve) => (endTurn = resolve));
    const done = this.telemetry
      .detached(task.id, () => this.run(input, controller, skill, endTurn))
      .finally(() => {
        endTurn();
        if (this.running.get(task.id)?.controller === controller) this.running.delete(task.id);
      });
    this.running.set(task.id, { controller, done });
    return turn;
  }

  private async run(
    input: StartExecution,
    controller: AbortController,
    skill: string,
    endTurn: (task?: TaskRecord) => void,
  ): Promise<void> {
    const { task } = input.record;
    const attrs = { taskId: task.id, contextId: task.contextId, skill, resumed: input.resumed };
    await this.telemetry.traceExecution(attrs, async (span) => {
      this.log.info({ taskId: task.id, skill, resumed: input.resumed }, 'execution started');
      const written = await this.execute(input, controller, span, endTurn);
      const state = await this.finalState(input.record, written);
      this.telemetry.executionEnded(span, state);
      this.telemetry.taskFinished(state, skill, input.record.createdAt);
      this.log.info({ taskId: task.id, skill, state }, 'execution ended');
    });
  }

  /** One executor run, ended the way the class comment describes; returns the updater's last state. */
  private async execute(
    input: StartExecution,
    controller: AbortController,
    span: Span | undefined,
    endTurn: (task?: TaskRecord) => void,
  ): Promise<TaskState | undefined> {
    const { task, scope, deadlineAt } = input.record;
    const updater = new StoreTaskUpdater(this.store, scope, task.id, task.contextId, endTurn);
    const context: ExecutionContext = {
      taskId: task.id,
      contextId: task.contextId,
      message: input.message,
      task,
      resumed: input.resumed,
      scope,
      configuration: input.configuration,
      metadata: input.metadata,
      signal: controller.signal,
    };
    const offCancel = this.store.onCancel(task.id, () => {
      controller.abort(new ExecutionAborted('canceled'));
      endTurn();
    });
    let deadlineTimer: NodeJS.Timeout | undefined;
    if (deadlineAt !== undefined) {
      deadlineTimer = setTimeout(
        () => {
          controller.abort(new ExecutionAborted('deadline'));
          endTurn();
        },
        Math.max(0, deadlineAt - Date.now()),
      );
      deadlineTimer.unref();
    }

    try {
      await this.executor.execute(context, updater);
      if (
        !controller.signal.aborted &&
        (updater.lastState === undefined || !isFinalForStream(updater.lastState))
      ) {
        await updater.fail('The agent stopped without completing the task');
      }
    } catch (err) {
      const endedElsewhere = err instanceof TaskStoreError && err.code === 'TERMINAL';
      if (!controller.signal.aborted && !endedElsewhere) this.telemetry.executionFailed(span, err);
      await this.handleFailure(err, context, updater, controller.signal);
    } finally {
      offCancel();
      if (deadlineTimer) clearTimeout(deadlineTimer);
    }
    if (controller.signal.aborted) await this.afterAbort(context, updater, controller.signal.reason);
    return updater.lastState;
  }

  /**
   * The state the run left its task in: the last one the updater wrote when that ended the executor's
   * turn, else (canceled, ended elsewhere, failed to write) the store's; undefined when unreadable.
   */
  private async finalState(
    record: TaskRecord,
    written: TaskState | undefined,
  ): Promise<TaskState | undefined> {
    if (written !== undefined && (isTerminalState(written) || isInterruptedState(written))) return written;
    const current = await this.store.get(record.task.id, record.scope).catch(() => undefined);
    return current?.task.status.state ?? written;
  }

  private async handleFailure(
    err: unknown,
    context: ExecutionContext,
    updater: StoreTaskUpdater,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) {
      this.log.debug({ taskId: context.taskId, err }, 'executor stopped after abort');
      return;
    }
    this.telemetry.storeError(err);
    if (err instanceof TaskStoreError && err.code === 'TERMINAL') {
      this.log.info({ taskId: context.taskId }, 'task ended elsewhere while its executor ran');
      return;
    }
    this.log.error({ taskId: context.taskId, err }, 'executor failed');
    const reason = err instanceof Error ? err.message : String(err);
    await this.endQuietly(updater, `The agent failed: ${reason}`);
  }

  /**
   * A task canceled while interrupted has no execution to abort. The executor's `onCanceled`
   * hook still runs (in the background), with the canceled task, so that it can release what
   * the paused task holds, such as delegated child tasks.
   */
  canceledWhilePaused(record: TaskRecord): void {
    this.endedWithoutExecution(record, 'canceled', this.executor.onCanceled);
  }

  /**
   * Tasks the reaper failed at their deadline. Those running here end (and are counted) through their
   * own deadline timer; the others (paused, or left by an instance that died) are counted as finished
   * here, and the executor's `onExpired` hook runs for them. (A task still running on another live
   * instance is counted there too: its deadline timer fires at the same time.)
   */
  expired(records: readonly TaskRecord[]): void {
    for (const record of records) {
      if (this.running.has(record.task.id)) continue;
      const { task, createdAt } = record;
      this.telemetry.taskFinished(task.status.state, this.telemetry.skillOf(task), createdAt);
      this.endedWithoutExecution(record, 'deadline', this.executor.onExpired);
    }
  }

  /** Runs a clean-up hook, in the background, for a task that ended with no execution of it here. */
  private endedWithoutExecution(
    record: TaskRecord,
    cause: AbortCause,
    hook: AgentExecutor['onCanceled'] | undefined,
  ): void {
    if (!hook) return;
    const { task, scope } = record;
    const lastUserMessage = [...(task.history ?? [])].reverse().find((m) => m.role === 'ROLE_USER');
    if (!lastUserMessage) return;
    const context: ExecutionContext = {
      taskId: task.id,
      contextId: task.contextId,
      message: lastUserMessage,
      task,
      resumed: false,
      scope,
      signal: AbortSignal.abort(new ExecutionAborted(cause)),
    };
    void hook.call(this.executor, context).catch((err: unknown) => {
      this.log.warn({ taskId: task.id, err, cause }, 'clean-up hook failed');
    });
  }

  private async afterAbort(
    context: ExecutionContext,
    updater: StoreTaskUpdater,
    reason: unknown,
  ): Promise<void> {
    const cause = reason instanceof ExecutionAborted ? reason.cause : 'shutdown';
    if (cause === 'canceled') {
      await this.executor.onCanceled?.(context).catch((err: unknown) => {
        this.log.warn({ taskId: context.taskId, err }, 'onCanceled hook failed');
      });
      return;
    }
    const current = await this.store.get(context.taskId, context.scope).catch(() => undefined);
    if (!current || isTerminalState(current.task.status.state)) return;
    const text =
      cause === 'deadline'
        ? `Task exceeded its deadline of ${(current.deadlineAt ?? 0) - current.createdAt} ms`
        : 'The agent instance stopped before the task finished';
    await this.endQuietly(updater, text);
  }

  private async endQuietly(updater: StoreTaskUpdater, text: string): Promise<void> {
    try {
      await updater.fail(text);
    } catch (err) {
      if (!(err instanceof TaskStoreError))
        this.log.warn({ taskId: updater.taskId, err }, 'could not fail the task');
    }
  }

  /**
   * Waits for running executions to finish; after `timeoutMs` aborts the rest, which fails
   * their tasks so that no task is left working on a stopped instance.
   */
  async drain(timeoutMs: number): Promise<void> {
    const all = () => Promise.allSettled([...this.running.values()].map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    if (timer) clearTimeout(timer);
    if (!timedOut) return;
    for (const r of this.running.values()) r.controller.abort(new ExecutionAborted('shutdown'));
    await all();
  }
}
