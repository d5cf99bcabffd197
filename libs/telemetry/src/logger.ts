import { AsyncLocalStorage } from 'node:async_hooks';
import { context, createContextKey, isSpanContextValid, trace, type Context } from '@opentelemetry/api';
import { telemetryState } from './telemetry-state.js';

/** Correlation fields added to every log line; absent keys mean nothing of that kind is in scope. */
export interface LogCorrelation {
  traceId?: string;
  spanId?: string;
  taskId?: string;
}

// Symbol.for inside: the bootstrap's copy of this lib and the app's bundled one share the key.
const TASK_ID = createContextKey('@a2a-platform/telemetry.task-id');

/**
 * Where the task in scope lives. Once the SDK runs, in the OTel context: its context manager is an
 * AsyncLocalStorage already, and every further one makes each promise of the process dearer (Node
 * propagates every store to every async resource). Without the SDK (tests, tools) the OTel context does
 * not follow async work, so a store of our own, created on first use, carries it.
 */
function inTraceContext(): boolean {
  return telemetryState().taskIdInTraceContext === true;
}

/** Internal: one task scope per process, shared by the bootstrap's copy of the lib and the app's bundled one. */
function taskScope(): AsyncLocalStorage<string | undefined> {
  const state = telemetryState();
  state.taskScope ??= new AsyncLocalStorage<string | undefined>();
  return state.taskScope;
}

/** The task id in scope, if any. */
export function currentTaskId(): string | undefined {
  if (inTraceContext()) return context.active().getValue(TASK_ID) as string | undefined;
  return telemetryState().taskScope?.getStore();
}

/** Runs `fn` with `taskId` in scope: log lines written inside it (and in work it starts) carry `taskId`. */
export function runWithTaskId<T>(taskId: string | undefined, fn: () => T): T {
  if (currentTaskId() === taskId) return fn();
  if (inTraceContext()) return context.with(context.active().setValue(TASK_ID, taskId), fn);
  return taskScope().run(taskId, fn);
}

/**
 * Internal: runs `fn` in trace context `otel` with `taskId` in scope, entering one scope where the task
 * lives in the trace context.
 */
export function runInTraceAndTask<T>(otel: Context, taskId: string | undefined, fn: () => T): T {
  if (!inTraceContext()) return context.with(otel, () => runWithTaskId(taskId, fn));
  const ctx = otel.getValue(TASK_ID) === taskId ? otel : otel.setValue(TASK_ID, taskId);
  return context.with(ctx, fn);
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
    const taskId = currentTaskId();
    if (taskId !== undefined) fields.taskId = taskId;
  } catch {
    // A log line without correlation beats a failed log call.
  }
  return fields;
}
