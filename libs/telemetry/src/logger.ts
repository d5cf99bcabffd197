import { AsyncLocalStorage } from 'node:async_hooks';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { telemetryState } from './telemetry-state.js';

/** Correlation fields added to every log line; absent keys mean nothing of that kind is in scope. */
export interface LogCorrelation {
  traceId?: string;
  spanId?: string;
  taskId?: string;
}

/** Internal: one task scope per process, shared by the bootstrap's copy of the lib and the app's bundled one. */
export function taskScope(): AsyncLocalStorage<string | undefined> {
  const state = telemetryState();
  state.taskScope ??= new AsyncLocalStorage<string | undefined>();
  return state.taskScope;
}

/** Runs `fn` with `taskId` in scope: log lines written inside it (and in work it starts) carry `taskId`. */
export function runWithTaskId<T>(taskId: string | undefined, fn: () => T): T {
  return taskScope().run(taskId, fn);
}

/** The task id in scope, if any. */
export function currentTaskId(): string | undefined {
  return taskScope().getStore();
}

/**
 * pino `mixin`: `traceId` and `spanId` of the active span and the `taskId` in scope. It reads the OTel
 * context directly, so it works where require-patching does not (jest, bundles). Use it as
 * `pino({ mixin: loggerMixin })` or in Fastify's `logger` options.
 */
export function loggerMixin(): LogCorrelation {
  const fields: LogCorrelation = {};
  try {
    const spanContext = trace.getSpan(context.active())?.spanContext();
    if (spanContext && isSpanContextValid(spanContext)) {
      fields.traceId = spanContext.traceId;
      fields.spanId = spanContext.spanId;
    }
    const taskId = taskScope().getStore();
    if (taskId !== undefined) fields.taskId = taskId;
  } catch {
    // A log line without correlation beats a failed log call.
  }
  return fields;
}
