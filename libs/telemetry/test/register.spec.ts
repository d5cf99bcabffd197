import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { runNodeScript } from './support/child-node.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver.js';

// Black-box: the built bootstrap in a real process, where require/import patching works (unlike in jest).
const workspaceRoot = resolve(__dirname, '../../..');
const registerJs = resolve(__dirname, '../dist/register.js');

/** A Fastify service wired as the platform's services are: otel plugin, logger mixin, /metrics. */
const SERVICE_SCRIPT = `
import Fastify from 'fastify';
import {
  fastifyOtelPlugin, loggerMixin, metricsRoute, platformMetrics, runWithTaskId, shutdownTelemetry,
  withA2AServerSpan,
} from '@a2a-platform/telemetry';
const app = Fastify({ logger: { mixin: loggerMixin } });
await app.register(fastifyOtelPlugin());
await app.register(metricsRoute);
app.get('/health', async () => ({ status: 'ok' }));
app.post('/a2a', async (req) =>
  withA2AServerSpan('SendMessage', { taskId: 'task-1' }, async () => {
    runWithTaskId('task-1', () => req.log.info('handled'));
    platformMetrics().tasksStarted.add(1, { skill: 'probe' });
    return { ok: true };
  }),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = 'http://127.0.0.1:' + app.server.address().port;
await (await fetch(base + '/health')).text();
await (await fetch(base + '/a2a', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).text();
const scraped = await (await fetch(base + '/metrics')).text();
console.log(JSON.stringify({ msg: 'scraped', hostInTargetInfo: /target_info{[^}]*host_name=/.test(scraped) }));
await app.close();
await shutdownTelemetry(Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 3000));
console.log(JSON.stringify({ msg: 'child done' }));
`;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const mentions = (span: ReceivedSpan, text: string) => JSON.stringify(span.attributes).includes(text);

jest.setTimeout(30_000);

describe('the --import bootstrap in a child process', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    if (!existsSync(registerJs))
      throw new Error(`${registerJs} is missing: run \`npx nx build telemetry\` first`);
    receiver = await startOtlpReceiver();
  });
  afterAll(() => receiver.close());

  it('exports one connected trace per request, skips /health, correlates logs and never exports logs', async () => {
    const child = await runNodeScript(SERVICE_SCRIPT, {
      imports: [registerJs],
      cwd: workspaceRoot,
      env: {
        SERVICE_NAME: 'register-test',
        SERVICE_VERSION: '2.0.0',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        // JSON, for this receiver to read the spans back (the default, protobuf, is the next test's).
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '50',
      },
    });
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);

    const spans = await receiver.waitForSpans((all) => all.some((s) => s.name === 'A2A SendMessage'));
    const a2a = spans.find((s) => s.name === 'A2A SendMessage') as ReceivedSpan;
    const trace = spans.filter((s) => s.traceId === a2a.traceId);

    // fetch (undici) -> traceparent -> http server span -> fastify route -> our span: one trace.
    const client = trace.find((s) => s.kind === 'CLIENT' && !s.parentSpanId);
    const httpServer = trace.find((s) => s.kind === 'SERVER' && s.parentSpanId === client?.spanId);
    expect(client).toBeDefined();
    expect(httpServer).toBeDefined();
    // Our span runs inside the route handler's span from @fastify/otel.
    expect(trace.find((s) => s.spanId === a2a.parentSpanId)?.scope).toBe('@fastify/otel');
    expect(a2a.attributes).toMatchObject({ 'a2a.method': 'SendMessage', 'a2a.task.id': 'task-1' });
    expect(a2a.resource).toMatchObject({ 'service.name': 'register-test', 'service.version': '2.0.0' });
    expect(a2a.resource['service.instance.id']).toEqual(expect.any(String));

    // Probes are not traced on the server side (the caller's own client span remains).
    expect(spans.filter((s) => s.kind !== 'CLIENT' && mentions(s, '/health'))).toEqual([]);

    const handled = child.jsonLines().find((l) => l['msg'] === 'handled');
    expect(handled).toMatchObject({ traceId: a2a.traceId, spanId: a2a.spanId, taskId: 'task-1' });

    expect(receiver.requestsTo('/v1/logs')).toEqual([]);
    expect(receiver.metricNames()).toContain('a2a.server.tasks.started');
  });

  it('sends traces and metrics as OTLP protobuf by default', async () => {
    const posts = () => receiver.requests.filter((r) => r.contentType.includes('protobuf'));
    const before = posts().length;
    const child = await runNodeScript(SERVICE_SCRIPT, {
      imports: [registerJs],
      cwd: workspaceRoot,
      env: { SERVICE_NAME: 'protobuf-default', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
    });
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    // Shutdown flushed both signals; protobuf carries strings as UTF-8, so the names show in the bytes.
    const sent = posts().slice(before);
    const traces = sent.filter((r) => r.path === '/v1/traces').map((r) => String(r.body));
    const metrics = sent.filter((r) => r.path === '/v1/metrics').map((r) => String(r.body));
    expect(sent.every((r) => r.contentType === 'application/x-protobuf')).toBe(true);
    expect(traces.join('')).toContain('A2A SendMessage');
    expect(traces.join('')).toContain('protobuf-default');
    expect(metrics.join('')).toContain('a2a.server.tasks.started');
  });

  it('keeps trace ids for logs but exports nothing with OTEL_TRACES_EXPORTER=none', async () => {
    const before = receiver.requestsTo('/v1/traces').length;
    const child = await runNodeScript(SERVICE_SCRIPT, {
      imports: ['@a2a-platform/telemetry/register'],
      cwd: workspaceRoot,
      env: {
        SERVICE_NAME: 'no-export',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_METRICS_EXPORTER: 'none',
      },
    });
    expect(child.code).toBe(0);
    const handled = child.jsonLines().find((l) => l['msg'] === 'handled');
    expect(handled).toMatchObject({ traceId: expect.stringMatching(/^[0-9a-f]{32}$/), taskId: 'task-1' });
    expect(receiver.requestsTo('/v1/traces').length).toBe(before);
    // With no exporter to settle the detected resource, the scrape itself must (no diag error either).
    expect(child.jsonLines().find((l) => l['msg'] === 'scraped')).toMatchObject({ hostInTargetInfo: true });
    expect(child.stderr).toBe('');
  });

  it('serves requests and exits cleanly when the collector is unreachable', async () => {
    const port = await closedPort();
    const child = await runNodeScript(SERVICE_SCRIPT, {
      imports: [registerJs],
      cwd: workspaceRoot,
      env: {
        SERVICE_NAME: 'collector-down',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_BSP_SCHEDULE_DELAY: '10',
        // Bounds the exporters' retries; the shutdown timeout bounds everything else.
        OTEL_EXPORTER_OTLP_TIMEOUT: '500',
        OTEL_BSP_EXPORT_TIMEOUT: '500',
        SHUTDOWN_TIMEOUT_MS: '1000',
      },
    });
    expect(child.code).toBe(0);
    expect(child.jsonLines().map((l) => l['msg'])).toEqual(expect.arrayContaining(['handled', 'child done']));
    // Whatever telemetry reported went out as JSON lines, not as crashes or stack dumps.
    for (const line of child.stderr.split('\n').filter(Boolean)) {
      expect(JSON.parse(line)).toMatchObject({ component: 'telemetry' });
    }
  });
});
