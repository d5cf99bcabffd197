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
