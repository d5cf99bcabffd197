import { randomUUID } from 'node:crypto';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { diag, DiagLogLevel, metrics } from '@opentelemetry/api';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  resourceFromAttributes,
  type Resource,
} from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { FastifyPluginCallback } from 'fastify';
import { isUntracedPath, TelemetryAttributes, UNTRACED_PATHS } from './attributes.js';
import {
  DEFAULT_OTLP_PROTOCOL,
  otlpTraceExporter,
  type OtlpHttpProtocol,
} from './export/otlp-trace-exporter.js';
import { reportFailure, telemetryState, type TelemetryFailureHandler } from './telemetry-state.js';

/** Span batching limits: bounded, so a collector that is down costs at most `maxQueueSize` spans of memory. */
export interface SpanBatchOptions {
  /** Spans beyond this many waiting are dropped. @defaultValue 2048 */
  maxQueueSize?: number;
  /** @defaultValue 512 */
  maxExportBatchSize?: number;
  /** @defaultValue 1000 */
  scheduledDelayMs?: number;
  /** An export that takes longer is abandoned. @defaultValue 10000 */
  exportTimeoutMs?: number;
}

/** What {@link startTelemetry} sets up. Only the bootstrap (`register`) derives these from the environment. */
export interface TelemetryOptions {
  serviceName: string;
  /** @defaultValue '0.0.0' */
  serviceVersion?: string;
  /** @defaultValue a random UUID per process */
  serviceInstanceId?: string;
  /**
   * Export spans over OTLP/HTTP. The exporter reads its endpoint, headers and timeout from the
   * standard `OTEL_EXPORTER_OTLP_*` variables. When false, spans still get ids (log correlation and
   * propagation work) but are not exported.
   * @defaultValue false
   */
  exportTraces?: boolean;
  /** Full OTLP traces URL (`…/v1/traces`), overriding what the exporter reads from `OTEL_*`. */
  otlpTracesUrl?: string;
  /** @defaultValue `http/protobuf` */
  tracesProtocol?: OtlpHttpProtocol;
  /** Also push metrics over OTLP/HTTP; `/metrics` is served either way. @defaultValue false */
  exportMetrics?: boolean;
  /** Full OTLP metrics URL (`…/v1/metrics`), overriding what the exporter reads from `OTEL_*`. */
  otlpMetricsUrl?: string;
  /** @defaultValue `http/protobuf` */
  metricsProtocol?: OtlpHttpProtocol;
  /** @defaultValue 60000 */
  metricExportIntervalMs?: number;
  spanBatch?: SpanBatchOptions;
  /** Add process, host and `OTEL_RESOURCE_ATTRIBUTES` attributes to the resource. @defaultValue true */
  detectResources?: boolean;
  /** Incoming paths that get no span. @defaultValue UNTRACED_PATHS (/health, /ready, /live, /metrics) */
  untracedPaths?: readonly string[];
  /** Receives failures inside telemetry (they are never rethrown). @defaultValue a JSON line on stderr */
  onFailure?: TelemetryFailureHandler;
}

/** Flush timeout used by {@link shutdownTelemetry} when none is given. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5000;

function buildResource(options: TelemetryOptions): Resource {
  const own = resourceFromAttributes({
    [TelemetryAttributes.serviceName]: options.serviceName,
    [TelemetryAttributes.serviceVersion]: options.serviceVersion ?? '0.0.0',
    [TelemetryAttributes.serviceInstanceId]: options.serviceInstanceId ?? randomUUID(),
  });
  if (options.detectResources === false) return defaultResource().merge(own);
  const detected = detectResources({ detectors: [envDetector, processDetector, hostDetector] });
  return defaultResource().merge(detected).merge(own);
}

function buildSpanProcessor(options: TelemetryOptions): SpanProcessor {
  // Without an exporter we still need a real tracer provider: ids for logs and traceparent for peers.
  if (!options.exportTraces) return new NoopSpanProcessor();
  const batch = options.spanBatch ?? {};
  const exporter = otlpTraceExporter({
    protocol: options.tracesProtocol,
    url: options.otlpTracesUrl,
    timeoutMillis: batch.exportTimeoutMs,
  });
  return new BatchSpanProcessor(exporter, {
    maxQueueSize: batch.maxQueueSize ?? 2048,
    maxExportBatchSize: batch.maxExportBatchSize ?? 512,
    scheduledDelayMillis: batch.scheduledDelayMs ?? 1000,
    exportTimeoutMillis: batch.exportTimeoutMs ?? 10_000,
  });
}

function buildMetricReaders(options: TelemetryOptions, prometheus: PrometheusExporter): IMetricReader[] {
  const readers: IMetricReader[] = [prometheus];
  if (options.exportMetrics) {
    const exportIntervalMillis = options.metricExportIntervalMs ?? 60_000;
    const protocol = options.metricsProtocol ?? DEFAULT_OTLP_PROTOCOL;
    const Exporter = protocol === 'http/json' ? JsonMetricExporter : ProtobufMetricExporter;
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new Exporter({ url: options.otlpMetricsUrl }),
        exportIntervalMillis,
        exportTimeoutMillis: Math.min(10_000, exportIntervalMillis),
      }),
    );
  }
  return readers;
}

const DIAG_REPORT_INTERVAL_MS = 60_000;

/** OTel hands errors to diag as JSON (`{"message": …, "stack": …}`); keep just the message. */
function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') {
    if (!value.startsWith('{')) return value;
    try {
      const parsed = JSON.parse(value) as { message?: unknown };
      return typeof parsed.message === 'string' ? parsed.message : value;
    } catch {
      return value;
    }
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Export failures surface only through OTel's diag logger, silent by default. Report its errors, at most
 * one a minute: a collector that is down must be visible without flooding the logs. `OTEL_LOG_LEVEL`
 * (read by NodeSDK) replaces this with OTel's console logger.
 */
