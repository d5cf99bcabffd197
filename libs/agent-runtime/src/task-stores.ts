import {
  MemoryPushConfigStore,
  MemoryTaskStore,
  type PushConfigStore,
  type TaskStore,
} from '@a2a-platform/task-store';
import type { DependencyCheck } from '@a2a-platform/service-kit';
import type { AgentEnv } from './agent-env.js';

export interface TaskStores {
  kind: 'memory' | 'redis';
  tasks: TaskStore;
  pushConfigs: PushConfigStore;
  checks: DependencyCheck[];
  close(): Promise<void>;
}

/** The stores an agent uses: Redis when configured (TASK_STORE or REDIS_URL), else memory. */
export async function openTaskStores(env: AgentEnv): Promise<TaskStores> {
  const kind = env.TASK_STORE ?? (env.REDIS_URL || env.REDIS_CLUSTER_NODES ? 'redis' : 'memory');
  if (kind === 'redis') {
    throw new Error('TASK_STORE=redis: the Redis task store is not wired into the agents yet');
  }
  const tasks = new MemoryTaskStore();
  return { kind, tasks, pushConfigs: new MemoryPushConfigStore(), checks: [], close: () => tasks.close() };
}
