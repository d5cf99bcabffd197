import { A2AClientError, A2ATimeoutError, A2ATransportError } from '@a2a-platform/a2a-client';
import { A2AError, type TaskState } from '@a2a-platform/a2a-protocol';

/** Exit statuses of the CLI. */
export const EXIT = {
  /** The command did what was asked (a task that waits for input counts). */
  OK: 0,
  /** The task ended failed, rejected or canceled. */
  TASK_UNSUCCESSFUL: 1,
  /** Bad usage, an unreachable agent or Redis, a refused request, a missing task. */
  ERROR: 2,
  /** Ctrl-C ended a command without a task outcome (the shell convention 128 + SIGINT). */
  INTERRUPTED: 130,
} as const;

/** A failure to report on stderr with an exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.ERROR,
    /** Show the `--help` pointer after the message. */
    readonly usage = false,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage mistake: wrong command, option or value. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.ERROR, true);
}

/** The exit status a task's final state calls for. */
export function exitCodeForState(state: TaskState): number {
  return state === 'TASK_STATE_FAILED' || state === 'TASK_STATE_REJECTED' || state === 'TASK_STATE_CANCELED'
    ? EXIT.TASK_UNSUCCESSFUL
    : EXIT.OK;
}

/**
 * One line saying what went wrong, for stderr. `doing` names the step (`GetTask`, `resolving the
 * agent card`) so the reader knows which request failed.
 */
export function describeFailure(err: unknown, doing: string): CliError {
  if (err instanceof CliError) return err;
  if (err instanceof A2AError) {
    return new CliError(`The agent refused ${doing}: ${err.message} (${err.kind.reason}, code ${err.code})`);
  }
  if (err instanceof A2ATimeoutError) {
    return new CliError(`${doing} timed out: ${err.message} (raise it with --timeout <ms>)`);
  }
  if (err instanceof A2ATransportError && err.code === 'NETWORK_ERROR') {
    return new CliError(`Cannot reach the agent (${doing}): ${err.message}`);
  }
  if (err instanceof A2AClientError) {
    return new CliError(`${doing} failed: ${err.message}`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CliError(`${doing} failed: ${message}${causeText(err)}`);
}

/** The root cause's message (fetch reports `fetch failed` and hides ECONNREFUSED in its cause). */
function causeText(err: unknown): string {
  let cause = err instanceof Error ? err.cause : undefined;
  let last: string | undefined;
  while (cause instanceof Error) {
    last = cause.message;
    cause = cause.cause;
  }
  const outer = err instanceof Error ? err.message : '';
  return last && !outer.includes(last) ? ` (${last})` : '';
}
