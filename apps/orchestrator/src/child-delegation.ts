import { A2AClientError, A2ATimeoutError } from '@a2a-platform/a2a-client';
import {
  A2AError,
  isFinalForStream,
  isTerminalState,
  type Artifact,
  type Message,
  type StreamResponse,
  type TaskState,
} from '@a2a-platform/a2a-protocol';
import type { KnownAgent } from './agent-registry.js';

/** Where one turn of a child task ended: a terminal or interrupted state, with what the child produced. */
export interface ChildOutcome {
  readonly taskId: string;
  readonly contextId: string;
  readonly state: TaskState;
  /** The child's last status message: its question, its failure reason, its closing words. */
  readonly statusMessage?: Message;
  readonly artifacts: readonly Artifact[];
}

/** A failure the orchestrator reports as its own task's failure reason (not a bug in the orchestrator). */
export class WorkflowFailure extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'WorkflowFailure';
  }
}

/** Where delegation events are logged (pino and Fastify's logger fit). */
export interface DelegationLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** A logger that drops everything, for executors built without one. */
export const silentDelegationLogger: DelegationLogger = { info: () => undefined, warn: () => undefined };

/** Options of a {@link ChildDelegation}. */
export interface ChildDelegationOptions {
  /** The orchestrator task's signal: aborting it stops every child call. */
  signal: AbortSignal;
  /** Longest one turn of a child task may take (request, stream and all). */
  timeoutMs: number;
  /** Longest a CancelTask to a child may take. @defaultValue 5000 */
  cancelTimeoutMs?: number;
  /** Called with each progress text a child reports while it works. */
  onProgress(agent: KnownAgent, text: string, childTaskId: string): Promise<void>;
  /** Called when an agent could not be reached (its cached card may be stale). */
  onUnreachable?(agent: KnownAgent): void;
  /**
   * Gets one line per child turn sent, settled or failed, and per child canceled. Called inside the
   * orchestrator's execution, so the lines carry its trace and task ids. @defaultValue silent
   */
  logger?: DelegationLogger;
}

/** The text parts of a message, joined. */
export function textOf(message: Message | undefined): string {
  return (message?.parts ?? [])
    .flatMap((p) => (typeof p.text === 'string' && p.text.trim() !== '' ? [p.text.trim()] : []))
    .join(' ');
}

/** The skill a child message asks for (`metadata.skill`), for log lines. */
function skillOf(message: Message): string | undefined {
  const skill = message.metadata?.['skill'];
  return typeof skill === 'string' ? skill : undefined;
}

/** Follows one child task through the events of a stream. */
class ChildTaskView {
  taskId = '';
  contextId = '';
  state: TaskState | undefined;
  statusMessage: Message | undefined;
  private readonly artifacts = new Map<string, Artifact>();
  private lastRelayed: string | undefined;

  /** Applies an event; returns the progress text to relay, if any. */
  apply(event: StreamResponse): string | undefined {
    if ('message' in event) {
      // A direct reply instead of a task: the turn is over.
      this.taskId ||= event.message.taskId ?? '';
      this.contextId ||= event.message.contextId ?? '';
      this.state = 'TASK_STATE_COMPLETED';
      this.statusMessage = event.message;
      return undefined;
    }
    if ('artifactUpdate' in event) {
      const { artifact, append } = event.artifactUpdate;
      const existing = this.artifacts.get(artifact.artifactId);
      this.artifacts.set(
        artifact.artifactId,
        append && existing ? { ...existing, parts: [...existing.parts, ...artifact.parts] } : artifact,
      );
      return undefined;
    }
    const status = 'task' in event ? event.task.status : event.statusUpdate.status;
    if ('task' in event) {
      this.taskId = event.task.id;
      this.contextId = event.task.contextId;
      for (const artifact of event.task.artifacts ?? []) this.artifacts.set(artifact.artifactId, artifact);
    } else {
      this.taskId = event.statusUpdate.taskId;
      this.contextId = event.statusUpdate.contextId;
    }
    this.state = status.state;
    this.statusMessage = status.message;
    if (isFinalForStream(status.state) || !status.message) return undefined;
    if (status.message.messageId === this.lastRelayed) return undefined;
    this.lastRelayed = status.message.messageId;
    return textOf(status.message) || undefined;
  }

  outcome(agent: KnownAgent): ChildOutcome {
    if (this.state === undefined || !isFinalForStream(this.state)) {
      throw new WorkflowFailure(`${agent.label} stopped answering before its task settled`);
    }
    return {
      taskId: this.taskId,
      contextId: this.contextId,
      state: this.state,
      statusMessage: this.statusMessage,
      artifacts: [...this.artifacts.values()],
    };
  }
}

