import { DEFAULT_OTLP_PROTOCOL, type OtlpHttpProtocol } from './export/otlp-trace-exporter.js';
import type { SpanBatchOptions, TelemetryOptions } from './sdk.js';

/** Environment variables as `process.env` holds them. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** What the bootstrap makes of the environment. */
export interface TelemetryEnvSettings {
  /** False when `OTEL_SDK_DISABLED=true`: the bootstrap then starts nothing. */
  enabled: boolean;
  options: TelemetryOptions;
  /** Settings we read but cannot honour, to report once at startup. */
  warnings: string[];
}

function text(env: EnvSource, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function list(env: EnvSource, name: string): string[] {
  return (text(env, name) ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

function positiveInt(env: EnvSource, name: string, warnings: string[]): number | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  warnings.push(`${name}=${raw} is not a positive integer: using the default`);
  return undefined;
}

/** OTLP export of a signal is on when an endpoint is set and its `OTEL_*_EXPORTER` allows `otlp`. */
function otlpWanted(env: EnvSource, exporterVar: string, endpointVar: string, warnings: string[]): boolean {
  const endpoint = text(env, endpointVar) ?? text(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const exporters = list(env, exporterVar);
  if (exporters.includes('none')) return false;
  const unsupported = exporters.filter((e) => e !== 'otlp' && e !== 'prometheus');
  if (unsupported.length > 0)
    warnings.push(`${exporterVar}=${unsupported.join(',')} is not supported: ignored`);
  if (exporters.length > 0 && !exporters.includes('otlp')) return false;
  return endpoint !== undefined;
}

const PROTOCOLS: readonly OtlpHttpProtocol[] = ['http/protobuf', 'http/json'];

/**
 * The encoding of one signal's exporter: its own `OTEL_EXPORTER_OTLP_{SIGNAL}_PROTOCOL`, else
 * `OTEL_EXPORTER_OTLP_PROTOCOL`, else undefined (the exporter default, `http/protobuf`). `grpc` and unknown
 * values produce a warning and the default.
 */
function protocol(env: EnvSource, signalVar: string, warnings: string[]): OtlpHttpProtocol | undefined {
  const name = text(env, signalVar) !== undefined ? signalVar : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const value = PROTOCOLS.find((p) => p === raw.toLowerCase());
  if (value) return value;
  warnings.push(
    `${name}=${raw} is not supported (only ${PROTOCOLS.join(', ')}): sending ${DEFAULT_OTLP_PROTOCOL}`,
  );
  return undefined;
}

function spanBatch(env: EnvSource, warnings: string[]): SpanBatchOptions {
  return {
    maxQueueSize: positiveInt(env, 'OTEL_BSP_MAX_QUEUE_SIZE', warnings),
    maxExportBatchSize: positiveInt(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', warnings),
    scheduledDelayMs: positiveInt(env, 'OTEL_BSP_SCHEDULE_DELAY', warnings),
    exportTimeoutMs: positiveInt(env, 'OTEL_BSP_EXPORT_TIMEOUT', warnings),
  };
}

/**
 * Maps the standard OTel variables plus `SERVICE_NAME` / `SERVICE_VERSION` to {@link TelemetryOptions}:
 * - traces are exported when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT` is set,
 *   unless `OTEL_TRACES_EXPORTER=none`;
 * - metrics are pushed when `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT` is set
 *   and `OTEL_METRICS_EXPORTER` is unset or includes `otlp` (`/metrics` is served in any case);
 * - logs are never exported over OTLP (they are JSON lines on stdout): `OTEL_LOGS_EXPORTER` other than
 *   `none` only produces a warning;
 * - the exporters send `http/protobuf` unless `OTEL_EXPORTER_OTLP_{TRACES,METRICS}_PROTOCOL` or
 *   `OTEL_EXPORTER_OTLP_PROTOCOL` asks for `http/json`; `grpc` produces a warning.
 * Pure: it reads only `env`, so the bootstrap is the one place that touches `process.env`.
 */
export function telemetryOptionsFromEnv(env: EnvSource): TelemetryEnvSettings {
  const warnings: string[] = [];
  const logs = list(env, 'OTEL_LOGS_EXPORTER').filter((e) => e !== 'none');
  if (logs.length > 0) {
    warnings.push(`OTEL_LOGS_EXPORTER=${logs.join(',')} is not supported: logs go to stdout only`);
  }
  const options: TelemetryOptions = {
    serviceName: text(env, 'SERVICE_NAME') ?? text(env, 'OTEL_SERVICE_NAME') ?? 'unknown_service:node',
    serviceVersion: text(env, 'SERVICE_VERSION'),
    exportTraces: otlpWanted(env, 'OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', warnings),
    tracesProtocol: protocol(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', warnings),
    exportMetrics: otlpWanted(env, 'OTEL_METRICS_EXPORTER', 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', warnings),
    metricsProtocol: protocol(env, 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', warnings),
    metricExportIntervalMs: positiveInt(env, 'OTEL_METRIC_EXPORT_INTERVAL', warnings),
    spanBatch: spanBatch(env, warnings),
  };
  // A shared variable read for two signals (OTEL_EXPORTER_OTLP_PROTOCOL) is reported once.
  const enabled = text(env, 'OTEL_SDK_DISABLED')?.toLowerCase() !== 'true';
  return { enabled, options, warnings: [...new Set(warnings)] };
}
