import type { TaskScope } from '../task-store.js';
import type { StoreSettings } from './redis-task-store-options.js';

const PRUNE_EVERY_MS = 60_000;
/** Scopes whose last prune time is kept; past it the times are forgotten (an extra prune is harmless). */
const MAX_PRUNE_TIMES = 10_000;

/** One scope's pending index entries: its sorted sets and the newest score per task in each. */
interface PendingScope {
  readonly keys: Map<string, Map<string, number>>;
  /** The store's clock at the latest touch that asked to prune (0: none did). */
  pruneAt: number;
}

/**
 * Writes the list indexes (`<prefix>:{s:…}:tasks` and `:ctx:<contextId>`) after changes, batched: the
 * entries of every change committed in one turn of the event loop go out together, one pipeline per
 * scope (its keys share a hash tag, so the pipeline suits a Cluster too), with one `ZADD GT` per
 * sorted set and one `PEXPIRE` per set instead of four commands per change. Best effort, like the
 * refresh it batches (see RedisTaskStore): failures go to `onFailure`.
 *
 * `flush()` sends what is pending at once; the store calls it before its own list reads, so that a
 * process reads its own changes (commands on one connection run in order).
 */
export class ListIndexWriter {
  private readonly pending = new Map<string, PendingScope>();
  /** When this instance last pruned each scope's indexes (store clock), so it prunes once a minute. */
  private readonly prunedAt = new Map<string, number>();
  private scheduled = false;

  constructor(
    private readonly settings: StoreSettings,
    private readonly track: (during: string, work: Promise<unknown>) => void,
  ) {}

  /**
   * Puts the task at `now` in its scope's and context's indexes; `prune` also drops expired entries
   * (see {@link prune}).
   */
  touch(scope: TaskScope, taskId: string, contextId: string, now: number, prune: boolean): void {
    const scopeKeys = this.settings.keys.scope(scope);
    const pending = this.pendingOf(scopeKeys.tasks);
    for (const key of [scopeKeys.tasks, scopeKeys.context(contextId)]) {
      const entries = entriesOf(pending, key);
      entries.set(taskId, Math.max(entries.get(taskId) ?? 0, now));
    }
    if (prune) this.prune(scope, contextId, now);
  }

  /**
   * Drops the entries of expired tasks from the scope's and the context's indexes, at most once a
   * minute per scope and instance: until then they cost a little space, and list skips them.
   */
  prune(scope: TaskScope, contextId: string, now: number): void {
    const scopeKeys = this.settings.keys.scope(scope);
    if (now - (this.prunedAt.get(scopeKeys.tasks) ?? -Infinity) < PRUNE_EVERY_MS) return;
    if (this.prunedAt.size >= MAX_PRUNE_TIMES) this.prunedAt.clear();
    this.prunedAt.set(scopeKeys.tasks, now);
    const pending = this.pendingOf(scopeKeys.tasks);
    pending.pruneAt = now;
    for (const key of [scopeKeys.tasks, scopeKeys.context(contextId)]) entriesOf(pending, key);
  }

  private pendingOf(tasksKey: string): PendingScope {
    let pending = this.pending.get(tasksKey);
    if (!pending) {
      pending = { keys: new Map(), pruneAt: 0 };
      this.pending.set(tasksKey, pending);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return pending;
  }

  /** Sends every pending entry now (no-op when none). */
  flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const { client, ttlMs, retentionMs } = this.settings;
    const keep = Math.max(ttlMs, retentionMs);
    for (const pending of this.pending.values()) {
      const pipeline = client.pipeline();
      for (const [key, entries] of pending.keys) {
        const args: (string | number)[] = [];
        for (const [taskId, score] of entries) args.push(score, taskId);
        // GT: a slower instance's older change never moves a task back down.
        if (args.length > 0) pipeline.zadd(key, 'GT', ...args);
        // Entries older than any task can live belong to expired tasks.
        if (pending.pruneAt > 0) pipeline.zremrangebyscore(key, '-inf', `(${pending.pruneAt - keep}`);
        pipeline.pexpire(key, keep);
      }
      this.track(
        'index refresh',
        pipeline.exec().then((results) => {
          const failure = results?.find(([err]) => err)?.[0];
          if (failure) throw failure;
        }),
      );
    }
    this.pending.clear();
  }
}

/** The pending entries of one sorted set (created empty: a pending prune alone still reaches the set). */
function entriesOf(pending: PendingScope, key: string): Map<string, number> {
  let entries = pending.keys.get(key);
  if (!entries) pending.keys.set(key, (entries = new Map()));
  return entries;
}
