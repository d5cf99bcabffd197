import type { TaskState } from '@a2a-platform/a2a-protocol';
import { TaskStoreError, type TaskStoreErrorCode } from '../task-store.js';

/** The negative codes the task scripts return, documented in each script's header. */
export const SCRIPT_REFUSALS = {
  [-1]: 'TASK_MISSING',
  [-2]: 'OTHER_SCOPE',
  [-3]: 'TASK_ENDED',
  [-4]: 'ILLEGAL_MOVE',
  [-5]: 'STALE_VERSION',
  [-6]: 'TASK_EXISTS',
} as const;

/** A negative script code. */
export type ScriptRefusalCode = keyof typeof SCRIPT_REFUSALS;

const STORE_CODES: Record<ScriptRefusalCode, TaskStoreErrorCode> = {
  [-1]: 'NOT_FOUND',
  [-2]: 'NOT_FOUND',
  [-3]: 'TERMINAL',
  [-4]: 'ILLEGAL_TRANSITION',
  [-5]: 'VERSION_CONFLICT',
  [-6]: 'ALREADY_EXISTS',
};

/**
 * The one mapping from a script's refusal to the error callers see. A task of another scope reads
 * exactly like a missing one: same code, same message, no state or version.
 */
export function refusalError(
  code: number,
  taskId: string,
  current: { state?: TaskState; version?: number } = {},
): Error {
  const storeCode = STORE_CODES[code as ScriptRefusalCode];
  // A code no script documents is a bug in this library, not a refusal.
  if (storeCode === undefined)
    return new Error(`task script returned the unknown code ${code} for ${taskId}`);
  if (storeCode === 'NOT_FOUND') return new TaskStoreError(storeCode, `task ${taskId} not found`, { taskId });
  if (storeCode === 'ALREADY_EXISTS') {
    return new TaskStoreError(storeCode, `task ${taskId} already exists`, { taskId });
  }
  const details = { taskId, state: current.state, version: current.version };
  const messages: Record<string, string> = {
    TERMINAL: `task ${taskId} has ended (${current.state})`,
    ILLEGAL_TRANSITION: `task ${taskId} cannot leave ${current.state} that way`,
    VERSION_CONFLICT: `task ${taskId} is at version ${current.version}`,
  };
  return new TaskStoreError(storeCode, messages[storeCode], details);
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const CONNECTION_ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
const CONNECTION_ERROR_MESSAGES = [
  'Connection is closed.',
  "Stream isn't writeable",
  'Command timed out',
  'None of startup nodes is available',
  'Failed to refresh slots cache',
];
/** Server replies that say "not now" rather than "wrong": loading, failover, cluster down, busy script. */
const TRANSIENT_REPLY = /^(LOADING|READONLY|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|BUSY|NOREPLICAS)\b/;

/** true when `err` says Redis could not be reached or could not answer now (a retry may succeed). */
export function isUnavailableError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== undefined && CONNECTION_ERROR_CODES.has(code)) return true;
  if (CONNECTION_ERROR_NAMES.has(err.name)) return true;
  if (err.name === 'ReplyError') return TRANSIENT_REPLY.test(err.message);
  return CONNECTION_ERROR_MESSAGES.some((text) => err.message.startsWith(text));
}

/** `err` as callers should see it: connection failures become TaskStoreError UNAVAILABLE. */
export function toStoreError(err: unknown, taskId?: string): unknown {
  if (err instanceof TaskStoreError || !isUnavailableError(err)) return err;
  const reason = (err as Error).message;
  return new TaskStoreError('UNAVAILABLE', `Redis is unavailable: ${reason}`, taskId ? { taskId } : {}, {
    cause: err,
  });
}
