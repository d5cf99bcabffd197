import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { isTerminalState, type AgentCard, type Task, type TaskState } from '@a2a-platform/a2a-protocol';
import { TaskStoreError } from '@a2a-platform/task-store';
import { platformMetrics, runInContext, TelemetryAttributes as A } from '@a2a-platform/telemetry';

/** Span attribute naming the skill a task serves (no semantic convention exists for it). */
export const SKILL_ATTRIBUTE = 'a2a.skill.id';

/** `skill` label of tasks on an agent whose card lists no skill. */
export const UNKNOWN_SKILL = 'unknown';

/** What one executor run is known by. */
export interface ExecutionSpanAttributes {
  taskId: string;
  contextId: string;
  skill: string;
  resumed: boolean;
}

/** Runs telemetry-only work; a failure there must never fail the task. */
function quietly(work: () => void): void {
  try {
    work();
  } catch {
    // Metrics and spans are best effort.
  }
}

/**
 * The task-level telemetry of one agent: the `skill` label of its metrics, the task counters and
 * duration, store failures, and the span and trace context executors run in.
 */
export class TaskTelemetry {
  readonly agentName: string;
  private readonly skillIds: ReadonlySet<string>;
  private readonly defaultSkill: string;

  constructor(card: AgentCard) {
    this.agentName = card.name;
    this.skillIds = new Set(card.skills.map((s) => s.id));
    this.defaultSkill = card.skills[0]?.id ?? UNKNOWN_SKILL;
  }

  /**
   * The skill a task serves, for metric labels and the execution span: `metadata.skill` of the request
   * that created the task (stored as the task's metadata), else of the message that created it, when it
   * names a skill of this agent's card; otherwise the card's first skill ({@link UNKNOWN_SKILL} when the
   * card has none). Values not on the card are ignored so that clients cannot grow the label set. Taken
   * from the task, so the started and finished counts of a task always carry the same label.
   */
  skillOf(task: Task): string {
    for (const m of [task.metadata, task.history?.[0]?.metadata]) {
      const skill = m?.['skill'];
      if (typeof skill === 'string' && this.skillIds.has(skill)) return skill;
    }
    return this.defaultSkill;
  }

  /** Counts a newly created task. */
  taskStarted(skill: string): void {
    quietly(() => platformMetrics().tasksStarted.add(1, { skill }));
  }

  /** Counts a task that reached `state` (terminal states only) and records its age. */
  taskFinished(state: TaskState | undefined, skill: string, createdAt: number): void {
    if (state === undefined || !isTerminalState(state)) return;
    quietly(() => {
      const metrics = platformMetrics();
      metrics.tasksFinished.add(1, { state, skill });
      metrics.taskDuration.record(Math.max(0, Date.now() - createdAt) / 1000, { state, skill });
    });
  }

  /** Counts a task store failure by its code (other errors are not the store's). */
  storeError(err: unknown): void {
    if (err instanceof TaskStoreError) {
      quietly(() => platformMetrics().taskStoreErrors.add(1, { code: err.code }));
    }
  }

  /**
   * Runs background work for `taskId` in the trace context and task scope of the moment this is called
   * (the request that started the task), so its spans join that trace and its log lines carry the
   * trace and task ids after the request has returned.
   */
  detached<T>(taskId: string, fn: () => Promise<T>): Promise<T> {
    let called = false;
    const once = () => {
      called = true;
      return fn();
    };
    try {
      return runInContext({ otel: context.active(), taskId }, once);
    } catch (err) {
      if (called) throw err;
      return fn();
    }
  }

  /**
   * Runs one executor run in the context it was started in (see {@link TaskTelemetry.detached}): the
   * span of the A2A call that started it, so the executor's own calls (MCP tools, other agents) hang
   * under that call, in its trace, also after the call returned. No span of its own: one span per call
   * is what tracing every request can afford. `fn` gets the call's span while it is still open (a
   * blocking call), to report the outcome with {@link TaskTelemetry.executionFailed} and
   * {@link TaskTelemetry.executionEnded}; undefined once the call has answered.
   */
  traceExecution<T>(attrs: ExecutionSpanAttributes, fn: (span: Span | undefined) => Promise<T>): Promise<T> {
    let span: Span | undefined;
    quietly(() => {
      const active = trace.getActiveSpan();
      if (!active?.isRecording()) return;
      active.setAttribute(SKILL_ATTRIBUTE, attrs.skill);
      span = active;
    });
    return fn(span);
  }

  /** Records an exception the executor threw on the call's span, while it is open. */
  executionFailed(span: Span | undefined, err: unknown): void {
    if (!span?.isRecording()) return;
    quietly(() => {
      const error = err instanceof Error ? err : new Error(String(err));
      span.recordException(error);
      span.setAttribute(A.errorType, error.name || 'Error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    });
  }

  /**
   * Records the state the run left the task in on the call's span, while it is open. A failed task is
   * an answer, not a failed call: the span's status says whether the call failed, and an exception the
   * executor threw is recorded by {@link TaskTelemetry.executionFailed}.
   */
  executionEnded(span: Span | undefined, state: TaskState | undefined): void {
    if (!span?.isRecording() || state === undefined) return;
    quietly(() => span.setAttribute(A.a2aTaskState, state));
  }
}
