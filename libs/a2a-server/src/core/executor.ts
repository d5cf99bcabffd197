import type {
  Artifact,
  Message,
  Part,
  SendMessageConfiguration,
  Task,
  TaskState,
} from '@a2a-platform/a2a-protocol';
import type { TaskScope } from '@a2a-platform/task-store';

/** What an executor knows about the work it is asked to do. */
export interface ExecutionContext {
  readonly taskId: string;
  readonly contextId: string;
  /** The user message that started or resumed the task. */
  readonly message: Message;
  /** The task as it was when execution started (history includes `message`). */
  readonly task: Task;
  /** true when the message answers an interrupted task (input-required, auth-required). */
  readonly resumed: boolean;
  readonly scope: TaskScope;
  readonly configuration?: SendMessageConfiguration;
  /** Request metadata from SendMessageRequest.metadata. */
  readonly metadata?: Record<string, unknown>;
  /** Aborted when the task is canceled (from any instance), times out, or the server stops. */
  readonly signal: AbortSignal;
}

/** Status content: a plain string becomes one text part in an agent message. */
export type StatusContent = string | Part[] | Message;

export interface ArtifactChunkOptions {
  /** Append the parts to the artifact already sent under the same id. */
  append?: boolean;
  /** Marks the last chunk of a streamed artifact. */
  lastChunk?: boolean;
}

/**
 * The executor's only way to change its task. Each call is one atomic store change, published
 * to every stream of the task. Calls after the task has ended reject with a TaskStoreError.
 */
export interface TaskUpdater {
  readonly taskId: string;
  readonly contextId: string;
  working(content?: StatusContent): Promise<void>;
  /** Adds an artifact (a missing artifactId is generated). Returns the artifact id. */
  artifact(
    artifact: Omit<Artifact, 'artifactId'> & { artifactId?: string },
    opts?: ArtifactChunkOptions,
  ): Promise<string>;
  /** Interrupts the task until the client answers in the same task. */
  requireInput(content: StatusContent): Promise<void>;
  requireAuth(content: StatusContent): Promise<void>;
  complete(content?: StatusContent): Promise<void>;
  fail(content: StatusContent): Promise<void>;
  reject(content: StatusContent): Promise<void>;
  /** Any state, for what the helpers above don't cover. */
  status(state: TaskState, content?: StatusContent, metadata?: Record<string, unknown>): Promise<void>;
}

/**
 * The agent's logic. `execute` runs once per message; it ends the task (complete, fail, reject)
 * or interrupts it (requireInput, requireAuth) through the updater. If it returns without
 * doing either, the task fails; if it throws, the task fails with the error's message.
 */
export interface AgentExecutor {
  execute(context: ExecutionContext, updater: TaskUpdater): Promise<void>;
  /**
   * Optional clean-up when the task is canceled: after the running execution's signal aborted,
   * or, for a task canceled while it waited for input (nothing running), with the canceled task
   * and an already aborted signal. It may run on any instance.
   */
  onCanceled?(context: ExecutionContext): Promise<void>;
  /**
   * Optional clean-up when the reaper failed the task at its deadline while no execution of it ran on
   * the instance that reaped it: the task was waiting for input, or the instance running it died.
   * Called with the failed task and an already aborted signal, on that instance.
   */
  onExpired?(context: ExecutionContext): Promise<void>;
}
