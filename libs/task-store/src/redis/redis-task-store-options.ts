import type { Cluster, Redis } from 'ioredis';
import type { TaskKeyspace } from './task-keys.js';

/** Options of {@link RedisTaskStore}. Durations are milliseconds. */
export interface RedisTaskStoreOptions {
  /** Connection for commands and scripts: a standalone `Redis` or a `Cluster`. The store never closes it. */
  readonly client: Redis | Cluster;
  /**
   * Connection for the notice subscription (one per store instance, shared by all its watchers). A
   * connection given here is unsubscribed but left open by close(); one made by a factory is closed.
   * @defaultValue `() => client.duplicate()`
   */
  readonly subscriber?: Redis | Cluster | (() => Redis | Cluster);
  /**
   * First part of every key and of the notice channel.
   * @defaultValue 'a2a'
   */
  readonly prefix?: string;
  /**
   * How long an ended task (and its events) stays readable.
   * @defaultValue 3_600_000 (one hour)
   */
  readonly retentionMs?: number;
  /**
   * Lifetime of a live task's keys, renewed by every change: a task nobody touches for this long is gone.
   * @defaultValue 604_800_000 (seven days)
   */
  readonly ttlMs?: number;
  /**
   * Events kept per task, trimmed exactly (`XADD MAXLEN n`, not `~`): readers behind the trimming get
   * `trimmed` / TRIMMED. Exact trimming costs little at this size and keeps the bound predictable.
   * @defaultValue 1000
   */
  readonly maxEventsPerTask?: number;
  /**
   * Name of this instance, written with every change (hash field `updatedBy`) for debugging.
   * @defaultValue `<hostname>-<pid>-<random>`
   */
  readonly instanceId?: string;
  /**
   * The store's clock (epoch ms): timestamps, list order, deadlines and retention checks.
   * @defaultValue Date.now
   */
  readonly now?: () => number;
  /** Called with failures of background work (index refresh, reaper ticks); they never reach callers. */
  readonly onError?: (err: unknown, during: string) => void;
}

/** Options of {@link RedisTaskStore.startReaper}. */
export interface ReaperOptions {
  /**
   * Pause between two sweeps (the next starts when one ends).
   * @defaultValue 1000
   */
  readonly intervalMs?: number;
}

/** The settings every script of a {@link RedisTaskStore} is run with (its options, defaults applied). */
export interface StoreSettings {
  /** Connection for commands and scripts. */
  readonly client: Redis | Cluster;
  /** The store's keys. */
  readonly keys: TaskKeyspace;
  /** See {@link RedisTaskStoreOptions.retentionMs}. */
  readonly retentionMs: number;
  /** See {@link RedisTaskStoreOptions.ttlMs}. */
  readonly ttlMs: number;
  /** See {@link RedisTaskStoreOptions.maxEventsPerTask}. */
  readonly maxEventsPerTask: number;
  /** See {@link RedisTaskStoreOptions.instanceId}. */
  readonly instanceId: string;
}
