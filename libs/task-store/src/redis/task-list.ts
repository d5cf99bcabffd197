import { DEFAULT_LIST_PAGE_SIZE, type Task, type TaskState } from '@a2a-platform/a2a-protocol';
import type { Cluster, Redis } from 'ioredis';
import { decodeListCursor, nextPageTokenAfter, type ListPosition } from '../task-list-cursor.js';
import type { ListTasksPage, ListTasksQuery, TaskScope } from '../task-store.js';
import { taskOfFields } from './task-fragments.js';
import type { TaskKeyspace } from './task-keys.js';

const BATCH = 200;

/** true when `entry` comes after `cursor` in list order (Redis orders equal scores by id bytes). */
export function isAfter(entry: ListPosition, cursor: ListPosition): boolean {
  if (entry.updatedAt !== cursor.updatedAt) return entry.updatedAt < cursor.updatedAt;
  return Buffer.compare(Buffer.from(entry.id), Buffer.from(cursor.id)) < 0;
}

/**
 * The entries of a list index in list order, in batches, starting after `after`. Each batch moves the
 * score bound instead of an offset, so tasks moving to the top meanwhile do not shift later batches.
 */
export async function* scanIndex(
  client: Redis | Cluster,
  key: string,
  after?: ListPosition,
): AsyncGenerator<ListPosition[]> {
  let bound = after;
  for (;;) {
    let offset = 0;
    let fresh: ListPosition[];
    let full: boolean;
    do {
      // Equal scores under the bound that sort at or before it are skipped; past a batch of them, page on.
      // The typed method, not call(): under RESP3 call() hands back [member, score] pairs unflattened.
      const raw = await client.zrange(
        key,
        bound ? String(bound.updatedAt) : '+inf',
        '-inf',
        'BYSCORE',
        'REV',
        'LIMIT',
        offset,
        BATCH,
        'WITHSCORES',
      );
      const entries = positionsOf(raw as unknown[]);
      full = entries.length === BATCH;
      const from = bound;
      fresh = from ? entries.filter((entry) => isAfter(entry, from)) : entries;
      offset += BATCH;
    } while (fresh.length === 0 && full);
    if (fresh.length > 0) yield fresh;
    if (!full) return;
    bound = fresh[fresh.length - 1];
  }
}

/**
 * Members and scores of a ZRANGE WITHSCORES reply: flat `[member, score, ...]` (RESP2, or RESP3 with
 * ioredis's default `replyMapping: 'legacy'`) or `[[member, score], ...]` (RESP3 with 'resp3').
 */
function positionsOf(raw: unknown[]): ListPosition[] {
  const positions: ListPosition[] = [];
  if (Array.isArray(raw[0])) {
    for (const [id, score] of raw as [string, string | number][])
      positions.push({ id, updatedAt: Number(score) });
  } else {
    for (let i = 0; i < raw.length; i += 2)
      positions.push({ id: String(raw[i]), updatedAt: Number(raw[i + 1]) });
  }
  return positions;
}

const META_FIELDS = ['tenant', 'owner', 'contextId', 'state', 'statusAt', 'expiresAt'] as const;

/**
 * One page of a scope's tasks from its list index (or its context's). Without filters the total is
 * ZCARD of the index (minus the stale entries met on the way: it can count tasks that expired since
 * their last change until a read or a create prunes them); with a status or time filter the whole
 * index is scanned to count. The keyspace is never scanned.
 */
export async function listTasks(
  client: Redis | Cluster,
  keys: TaskKeyspace,
  now: number,
  scope: TaskScope,
  query: ListTasksQuery,
): Promise<ListTasksPage> {
  const cursor = query.pageToken ? decodeListCursor(query.pageToken) : undefined;
  const pageSize = Math.max(1, query.pageSize ?? DEFAULT_LIST_PAGE_SIZE);
  const since = query.statusTimestampAfter === undefined ? undefined : Date.parse(query.statusTimestampAfter);
  const filtered = query.status !== undefined || since !== undefined;
  const scopeKeys = keys.scope(scope);
  const index = query.contextId === undefined ? scopeKeys.tasks : scopeKeys.context(query.contextId);

  const matches = (meta: (string | null)[]): boolean => {
    const [tenant, owner, contextId, state, statusAt] = meta;
    if (tenant !== scope.tenant || owner !== scope.owner) return false;
    if (query.contextId !== undefined && contextId !== query.contextId) return false;
    if (query.status !== undefined && (state as TaskState) !== query.status) return false;
    if (since !== undefined && !(statusAt ? Number(statusAt) >= since : false)) return false;
    return true;
  };

  const page: ListPosition[] = [];
  const stale: string[] = [];
  let skipped = 0;
  let more = false;
  let counted = 0;
  // Unfiltered: start at the cursor and stop one match past the page. Filtered: count everything.
  scan: for await (const batch of scanIndex(client, index, filtered ? undefined : cursor)) {
    const metas = await Promise.all(
      batch.map((entry) => client.hmget(keys.task(entry.id).task, ...META_FIELDS)),
    );
    for (let i = 0; i < batch.length; i++) {
      const meta = metas[i];
      if (meta[3] === null) {
        stale.push(batch[i].id);
        continue;
      }
      const expiresAt = meta[5];
      if ((expiresAt !== null && Number(expiresAt) <= now) || !matches(meta)) {
        skipped++;
        continue;
      }
      counted++;
      if (cursor && !isAfter(batch[i], cursor)) continue;
      if (page.length < pageSize) {
        page.push(batch[i]);
      } else {
        more = true;
        if (!filtered) break scan;
      }
    }
  }

  const [total, tasks] = await Promise.all([
    filtered ? counted : client.zcard(index).then((size) => Math.max(0, size - stale.length - skipped)),
    Promise.all(page.map((entry) => client.hgetall(keys.task(entry.id).task))),
    stale.length > 0 ? client.zrem(index, ...stale) : 0,
  ]);
  const found: Task[] = [];
  for (const fields of tasks) if (fields.head !== undefined) found.push(taskOfFields(fields));
  return {
    tasks: found,
    nextPageToken: nextPageTokenAfter(page, more),
    totalSize: total,
  };
}
