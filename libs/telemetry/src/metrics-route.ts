import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { activePrometheusReader } from './metrics.js';
import { reportFailure } from './telemetry-state.js';

/** Options of {@link metricsRoute}. */
export interface MetricsRouteOptions {
  /** @defaultValue '/metrics' */
  path?: string;
}

/** Content type of the Prometheus text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `GET /metrics`: every instrument of the platform's MeterProvider in Prometheus text format. Served from
 * the started telemetry when there is one, else from a local provider holding `platformMetrics()`. A
 * collection failure answers 500 (the scrape fails visibly) and is reported, never thrown.
 */
export const metricsRoute = fp(
  async (app: FastifyInstance, opts: MetricsRouteOptions) => {
    const serializer = new PrometheusSerializer();
    app.get(opts.path ?? '/metrics', { logLevel: 'warn', config: { otel: false } }, async (_req, reply) => {
      try {
        const { resourceMetrics, errors } = await activePrometheusReader().collect();
        for (const err of errors) reportFailure(err, 'metrics collection');
        // Detected resource attributes (host id) settle asynchronously; without a push exporter nothing
        // else awaits them, and reading them unsettled fails every scrape's `target_info`.
        await resourceMetrics.resource.waitForAsyncAttributes?.();
        return reply.type(PROMETHEUS_CONTENT_TYPE).send(serializer.serialize(resourceMetrics));
      } catch (err) {
        reportFailure(err, 'metricsRoute');
        return reply.code(500).type(PROMETHEUS_CONTENT_TYPE).send('# metrics collection failed\n');
      }
    });
  },
  { name: 'telemetry-metrics-route', fastify: '5.x' },
);
