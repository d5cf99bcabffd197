import { Cluster, type ClusterNode, type ClusterOptions } from 'ioredis';
import { redisClientOptions, type RedisClientTuning } from './redis-client-options.js';

/** Options of {@link redisClusterClient}. */
export interface RedisClusterClientOptions extends RedisClientTuning {
  /** Added to the connection options of every node (TLS, password, username...). */
  readonly redisOptions?: Omit<NonNullable<ClusterOptions['redisOptions']>, 'replyMapping'>;
  /** Other ioredis Cluster options (natMap, dnsLookup, scaleReads...). */
  readonly cluster?: Omit<ClusterOptions, 'redisOptions'>;
}

/** Cluster options with ioredis's default reply mapping (the only one the store reads). */
type LegacyClusterOptions = ClusterOptions & { redisOptions?: { replyMapping?: 'legacy' } };

/**
 * A Cluster whose every command is bounded by `timeoutMs` from the moment it is issued. A plain ioredis
 * Cluster applies `redisOptions.commandTimeout` only once a command has reached a node: while the cluster
 * itself is (re)connecting (every node down, slots not loaded yet) commands wait in the Cluster's own
 * offline queue without limit, so a request would hang for as long as the outage lasts.
 */
class BoundedCluster extends Cluster {
  private readonly timeoutMs: number;

  constructor(nodes: ClusterNode[], options: LegacyClusterOptions, timeoutMs: number) {
    super(nodes, options);
    this.timeoutMs = timeoutMs;
    // The base duplicate() makes a plain Cluster; the store's notice subscription needs the same bound.
    // Set per instance: an overriding method cannot restate the base method's generic signature.
    this.duplicate = ((overrideNodes: ClusterNode[] = [], overrideOptions: LegacyClusterOptions = {}) => {
      const base = this.options as LegacyClusterOptions;
      const redisOptions = { ...base.redisOptions, ...overrideOptions.redisOptions };
      return new BoundedCluster(
        overrideNodes.length > 0 ? overrideNodes : nodes,
        { ...base, ...overrideOptions, redisOptions },
        timeoutMs,
      );
    }) as unknown as Cluster['duplicate'];
  }

  override sendCommand(...args: Parameters<Cluster['sendCommand']>): unknown {
    // Unset while the base constructor runs; the timer keeps the first deadline if set again later.
    if (this.timeoutMs > 0) args[0].setTimeout(this.timeoutMs);
    return super.sendCommand(...args);
  }
}

/**
 * A Redis Cluster connection for the task store that fails fast like a standalone one: every node gets
 * {@link redisClientOptions}, the cluster reconnects with the same capped backoff, and every command
 * (also one issued while the whole cluster is unreachable) rejects with "Command timed out" after
 * `commandTimeoutMs`, which the store reports as UNAVAILABLE.
 */
export function redisClusterClient(nodes: ClusterNode[], options: RedisClusterClientOptions = {}): Cluster {
  // Not the node options retryStrategy and enableOfflineQueue: a Cluster reconnects and queues itself.
  const tuned = redisClientOptions(options);
  const { commandTimeout = 2000, maxRetriesPerRequest, connectTimeout, autoResubscribe } = tuned;
  const retry = tuned.retryStrategy as (attempt: number) => number;
  return new BoundedCluster(
    nodes,
    {
      clusterRetryStrategy: (attempt) => retry(attempt),
      ...options.cluster,
      redisOptions: {
        commandTimeout,
        maxRetriesPerRequest,
        connectTimeout,
        autoResubscribe,
        ...options.redisOptions,
      },
    },
    commandTimeout,
  );
}