/** A child call that ran out of time (our own deadline, not the transport's). */
class ChildDeadline extends Error {
  constructor(readonly timeoutMs: number) {
    super(`child call exceeded ${timeoutMs} ms`);
    this.name = 'ChildDeadline';
  }
}

/**
 * The child tasks of one orchestrator execution. Each {@link send} is one turn of a child task,
 * streamed when the child's card allows it so that its progress can be relayed; child tasks that
 * have not reached a terminal state stay "open" until {@link cancelOpen} cancels them.
 */
export class ChildDelegation {
  private readonly open = new Map<string, { agent: KnownAgent; taskId: string }>();
  private readonly cancelTimeoutMs: number;
  private readonly log: DelegationLogger;

  constructor(private readonly options: ChildDelegationOptions) {
    this.cancelTimeoutMs = options.cancelTimeoutMs ?? 5_000;
    this.log = options.logger ?? silentDelegationLogger;
  }

  /**
   * Sends `message` to the agent and follows the task until it is terminal or interrupted. Failures
   * to reach the agent, its refusals and the deadline become {@link WorkflowFailure}s naming the
   * agent; an abort of the orchestrator's signal rejects with the signal's reason.
   */
  async send(agent: KnownAgent, message: Message): Promise<ChildOutcome> {
    const { signal, timeoutMs } = this.options;
    signal.throwIfAborted();
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const deadline = setTimeout(() => controller.abort(new ChildDeadline(timeoutMs)), timeoutMs);
    const view = new ChildTaskView();
    const call = { signal: controller.signal, timeoutMs, idleTimeoutMs: timeoutMs };
    const started = Date.now();
    const who = { agent: agent.label, url: agent.url, skill: skillOf(message) };
    this.log.info(
      { ...who, childTaskId: message.taskId, streaming: agent.card.capabilities.streaming === true },
      'delegating to agent',
    );
    try {
      if (agent.card.capabilities.streaming) {
        for await (const event of agent.client.sendStreamingMessage({ message }, call)) {
          const progress = view.apply(event);
          this.track(agent, view);
          if (progress) await this.options.onProgress(agent, progress, view.taskId);
        }
      } else {
        view.apply(await agent.client.sendMessage({ message }, call));
        this.track(agent, view);
      }
      const outcome = view.outcome(agent);
      this.log.info(
        { ...who, childTaskId: outcome.taskId, childState: outcome.state, durationMs: Date.now() - started },
        'child task turn ended',
      );
      return outcome;
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      const failure = this.explain(agent, controller.signal.reason ?? err, err);
      this.log.warn(
        {
          ...who,
          childTaskId: view.taskId || undefined,
          reason: failure instanceof Error ? failure.message : String(failure),
          durationMs: Date.now() - started,
        },
        'delegation failed',
      );
      throw failure;
    } finally {
      clearTimeout(deadline);
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Cancels every child task this execution started that has not ended (best effort, bounded). */
  async cancelOpen(): Promise<void> {
    const open = [...this.open.values()];
    this.open.clear();
    await Promise.all(
      open.map(({ agent, taskId }) => {
        this.log.info({ agent: agent.label, url: agent.url, childTaskId: taskId }, 'canceling child task');
        return (
          agent.client
            .cancelTask(
              { id: taskId },
              { signal: AbortSignal.timeout(this.cancelTimeoutMs), timeoutMs: this.cancelTimeoutMs },
            )
            // Already ended (TaskNotCancelable) or gone: nothing left to stop.
            .catch(() => undefined)
        );
      }),
    );
  }

  private track(agent: KnownAgent, view: ChildTaskView): void {
    if (!view.taskId) return;
    const key = `${agent.url} ${view.taskId}`;
    if (view.state !== undefined && isTerminalState(view.state)) this.open.delete(key);
    else this.open.set(key, { agent, taskId: view.taskId });
  }

  private explain(agent: KnownAgent, reason: unknown, original: unknown): unknown {
    const who = `${agent.label} (${agent.url})`;
    if (reason instanceof ChildDeadline || reason instanceof A2ATimeoutError) {
      return new WorkflowFailure(`${who} did not answer within ${reason.timeoutMs} ms`, { cause: original });
    }
    if (original instanceof A2AError) {
      return new WorkflowFailure(`${who} refused the request: ${original.message}`, { cause: original });
    }
    if (original instanceof A2AClientError) {
      this.options.onUnreachable?.(agent);
      return new WorkflowFailure(`${who} could not be reached: ${original.message}`, { cause: original });
    }
    return original;
  }
}
