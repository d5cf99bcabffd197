import type { Message, SendMessageConfiguration } from '@a2a-platform/a2a-protocol';
import { isFinalForStream, isTerminalState } from '@a2a-platform/a2a-protocol';
import { TaskStoreError, type TaskRecord, type TaskStore } from '@a2a-platform/task-store';
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
 * and ends the task when the executor returns or throws without ending it.
 */
export class ExecutionRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: TaskStore,
    private readonly executor: AgentExecutor,
    private readonly log: ServerLogger,
  ) {}

  /** Number of executions in progress on this instance. */
  get size(): number {
    return this.running.size;
  }

  start(input: StartExecution): void {
    const { task } = input.record;
    const controller = new AbortController();
    const done = this.run(input, controller).finally(() => {
      if (this.running.get(task.id)?.controller === controller) this.running.delete(task.id);
    });
    this.running.set(task.id, { controller, done });
  }

  private async run(input: StartExecution, controller: AbortController): Promise<void> {
    const { task, scope, deadlineAt } = input.record;
    const updater = new StoreTaskUpdater(this.store, scope, task.id, task.contextId);
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
    const offCancel = this.store.onCancel(task.id, () => controller.abort(new ExecutionAborted('canceled')));
    let deadlineTimer: NodeJS.Timeout | undefined;
    if (deadlineAt !== undefined) {
      deadlineTimer = setTimeout(
        () => controller.abort(new ExecutionAborted('deadline')),
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
      await this.handleFailure(err, context, updater, controller.signal);
    } finally {
      offCancel();
      if (deadlineTimer) clearTimeout(deadlineTimer);
    }
    if (controller.signal.aborted) await this.afterAbort(context, updater, controller.signal.reason);
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
    if (err instanceof TaskStoreError && err.code === 'TERMINAL') {
      this.log.info({ taskId: context.taskId }, 'task ended elsewhere while its executor ran');
      return;
    }
    this.log.error({ taskId: context.taskId, err }, 'executor failed');
    const reason = err instanceof Error ? err.message : String(err);
    await this.endQuietly(updater, `The agent failed: ${reason}`);
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
