import { TaskStoreError } from '../task-store.js';

/** What a listed task is ordered by: last change first, ties by id descending. */
export interface ListPosition {
  readonly id: string;
  /** Store clock (epoch ms) at the task's last change. */
  readonly updatedAt: number;
}

/** Negative when `a` comes before `b` in list order. */
export function compareListOrder(a: ListPosition, b: ListPosition): number {
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The opaque page token naming the position just after `last`. */
export function encodeListCursor(last: ListPosition): string {
  return Buffer.from(JSON.stringify([last.updatedAt, last.id])).toString('base64url');
}

/** The position a page token names. Throws INVALID_CURSOR for anything encodeListCursor did not make. */
export function decodeListCursor(token: string): ListPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    Array.isArray(decoded) &&
    decoded.length === 2 &&
    Number.isFinite(decoded[0]) &&
    typeof decoded[1] === 'string'
  ) {
    const position = { updatedAt: decoded[0] as number, id: decoded[1] };
    if (encodeListCursor(position) === token) return position;
  }
  throw new TaskStoreError('INVALID_CURSOR', 'the page token is not one this store issued');
}

/**
 * One page of `sorted` (already in list order) after the cursor position. Positions, not
 * offsets: tasks added in front of the cursor between two reads do not shift later pages.
 */
export function pageAfter<T extends ListPosition>(
  sorted: readonly T[],
  cursor: ListPosition | undefined,
  pageSize: number,
): { page: T[]; nextPageToken: string } {
  const start = cursor === undefined ? 0 : firstAfter(sorted, cursor);
  const page = sorted.slice(start, start + pageSize);
  const more = start + page.length < sorted.length;
  return { page, nextPageToken: more && page.length > 0 ? encodeListCursor(page[page.length - 1]) : '' };
}

function firstAfter(sorted: readonly ListPosition[], cursor: ListPosition): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareListOrder(sorted[mid], cursor) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
