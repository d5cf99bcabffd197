import { randomUUID } from 'node:crypto';
import type { TaskPushNotificationConfig } from '@a2a-platform/a2a-protocol';
import type { PushConfigStore } from '../push-config-store.js';
import { copyJson } from './json-copy.js';

/**
 * A {@link PushConfigStore} for one process. Configs are kept per task in insertion order; what
 * goes in and what comes out are copies, so callers may edit either.
 */
export class MemoryPushConfigStore implements PushConfigStore {
  private readonly byTask = new Map<string, Map<string, TaskPushNotificationConfig>>();

  async set(taskId: string, config: TaskPushNotificationConfig): Promise<TaskPushNotificationConfig> {
    const stored = copyJson({ ...config, id: config.id || randomUUID(), taskId });
    let configs = this.byTask.get(taskId);
    if (!configs) this.byTask.set(taskId, (configs = new Map()));
    configs.set(stored.id, stored);
    return copyJson(stored);
  }

  async get(taskId: string, configId: string): Promise<TaskPushNotificationConfig | undefined> {
    const config = this.byTask.get(taskId)?.get(configId);
    return config && copyJson(config);
  }

  async list(taskId: string): Promise<TaskPushNotificationConfig[]> {
    return [...(this.byTask.get(taskId)?.values() ?? [])].map((config) => copyJson(config));
  }

  async delete(taskId: string, configId: string): Promise<boolean> {
    const configs = this.byTask.get(taskId);
    if (!configs?.delete(configId)) return false;
    if (configs.size === 0) this.byTask.delete(taskId);
    return true;
  }
}
