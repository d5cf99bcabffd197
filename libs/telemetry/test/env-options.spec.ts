import { telemetryOptionsFromEnv } from '../src/index.js';

describe('telemetryOptionsFromEnv', () => {
  it('exports nothing without an endpoint, but still starts (ids for logs and propagation)', () => {
    const { enabled, options, warnings } = telemetryOptionsFromEnv({ SERVICE_NAME: 'orchestrator' });
    expect(enabled).toBe(true);
    expect(options).toMatchObject({ serviceName: 'orchestrator', exportTraces: false, exportMetrics: false });
    expect(warnings).toEqual([]);
  });

  it('exports traces and metrics once OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
    const { options } = telemetryOptionsFromEnv({
      SERVICE_NAME: 'inventory-agent',
      SERVICE_VERSION: '1.2.3',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
    expect(options).toMatchObject({ serviceVersion: '1.2.3', exportTraces: true, exportMetrics: true });
  });

  it('honours per-signal endpoints and exporter choices', () => {
    const tracesOnly = telemetryOptionsFromEnv({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
    }).options;
    expect(tracesOnly).toMatchObject({ exportTraces: true, exportMetrics: false });

    const noneAnywhere = telemetryOptionsFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_METRICS_EXPORTER: 'prometheus',
    }).options;
    expect(noneAnywhere).toMatchObject({ exportTraces: false, exportMetrics: false });
  });

  it('falls back to OTEL_SERVICE_NAME and reads the batch and interval settings', () => {
    const { options, warnings } = telemetryOptionsFromEnv({
      OTEL_SERVICE_NAME: 'erp-mcp',
      OTEL_BSP_MAX_QUEUE_SIZE: '100',
      OTEL_BSP_EXPORT_TIMEOUT: 'soon',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
    });
    expect(options.serviceName).toBe('erp-mcp');
    expect(options.spanBatch).toMatchObject({ maxQueueSize: 100, exportTimeoutMs: undefined });
    expect(options.metricExportIntervalMs).toBe(15000);
    expect(warnings).toEqual(['OTEL_BSP_EXPORT_TIMEOUT=soon is not a positive integer: using the default']);
  });

  it('warns about what it cannot honour: OTLP logs, other protocols, unknown exporters', () => {
    const { warnings } = telemetryOptionsFromEnv({
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_TRACES_EXPORTER: 'zipkin',
    });
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/OTEL_LOGS_EXPORTER=otlp/);
    expect(warnings.join('\n')).toMatch(/OTEL_EXPORTER_OTLP_PROTOCOL=grpc/);
    expect(warnings.join('\n')).toMatch(/OTEL_TRACES_EXPORTER=zipkin/);
    expect(telemetryOptionsFromEnv({ OTEL_LOGS_EXPORTER: 'none' }).warnings).toEqual([]);
  });

  it('sends http/protobuf unless a protocol variable asks for http/json, per signal', () => {
    expect(telemetryOptionsFromEnv({}).options).toMatchObject({
      tracesProtocol: undefined,
      metricsProtocol: undefined,
    });
    expect(telemetryOptionsFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).options).toMatchObject({
      tracesProtocol: 'http/json',
      metricsProtocol: 'http/json',
    });
    const perSignal = telemetryOptionsFromEnv({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
    });
    expect(perSignal.options).toMatchObject({
      tracesProtocol: 'http/protobuf',
      metricsProtocol: 'http/json',
    });
    expect(perSignal.warnings).toEqual([]);
  });

  it('reports an unsupported protocol once and keeps the default', () => {
    const { options, warnings } = telemetryOptionsFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(options).toMatchObject({ tracesProtocol: undefined, metricsProtocol: undefined });
    expect(warnings).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported (only http/protobuf, http/json): sending http/protobuf',
    ]);
  });

  it('is disabled by OTEL_SDK_DISABLED=true', () => {
    expect(telemetryOptionsFromEnv({ OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
    expect(telemetryOptionsFromEnv({ OTEL_SDK_DISABLED: 'false' }).enabled).toBe(true);
  });
});
