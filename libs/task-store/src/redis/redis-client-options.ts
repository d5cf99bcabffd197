import type { RedisOptions } from 'ioredis';

/** Tuning of {@link redisClientOptions}. */
export interface RedisClientTuning {
  /**
   * Longest wait for any reply, queued commands included. Under a burst, commands also wait behind
   * each other inside Redis, so keep it well above the busiest moment's latency. A change that timed
   * out may still have been applied: callers retry with `expectedVersion`, or read the task first.
   * @defaultValue 2000
   */
  readonly commandTimeoutMs?: number;
  /**
   * Longest wait for a TCP connection (and the handshake) to be established.
   * @defaultValue 2000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Cap of the reconnect backoff.
   * @defaultValue 2000
   */
  readonly maxReconnectDelayMs?: number;
}

/**
 * ioredis options with which the task store fails fast when Redis is down instead of hanging: a
 * request gets TaskStoreError UNAVAILABLE within about `commandTimeoutMs`, and the client keeps
 * reconnecting in the background. Spread them into `new Redis({ host, port, ...redisClientOptions() })`,
 * or pass them as `redisOptions` of a `Cluster`. Every key is a plain ioredis option:
 *
 * - `commandTimeout`: rejects any command with no reply in time. It also bounds commands waiting in the
 *   offline queue, so a brief reconnect (a failover) is absorbed while an outage fails fast.
 * - `enableOfflineQueue: true` (the default, kept on purpose): commands issued before the first connect
 *   or during a reconnect wait for the connection (at most `commandTimeout`) instead of failing at once,
 *   so startup order does not matter. `false` would fail them instantly and break a lazily started
 *   subscriber.
 * - `maxRetriesPerRequest: 1`: a command in flight when the connection drops is resent after one
 *   reconnect attempt at most, then rejected (ioredis's default of 20 attempts means tens of seconds).
 * - `connectTimeout`: a connect attempt to an unreachable host gives up quickly, so the retry
 *   strategy (and the errors above) start early.
 * - `retryStrategy`: reconnect forever with exponential backoff from 50 ms, capped at
 *   `maxReconnectDelayMs`, so the client recovers by itself when Redis comes back.
 * - `autoResubscribe: true`: the notice subscription is restored after a reconnect (the store then
 *   wakes its watchers to catch up on what they missed).
 * - `enableAutoPipelining: true`: the commands issued in one turn of the event loop (by concurrent
 *   requests) leave in one write instead of one system call each; on a Cluster, one per node. Order
 *   on the connection is unchanged. Subscriber commands are never pipelined (ioredis excludes them).
 */
export function redisClientOptions(tuning: RedisClientTuning = {}): RedisOptions {
  const maxDelay = tuning.maxReconnectDelayMs ?? 2000;
  return {
    commandTimeout: tuning.commandTimeoutMs ?? 2000,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    connectTimeout: tuning.connectTimeoutMs ?? 2000,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt - 1, 16), maxDelay),
    autoResubscribe: true,
    enableAutoPipelining: true,
  };
}
