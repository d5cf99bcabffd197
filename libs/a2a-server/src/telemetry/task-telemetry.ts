import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { isTerminalState, type AgentCard, type Task, type TaskState } from '@a2a-platform/a2a-protocol';
import { TaskStoreError } from '@a2a-platform/task-store';
import {
  captureContext,
  platformMetrics,
  runInContext,
  runWithTaskId,
  TelemetryAttributes as A,
} from '@a2a-platform/telemetry';

const TRACER_NAME = '@a2a-platform/a2a-server';

/** Span attribute naming the skill an execution serves (no semantic convention exists for it). */
export const SKILL_ATTRIBUTE = 'a2a.skill.id';

/** `skill` label of tasks on an agent whose card lists no skill. */
export const UNKNOWN_SKILL = 'unknown';

/** What the execution span of one executor run is known by. */
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
      const carried = captureContext();
      return runInContext(carried, () => runWithTaskId(taskId, once));
    } catch (err) {
      if (called) throw err;
      return fn();
    }
  }

  /**
   * Runs one executor run in an INTERNAL span `execute {skill}`, a child of the request's span, so the
   * executor's own calls (MCP tools, other agents) hang under it. `fn` gets the span to report the
   * outcome with {@link TaskTelemetry.executionFailed} and {@link TaskTelemetry.executionEnded}.
   */
  async traceExecution<T>(
    attrs: ExecutionSpanAttributes,
    fn: (span: Span | undefined) => Promise<T>,
  ): Promise<T> {
    let span: Span | undefined;
    try {
      span = trace.getTracer(TRACER_NAME).startSpan(`execute ${attrs.skill}`, {
        kind: SpanKind.INTERNAL,
        attributes: {
          [A.genAiAgentName]: this.agentName,
          [A.a2aTaskId]: attrs.taskId,
          [A.a2aContextId]: attrs.contextId,
          [A.genAiConversationId]: attrs.contextId,
          [SKILL_ATTRIBUTE]: attrs.skill,
          'a2a.execution.resumed': attrs.resumed,
        },
      });
    } catch {
      return fn(undefined);
    }
    const started = span;
    try {
      return await context.with(trace.setSpan(context.active(), started), () => fn(started));
    } finally {
      quietly(() => span?.end());
    }
  }

  /** Records an exception the executor threw. */
  executionFailed(span: Span | undefined, err: unknown): void {
    if (!span) return;
    quietly(() => {
      const error = err instanceof Error ? err : new Error(String(err));
      span.recordException(error);
      span.setAttribute(A.errorType, error.name || 'Error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    });
  }

  /** Records the state the task was left in; a failed task marks the span failed. */
  executionEnded(span: Span | undefined, state: TaskState | undefined): void {
    if (!span || state === undefined) return;
    quietly(() => {
      span.setAttribute(A.a2aTaskState, state);
      if (state === 'TASK_STATE_FAILED') span.setStatus({ code: SpanStatusCode.ERROR, message: state });
    });
  }
}
