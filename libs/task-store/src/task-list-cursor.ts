import { TaskStoreError } from './task-store.js';

/**
 * A place in list order, shared by every store: last change first, ties by id descending. The Redis
 * store's `updatedAt` is the list index score.
 */
export interface ListPosition {
  readonly id: string;
  /** Store clock (epoch ms) at the task's last change. */
  readonly updatedAt: number;
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

/** The token of the page after `page` (in list order): empty when there is no more, or the page is empty. */
export function nextPageTokenAfter(page: readonly ListPosition[], more: boolean): string {
  return more && page.length > 0 ? encodeListCursor(page[page.length - 1]) : '';
}
