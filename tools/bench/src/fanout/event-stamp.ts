import type { StreamResponse } from '@a2a-platform/a2a-protocol';
import type { TaskScope } from '@a2a-platform/task-store';

/** Event metadata key holding the writer's `process.hrtime.bigint()` at the write, in nanoseconds. */
export const SENT_AT = 'benchSentNs';

/**
 * Scope of the fan-out tasks: the agent server's default scope for unauthenticated callers, so the
 * SSE scenario can subscribe to them.
 */
export const FANOUT_SCOPE: TaskScope = { tenant: 'default', owner: 'anonymous' };

/** Metadata stamping an event with the current monotonic time (shared by all processes of the machine). */
export function stampNow(): Record<string, unknown> {
  return { [SENT_AT]: String(process.hrtime.bigint()) };
}

/** The stamp of a status update written by the fan-out writer, or undefined. */
export function stampOf(event: StreamResponse): bigint | undefined {
  const value = 'statusUpdate' in event ? event.statusUpdate.metadata?.[SENT_AT] : undefined;
  return typeof value === 'string' ? BigInt(value) : undefined;
}
