import { randomUUID } from 'node:crypto';
import { isFinalForStream, type TaskState } from '@a2a-platform/a2a-protocol';
import type { TaskRecord, TaskScope, TaskStore } from '@a2a-platform/task-store';
import { toAgentMessage } from './agent-message.js';
import type { ArtifactChunkOptions, StatusContent, TaskUpdater } from './executor.js';

/** The TaskUpdater that writes straight to the task store. */
export class StoreTaskUpdater implements TaskUpdater {
  /** The last state this updater wrote, so the runner knows whether the executor ended the task. */
  lastState: TaskState | undefined;

  constructor(
    private readonly store: TaskStore,
    private readonly scope: TaskScope,
    readonly taskId: string,
    readonly contextId: string,
    /** Called with the task once a written state ends the executor's turn (terminal or interrupted). */
    private readonly onTurnEnd: (task: TaskRecord | undefined) => void = () => undefined,
  ) {}

  async status(state: TaskState, content?: StatusContent, metadata?: Record<string, unknown>): Promise<void> {
    const message = content === undefined ? undefined : toAgentMessage(content, this.taskId, this.contextId);
    const endsTurn = isFinalForStream(state);
    const { record } = await this.store.transition(this.taskId, this.scope, {
      status: { state, message, timestamp: new Date().toISOString() },
      eventMetadata: metadata,
      // A blocking send answers with this task: read it in the same step as the write.
      returnRecord: endsTurn,
    });
    this.lastState = state;
    if (endsTurn) this.onTurnEnd(record);
  }

  working(content?: StatusContent): Promise<void> {
    return this.status('TASK_STATE_WORKING', content);
  }

  async artifact(
    artifact: Parameters<TaskUpdater['artifact']>[0],
    opts: ArtifactChunkOptions = {},
  ): Promise<string> {
    const artifactId = artifact.artifactId ?? randomUUID();
    await this.store.appendArtifact(this.taskId, this.scope, {
      artifact: { ...artifact, artifactId },
      append: opts.append,
      lastChunk: opts.lastChunk,
    });
    return artifactId;
  }

  requireInput(content: StatusContent): Promise<void> {
    return this.status('TASK_STATE_INPUT_REQUIRED', content);
  }

  requireAuth(content: StatusContent): Promise<void> {
    return this.status('TASK_STATE_AUTH_REQUIRED', content);
  }

  complete(content?: StatusContent): Promise<void> {
    return this.status('TASK_STATE_COMPLETED', content);
  }

  fail(content: StatusContent): Promise<void> {
    return this.status('TASK_STATE_FAILED', content);
  }

  reject(content: StatusContent): Promise<void> {
    return this.status('TASK_STATE_REJECTED', content);
  }
}
