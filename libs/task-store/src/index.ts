export { TaskStoreError } from './task-store.js';
export type {
  TaskStore,
  TaskScope,
  TaskRecord,
  TaskEvent,
  CreateTaskInput,
  CreateTaskResult,
  TransitionInput,
  AppendArtifactInput,
  ChangeResult,
  ListTasksQuery,
  ListTasksPage,
  ReadEventsResult,
  WatchOptions,
  TaskStoreErrorCode,
} from './task-store.js';
export type { PushConfigStore } from './push-config-store.js';
export { MemoryTaskStore } from './memory/memory-task-store.js';
export type { MemoryTaskStoreOptions } from './memory/memory-task-store.js';
export { MemoryPushConfigStore } from './memory/memory-push-config-store.js';
export { RedisTaskStore } from './redis/redis-task-store.js';
export type { RedisTaskStoreOptions, ReaperOptions } from './redis/redis-task-store.js';
export type { RedisTaskInspection } from './redis/redis-task-store.js';
export { RedisPushConfigStore } from './redis/redis-push-config-store.js';
export type { RedisPushConfigStoreOptions } from './redis/redis-push-config-store.js';
export { redisClientOptions } from './redis/redis-client-options.js';
export type { RedisClientTuning } from './redis/redis-client-options.js';
export { redisClusterClient } from './redis/redis-cluster-client.js';
export type { RedisClusterClientOptions } from './redis/redis-cluster-client.js';
