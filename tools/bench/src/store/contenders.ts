import type { Artifact, Task, TaskStatus } from '@a2a-platform/a2a-protocol';
import { RedisTaskStore, type TaskScope } from '@a2a-platform/task-store';
import type { Redis } from 'ioredis';
import { ReadModifyWriteTaskStore } from './rmw-task-store.js';

/** What the store benchmark drives: ours and the baseline behind one face. */
export interface Contender {
  readonly label: string;
  create(task: Task): Promise<void>;
  /** `lane` picks the connection (one store instance per connection). */
  appendArtifact(lane: number, taskId: string, artifact: Artifact): Promise<void>;
  transition(lane: number, taskId: string, status: TaskStatus): Promise<void>;
  /** What the store kept of the task: artifacts and history messages. */
  read(taskId: string): Promise<{ artifacts: number; history: number } | undefined>;
  close(): Promise<void>;
}

const SCOPE: TaskScope = { tenant: 'bench', owner: 'bench' };

/** Our RedisTaskStore, one instance per connection (as several service instances would be). */
export function ourContender(clients: readonly Redis[], prefix: string): Contender {
  const stores = clients.map((client) => new RedisTaskStore({ client, prefix }));
  return {
    label: 'RedisTaskStore (ours, one Lua script per change)',
    async create(task) {
      await stores[0].create({ task, scope: SCOPE });
    },
    async appendArtifact(lane, taskId, artifact) {
      await stores[lane].appendArtifact(taskId, SCOPE, { artifact });
    },
    async transition(lane, taskId, status) {
      await stores[lane].transition(taskId, SCOPE, { status });
    },
    async read(taskId) {
      const record = await stores[0].get(taskId, SCOPE);
      return (
        record && { artifacts: record.task.artifacts?.length ?? 0, history: record.task.history?.length ?? 0 }
      );
    },
    async close() {
      await Promise.all(stores.map((store) => store.close()));
    },
  };
}

/** The read-modify-write baseline, one instance per connection. */
export function baselineContender(clients: readonly Redis[], prefix: string): Contender {
  const stores = clients.map((client) => new ReadModifyWriteTaskStore(client, prefix));
  return {
    label: 'read-modify-write baseline (GET, change in JS, MULTI SET/XADD/PUBLISH)',
    create: (task) => stores[0].create(task),
    appendArtifact: (lane, taskId, artifact) => stores[lane].appendArtifact(taskId, artifact),
    transition: (lane, taskId, status) => stores[lane].transition(taskId, status),
    async read(taskId) {
      const task = await stores[0].get(taskId);
      return task && { artifacts: task.artifacts?.length ?? 0, history: task.history?.length ?? 0 };
    },
    close: async () => undefined,
  };
}
