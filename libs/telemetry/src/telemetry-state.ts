import type { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyOtelInstrumentation } from '@fastify/otel';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { NodeSDK } from '@opentelemetry/sdk-node';

/** Receives every failure inside telemetry; the failure itself is never rethrown. */
export type TelemetryFailureHandler = (err: unknown, where: string) => void;

/** Internal: what one process's telemetry holds. Never re-exported from the lib. */
export interface TelemetryState {
  sdk?: NodeSDK;
  meterProvider?: MeterProvider;
  prometheus?: PrometheusExporter;
  fastifyOtel?: FastifyOtelInstrumentation;
  /** Serves `/metrics` when telemetry was never started (tests, tools). */
  fallbackMeterProvider?: MeterProvider;
  fallbackPrometheus?: PrometheusExporter;
  /** The platform's instruments (metrics.ts), built for one MeterProvider. */
  instruments?: { provider: MeterProvider; metrics: unknown };
  /** The task in scope for log lines when it is not in the trace context (see logger.ts). */
  taskScope?: AsyncLocalStorage<string | undefined>;
  /** True once the SDK's context manager carries the task in scope (see logger.ts). */
  taskIdInTraceContext?: boolean;
  shutdown?: Promise<void>;
  onFailure: TelemetryFailureHandler;
}

// Apps are bundled with the workspace libs inlined, while `--import @a2a-platform/telemetry/register` loads
// the lib's own dist: two copies of this module in one process. Keeping the state on globalThis lets the
// app's copy see the SDK the bootstrap started.
const STATE_KEY = Symbol.for('@a2a-platform/telemetry.state');

type StateHolder = { [STATE_KEY]?: TelemetryState };

/** Internal: the process-wide telemetry state, created on first use. */
export function telemetryState(): TelemetryState {
  const holder = globalThis as StateHolder;
  holder[STATE_KEY] ??= { onFailure: writeFailureLine };
  return holder[STATE_KEY];
}

/** Internal: one pino-compatible JSON line on stderr, so failures show up before any logger exists. */
function writeFailureLine(err: unknown, where: string): void {
  try {
    const e = err instanceof Error ? err : new Error(String(err));
    const line = {
      level: 40,
      time: new Date().toISOString(),
      component: 'telemetry',
      msg: `telemetry failure in ${where}`,
      err: { type: e.name, message: e.message, stack: e.stack },
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  } catch {
    // Nowhere left to report to.
  }
}

/** Internal: hands a failure to the configured handler, which must not throw either. */
export function reportFailure(err: unknown, where: string): void {
  try {
    telemetryState().onFailure(err, where);
  } catch {
    writeFailureLine(err, where);
  }
}

/** Internal: runs telemetry-only work; a failure is reported and `fallback` returned instead. */
export function guarded<T>(where: string, work: () => T, fallback: T): T {
  try {
    return work();
  } catch (err) {
    reportFailure(err, where);
    return fallback;
  }
}
