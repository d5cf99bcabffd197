import type { Counter, Histogram, Meter, UpDownCounter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { telemetryState } from './telemetry-state.js';

/** Stable names of the platform's instruments (Prometheus turns dots into underscores). */
export const MetricNames = {
  tasksStarted: 'a2a.server.tasks.started',
  tasksFinished: 'a2a.server.tasks.finished',
  taskDuration: 'a2a.server.task.duration',
  sseActive: 'a2a.server.sse.active',
  clientCallDuration: 'a2a.client.call.duration',
  mcpClientOperationDuration: 'mcp.client.operation.duration',
  mcpServerOperationDuration: 'mcp.server.operation.duration',
  taskStoreErrors: 'task_store.errors',
} as const;

/** Outcome label of a call: `tool_error` is an MCP result with `isError: true`. */
export type CallOutcome = 'ok' | 'error' | 'tool_error';

/** The platform's instruments, with the attributes each one takes. */
export interface PlatformMetrics {
  /** Tasks created, by skill. */
  readonly tasksStarted: Counter<{ skill: string }>;
  /** Tasks that reached a terminal or interrupted state, by state and skill. */
  readonly tasksFinished: Counter<{ state: string; skill: string }>;
  /** Seconds from task creation to its final state. */
  readonly taskDuration: Histogram<{ state: string; skill: string }>;
  /** SSE streams open now (add 1 on open, -1 on close). */
  readonly sseActive: UpDownCounter<{ method?: string }>;
  /** Seconds per outgoing A2A call. Recorded by `withInvokeAgentSpan`. */
  readonly clientCallDuration: Histogram<{ agent: string; outcome: CallOutcome }>;
  /** Seconds per MCP request sent. Recorded by `withMcpClientSpan`. */
  readonly mcpClientOperationDuration: Histogram<{ method: string; tool?: string; outcome: CallOutcome }>;
  /** Seconds per MCP request served. Recorded by `withMcpServerSpan`. */
  readonly mcpServerOperationDuration: Histogram<{ method: string; tool?: string; outcome: CallOutcome }>;
  /** Task store failures, by error code. */
  readonly taskStoreErrors: Counter<{ code: string }>;
}

const METER_NAME = '@a2a-platform/telemetry';

// Calls take milliseconds to a minute; tasks can wait for input for much longer.
const CALL_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const TASK_BUCKETS_S = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

function createInstruments(meter: Meter): PlatformMetrics {
  const seconds = (description: string, buckets: number[]) => ({
    description,
    unit: 's',
    advice: { explicitBucketBoundaries: buckets },
  });
  return {
    tasksStarted: meter.createCounter(MetricNames.tasksStarted, {
      description: 'Tasks created',
      unit: '{task}',
    }),
    tasksFinished: meter.createCounter(MetricNames.tasksFinished, {
      description: 'Tasks that reached a final state',
      unit: '{task}',
    }),
    taskDuration: meter.createHistogram(
      MetricNames.taskDuration,
      seconds('Time from task creation to its final state', TASK_BUCKETS_S),
    ),
    sseActive: meter.createUpDownCounter(MetricNames.sseActive, {
      description: 'Open SSE streams',
      unit: '{stream}',
    }),
    clientCallDuration: meter.createHistogram(
      MetricNames.clientCallDuration,
      seconds('Duration of outgoing A2A calls', CALL_BUCKETS_S),
    ),
    mcpClientOperationDuration: meter.createHistogram(
      MetricNames.mcpClientOperationDuration,
      seconds('Duration of MCP requests sent', CALL_BUCKETS_S),
    ),
    mcpServerOperationDuration: meter.createHistogram(
      MetricNames.mcpServerOperationDuration,
      seconds('Duration of MCP requests served', CALL_BUCKETS_S),
    ),
    taskStoreErrors: meter.createCounter(MetricNames.taskStoreErrors, {
      description: 'Task store failures',
      unit: '{error}',
    }),
  };
}

/** Internal: the provider behind `/metrics`: the started telemetry's, else a local one made on first use. */
export function activeMeterProvider(): MeterProvider {
  const state = telemetryState();
  if (state.meterProvider) return state.meterProvider;
  if (!state.fallbackMeterProvider) {
    state.fallbackPrometheus = new PrometheusExporter({ preventServerStart: true });
    state.fallbackMeterProvider = new MeterProvider({ readers: [state.fallbackPrometheus] });
  }
  return state.fallbackMeterProvider;
}

/** Internal: the Prometheus reader of {@link activeMeterProvider}. */
export function activePrometheusReader(): PrometheusExporter {
  const state = telemetryState();
  activeMeterProvider();
  // One of the two is always set once activeMeterProvider() returned.
  return (state.prometheus ?? state.fallbackPrometheus) as PrometheusExporter;
}

/**
 * A meter whose instruments appear on `/metrics` (and in OTLP metrics when exported), whether or not
 * telemetry was started. For instruments beyond {@link PlatformMetrics} (circuit breakers, rate limits).
 */
export function platformMeter(name: string = METER_NAME): Meter {
  return activeMeterProvider().getMeter(name);
}

/**
 * The platform's instruments. Without started telemetry they live in a local MeterProvider that
 * `metricsRoute` serves, so counting works the same in tests. Start telemetry first in services.
 */
export function platformMetrics(): PlatformMetrics {
  const state = telemetryState();
  const provider = activeMeterProvider();
  if (state.instruments?.provider !== provider) {
    state.instruments = { provider, metrics: createInstruments(provider.getMeter(METER_NAME)) };
  }
  return state.instruments.metrics as PlatformMetrics;
}
