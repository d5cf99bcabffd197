import Fastify, { type FastifyInstance } from 'fastify';
import {
  metricsRoute,
  platformMeter,
  platformMetrics,
  PROMETHEUS_CONTENT_TYPE,
  withInvokeAgentSpan,
  withMcpServerSpan,
} from '../src/index.js';

/** The value of the one sample line that starts with `series` (name plus labels, without the value). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics and GET /metrics without started telemetry', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await app.register(metricsRoute);
    await app.register(metricsRoute, { path: '/internal/metrics' });
  });
  afterAll(() => app.close());

  const scrape = async (url = '/metrics') => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(PROMETHEUS_CONTENT_TYPE);
    return res.body;
  };

  it('serves counter increments in Prometheus text', async () => {
    const before = sample(await scrape(), 'a2a_server_tasks_started_total{skill="check-stock"') ?? 0;
    platformMetrics().tasksStarted.add(1, { skill: 'check-stock' });
    platformMetrics().tasksStarted.add(1, { skill: 'check-stock' });
    platformMetrics().tasksFinished.add(1, { state: 'TASK_STATE_COMPLETED', skill: 'check-stock' });
    platformMetrics().taskStoreErrors.add(1, { code: 'REDIS_UNAVAILABLE' });

    const text = await scrape();
    expect(sample(text, 'a2a_server_tasks_started_total{skill="check-stock"')).toBe(before + 2);
    expect(
      sample(text, 'a2a_server_tasks_finished_total{state="TASK_STATE_COMPLETED",skill="check-stock"'),
    ).toBe(1);
    expect(sample(text, 'task_store_errors_total{code="REDIS_UNAVAILABLE"')).toBe(1);
  });

  it('serves the up-down counter of open streams as a gauge', async () => {
    platformMetrics().sseActive.add(1);
    platformMetrics().sseActive.add(1);
    platformMetrics().sseActive.add(-1);
    expect(sample(await scrape(), 'a2a_server_sse_active{')).toBe(1);
  });

  it('records call durations from the span helpers, labelled by outcome', async () => {
    await withInvokeAgentSpan({ agentName: 'procurement' }, async () => undefined);
    await expect(
      withInvokeAgentSpan({ agentName: 'procurement' }, async () => {
        throw new Error('unreachable');
      }),
    ).rejects.toThrow();
    await withMcpServerSpan({ method: 'tools/call', toolName: 'get_stock' }, async () => ({ isError: true }));
    platformMetrics().taskDuration.record(2.5, { state: 'TASK_STATE_FAILED', skill: 'reorder' });

    const text = await scrape('/internal/metrics');
    expect(sample(text, 'a2a_client_call_duration_count{agent="procurement",outcome="ok"')).toBe(1);
    expect(sample(text, 'a2a_client_call_duration_count{agent="procurement",outcome="error"')).toBe(1);
    expect(
      sample(
        text,
        'mcp_server_operation_duration_count{method="tools/call",tool="get_stock",outcome="tool_error"',
      ),
    ).toBe(1);
    expect(sample(text, 'a2a_server_task_duration_sum{state="TASK_STATE_FAILED",skill="reorder"')).toBe(2.5);
    expect(text).toContain('# UNIT a2a_server_task_duration s');
  });

  it('serves instruments other libs create on the platform meter', async () => {
    const rejections = platformMeter('@a2a-platform/rate-limit').createCounter('rate_limit.rejections');
    rejections.add(3, { principal: 'svc-a' });
    expect(sample(await scrape(), 'rate_limit_rejections_total{principal="svc-a"')).toBe(3);
  });
});