function reportDiagErrors(): void {
  let lastReport = 0;
  const ignore = () => undefined;
  const error = (message: unknown, ...args: unknown[]) => {
    const now = Date.now();
    if (now - lastReport < DIAG_REPORT_INTERVAL_MS) return;
    lastReport = now;
    const err = new Error([message, ...args].map(describe).join(' '));
    err.stack = undefined; // our own stack here says nothing about the failure
    reportFailure(err, 'opentelemetry');
  };
  diag.setLogger(
    { error, warn: ignore, info: ignore, debug: ignore, verbose: ignore },
    { logLevel: DiagLogLevel.ERROR, suppressOverrideMessage: true },
  );
}

/** Redis arguments carry task payloads: name the command and count its arguments, nothing more. */
function redisStatement(command: string, args: readonly unknown[]): string {
  return `${command} [${args.length} args]`;
}

/**
 * Starts tracing (NodeSDK with OTLP/HTTP export, protobuf or JSON, when enabled, W3C propagation, instrumentations for http,
 * undici/fetch, ioredis, pino and Fastify) and metrics (a MeterProvider read by `/metrics`, plus OTLP push
 * when enabled). Log records are never exported over OTLP: logs are JSON lines on stdout. Runs once per
 * process; later calls do nothing. Never throws: returns false when telemetry could not start.
 */
export function startTelemetry(options: TelemetryOptions): boolean {
  const state = telemetryState();
  if (options.onFailure) state.onFailure = options.onFailure;
  if (state.sdk) return true;
  try {
    reportDiagErrors();
    const untraced = options.untracedPaths ?? UNTRACED_PATHS;
    const resource = buildResource(options);
    const prometheus = new PrometheusExporter({ preventServerStart: true });
    const meterProvider = new MeterProvider({ resource, readers: buildMetricReaders(options, prometheus) });
    // Registered before the SDK starts so the instrumentations pick it up.
    metrics.setGlobalMeterProvider(meterProvider);

    // One server span per request, Fastify's: hook and handler child spans cost a third of the tracing
    // overhead and say little (the A2A and MCP spans below them name the work).
    const fastifyOtel = new FastifyOtelInstrumentation({
      registerOnInitialization: false,
      ignorePaths: (route) => isUntracedPath(route.url, untraced),
      instrumentHooks: false,
      instrumentHandler: false,
    });
    const sdk = new NodeSDK({
      resource,
      autoDetectResources: false,
      spanProcessors: [buildSpanProcessor(options)],
      // An explicit empty list keeps NodeSDK from building metric readers or OTLP log exporters from the
      // environment (it would default both to OTLP once OTEL_EXPORTER_OTLP_ENDPOINT is set).
      metricReaders: [],
      logRecordProcessors: [],
      instrumentations: [
        // Incoming requests get their server span (and their parent from traceparent) from @fastify/otel;
        // a second one from node:http would double the spans of every request. Outgoing node:http calls
        // are still traced.
        new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
        new UndiciInstrumentation(),
        new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: redisStatement }),
        new PinoInstrumentation({
          disableLogSending: true,
          logKeys: { traceId: 'traceId', spanId: 'spanId', traceFlags: 'traceFlags' },
        }),
        fastifyOtel,
      ],
    });
    sdk.start();
    // NodeSDK registered an AsyncLocalStorage context manager: the task in scope rides in it (logger.ts).
    Object.assign(state, { sdk, meterProvider, prometheus, fastifyOtel, taskIdInTraceContext: true });
    return true;
  } catch (err) {
    reportFailure(err, 'startTelemetry');
    return false;
  }
}

/** True once {@link startTelemetry} has succeeded in this process. */
export function isTelemetryStarted(): boolean {
  return telemetryState().sdk !== undefined;
}

function withTimeout(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      reportFailure(new Error(`telemetry flush did not finish within ${timeoutMs} ms`), 'shutdownTelemetry');
      resolve();
    }, timeoutMs);
    timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (err: unknown) => {
        clearTimeout(timer);
        reportFailure(err, 'shutdownTelemetry');
        resolve();
      },
    );
  });
}

/**
 * Flushes pending spans and metrics and stops the providers, giving up after `timeoutMs`. Never rejects;
 * safe to call more than once and when telemetry never started. Call it from the service's own shutdown
 * path (after the server closed, before `process.exit`).
 */
export function shutdownTelemetry(timeoutMs: number = DEFAULT_SHUTDOWN_TIMEOUT_MS): Promise<void> {
  const state = telemetryState();
  if (!state.sdk) return Promise.resolve();
  state.shutdown ??= (async () => {
    try {
      const stopping = Promise.all([state.sdk?.shutdown(), state.meterProvider?.shutdown()]);
      await withTimeout(stopping, timeoutMs);
    } catch (err) {
      reportFailure(err, 'shutdownTelemetry');
    }
  })();
  return state.shutdown;
}

const disabledFastifyOtel: FastifyPluginCallback = (_app, _opts, done) => done();

/**
 * The `@fastify/otel` plugin (route and hook spans) of the running telemetry, or a plugin that does nothing
 * when telemetry was not started. Register it first and await it, before any route:
 * `await app.register(fastifyOtelPlugin())`. Register it once per Fastify instance.
 */
export function fastifyOtelPlugin(): FastifyPluginCallback {
  const instrumentation = telemetryState().fastifyOtel;
  if (!instrumentation) return disabledFastifyOtel;
  try {
    return instrumentation.plugin() as FastifyPluginCallback;
  } catch (err) {
    reportFailure(err, 'fastifyOtelPlugin');
    return disabledFastifyOtel;
  }
}
