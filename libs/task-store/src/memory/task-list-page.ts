import { nextPageTokenAfter, type ListPosition } from '../task-list-cursor.js';

/** Negative when `a` comes before `b` in list order. */
export function compareListOrder(a: ListPosition, b: ListPosition): number {
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
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
  return { page, nextPageToken: nextPageTokenAfter(page, more) };
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
