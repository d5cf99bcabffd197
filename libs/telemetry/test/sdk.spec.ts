import { createServer } from 'node:net';
import Fastify from 'fastify';
import {
  fastifyOtelPlugin,
  isTelemetryStarted,
  loggerMixin,
  metricsRoute,
  platformMetrics,
  shutdownTelemetry,
  startTelemetry,
  withA2AServerSpan,
} from '../src/index.js';

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// In-process: the OTLP transport loads `http` with a dynamic import, which jest's VM refuses, so exports
// fail early here. The real closed-port case runs in a child process (register.spec.ts).
describe('started telemetry in-process, exporting to a closed port', () => {
  const failures: { where: string; message: string }[] = [];
  let base = '';

  beforeAll(async () => {
    base = `http://127.0.0.1:${await closedPort()}`;
  });

  it('starts, traces, serves /metrics, and shuts down without throwing', async () => {
    const started = startTelemetry({
      serviceName: 'telemetry-test',
      serviceVersion: '9.9.9',
      exportTraces: true,
      otlpTracesUrl: `${base}/v1/traces`,
      exportMetrics: true,
      otlpMetricsUrl: `${base}/v1/metrics`,
      detectResources: false,
      spanBatch: { scheduledDelayMs: 10, exportTimeoutMs: 500 },
      onFailure: (err, where) => failures.push({ where, message: String(err) }),
    });
    expect(started).toBe(true);
    expect(isTelemetryStarted()).toBe(true);

    // A request through Fastify with the otel plugin, a span of ours inside, and a counter.
    const app = Fastify();
    await app.register(fastifyOtelPlugin());
    await app.register(metricsRoute);
    app.get('/work', async () =>
      withA2AServerSpan('SendMessage', {}, async () => {
        platformMetrics().tasksStarted.add(1, { skill: 'probe' });
        return loggerMixin();
      }),
    );
    const work = await app.inject({ method: 'GET', url: '/work' });
    expect(work.statusCode).toBe(200);
    expect(work.json()).toEqual({
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      spanId: expect.any(String),
    });

    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('a2a_server_tasks_started_total{skill="probe"');
    // Served from the started SDK's provider: its resource names the service.
    expect(metrics.body).toContain('service_name="telemetry-test"');
    await app.close();

    await expect(shutdownTelemetry(2000)).resolves.toBeUndefined();
    // A second call shares the first one's work.
    await expect(shutdownTelemetry(2000)).resolves.toBeUndefined();
    // Export failures reached our handler instead of the request.
    expect(failures.map((f) => f.where)).toContain('opentelemetry');
  });

  it('keeps working after shutdown: helpers run their work and the starter stays idempotent', async () => {
    await expect(withA2AServerSpan('GetTask', {}, async () => 'still fine')).resolves.toBe('still fine');
    expect(startTelemetry({ serviceName: 'again' })).toBe(true);
  });
});
