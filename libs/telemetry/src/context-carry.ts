import { context, type Context } from '@opentelemetry/api';
import { currentTaskId, runInTraceAndTask } from './logger.js';

/** The trace context and task scope of a moment, to resume later (see {@link captureContext}). */
export interface CarriedContext {
  readonly otel: Context;
  readonly taskId: string | undefined;
}

/**
 * Captures the active trace context and task scope, for work that outlives the request that started it
 * (an executor still running after `SendMessage` returned, a push notification sent later).
 */
export function captureContext(): CarriedContext {
  return { otel: context.active(), taskId: currentTaskId() };
}

/** Runs `fn` inside a captured context: its spans join that trace and its log lines carry that task id. */
export function runInContext<T>(carried: CarriedContext, fn: () => T): T {
  return runInTraceAndTask(carried.otel, carried.taskId, fn);
}

/** Binds `fn` to the current context now, to be called later from anywhere (timers, queues, callbacks). */
export function bindToCurrentContext<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const carried = captureContext();
  return (...args: A) => runInContext(carried, () => fn(...args));
}
