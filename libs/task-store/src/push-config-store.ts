import type { TaskPushNotificationConfig } from '@a2a-platform/a2a-protocol';

/**
 * Push-notification configs of tasks. The server checks that the task exists in the caller's
 * scope before it calls this store, so configs are keyed by task id alone.
 */
export interface PushConfigStore {
  /** Creates or replaces a config; assigns an id when the config has none. */
  set(taskId: string, config: TaskPushNotificationConfig): Promise<TaskPushNotificationConfig>;
  get(taskId: string, configId: string): Promise<TaskPushNotificationConfig | undefined>;
  list(taskId: string): Promise<TaskPushNotificationConfig[]>;
  /** false when there was no such config. */
  delete(taskId: string, configId: string): Promise<boolean>;
}
