import { randomUUID } from 'node:crypto';
import type { TaskPushNotificationConfig } from '@a2a-platform/a2a-protocol';
import type { Cluster, Redis } from 'ioredis';
import type { PushConfigStore } from '../push-config-store.js';
import { toStoreError } from './store-errors.js';
import { TaskKeyspace } from './task-keys.js';

/** Options of {@link RedisPushConfigStore}. */
export interface RedisPushConfigStoreOptions {
  /** Connection (standalone or Cluster); the store never closes it. */
  readonly client: Redis | Cluster;
  /**
   * Key prefix; use the task store's so the configs share its task's slot and lifetime.
   * @defaultValue 'a2a'
   */
  readonly prefix?: string;
  /**
   * TTL of a task's config hash, renewed by every set. The task store's scripts also align it with the
   * task's own TTL on every change (retention once the task ends), so configs never outlive their task
   * for long.
   * @defaultValue 604_800_000 (seven days, the task store's default ttlMs)
   */
  readonly ttlMs?: number;
}

/**
 * A {@link PushConfigStore} in Redis: one hash per task, `<prefix>:{t:<taskId>}:push`, config id ->
 * config JSON. HSET keeps the order configs were first set in (on small hashes) but the spec does not
 * promise an order, so list() returns them sorted by id for a stable answer.
 */
export class RedisPushConfigStore implements PushConfigStore {
  private readonly client: Redis | Cluster;
  private readonly keys: TaskKeyspace;
  private readonly ttlMs: number;

  constructor(options: RedisPushConfigStoreOptions) {
    this.client = options.client;
    this.keys = new TaskKeyspace(options.prefix ?? 'a2a');
    this.ttlMs = options.ttlMs ?? 604_800_000;
    if (!(this.ttlMs >= 1)) throw new RangeError('ttlMs must be >= 1');
  }

  async set(taskId: string, config: TaskPushNotificationConfig): Promise<TaskPushNotificationConfig> {
    const stored: TaskPushNotificationConfig = { ...config, id: config.id || randomUUID(), taskId };
    const key = this.key(taskId);
    try {
      await this.client
        .multi()
        .hset(key, stored.id as string, JSON.stringify(stored))
        .pexpire(key, this.ttlMs)
        .exec();
    } catch (err) {
      throw toStoreError(err, taskId);
    }
    return JSON.parse(JSON.stringify(stored)) as TaskPushNotificationConfig;
  }

  async get(taskId: string, configId: string): Promise<TaskPushNotificationConfig | undefined> {
    try {
      const json = await this.client.hget(this.key(taskId), configId);
      return json === null ? undefined : (JSON.parse(json) as TaskPushNotificationConfig);
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  async list(taskId: string): Promise<TaskPushNotificationConfig[]> {
    try {
      const all = await this.client.hgetall(this.key(taskId));
      return Object.keys(all)
        .sort()
        .map((id) => JSON.parse(all[id]) as TaskPushNotificationConfig);
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  async delete(taskId: string, configId: string): Promise<boolean> {
    try {
      return (await this.client.hdel(this.key(taskId), configId)) === 1;
    } catch (err) {
      throw toStoreError(err, taskId);
    }
  }

  private key(taskId: string): string {
    return this.keys.task(taskId).push;
  }
}
