import {
  isLegalTransition,
  isTerminalState,
  type Artifact,
  type StreamResponse,
  type Task,
  type TaskStatus,
} from '@a2a-platform/a2a-protocol';
import type { Redis } from 'ioredis';

/** What the baseline keeps under one key: the task and its version. */
interface StoredTask {
  version: number;
  task: Task;
}

/**
 * BASELINE, not the platform's store: a Redis task store written the way one usually is at first.
 * Every change reads the task JSON (`GET`), changes it in JavaScript, and writes it back together
 * with its event and notice (`MULTI SET / XADD / PUBLISH / EXEC`): two round trips, and nothing
 * stops two writers from reading the same version and the second from overwriting the first's
 * change (a lost update). It keeps the same rules as ours otherwise: state machine checks, TTL,
 * capped event stream, a notice per change. The benchmark measures our RedisTaskStore against it.
 */
export class ReadModifyWriteTaskStore {
  private readonly channel: string;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly ttlMs = 604_800_000,
    private readonly maxEvents = 1000,
  ) {
    this.channel = `${prefix}:task-changed`;
  }

  async create(task: Task): Promise<void> {
    const stored: StoredTask = { version: 1, task };
    await this.client.set(this.key(task.id), JSON.stringify(stored), 'PX', this.ttlMs, 'NX');
  }

  async get(taskId: string): Promise<Task | undefined> {
    const json = await this.client.get(this.key(taskId));
    return json === null ? undefined : (JSON.parse(json) as StoredTask).task;
  }

  async transition(taskId: string, status: TaskStatus, metadata?: Record<string, unknown>): Promise<void> {
    const stored = await this.load(taskId);
    const { task } = stored;
    if (!isLegalTransition(task.status.state, status.state)) {
      throw new Error(`task ${taskId}: ${task.status.state} -> ${status.state} is not allowed`);
    }
    task.status = status;
    if (status.message) task.history = [...(task.history ?? []), status.message];
    await this.save(stored, { statusUpdate: { taskId, contextId: task.contextId, status, metadata } });
  }

  async appendArtifact(
    taskId: string,
    artifact: Artifact,
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    const stored = await this.load(taskId);
    const { task } = stored;
    if (isTerminalState(task.status.state)) throw new Error(`task ${taskId} has ended`);
    const artifacts = task.artifacts ?? [];
    const at = artifacts.findIndex((a) => a.artifactId === artifact.artifactId);
    if (at >= 0) artifacts[at] = artifact;
    else artifacts.push(artifact);
    task.artifacts = artifacts;
    await this.save(stored, { artifactUpdate: { taskId, contextId: task.contextId, artifact, metadata } });
  }

  private key(taskId: string): string {
    return `${this.prefix}:task:${taskId}`;
  }

  private async load(taskId: string): Promise<StoredTask> {
    const json = await this.client.get(this.key(taskId));
    if (json === null) throw new Error(`task ${taskId} not found`);
    return JSON.parse(json) as StoredTask;
  }

  private async save(stored: StoredTask, event: StreamResponse): Promise<void> {
    stored.version += 1;
    const { task } = stored;
    const results = await this.client
      .multi()
      .set(this.key(task.id), JSON.stringify(stored), 'PX', this.ttlMs)
      .xadd(`${this.key(task.id)}:ev`, 'MAXLEN', this.maxEvents, '*', 'e', JSON.stringify(event))
      .publish(this.channel, `${stored.version} ${task.status.state} ${task.id}`)
      .exec();
    const failure = results?.find(([err]) => err)?.[0];
    if (failure) throw failure;
  }
}
