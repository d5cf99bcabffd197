import type { AgentCard } from '@a2a-platform/a2a-protocol';
import {
  A2ARequestHandler,
  a2aFrameworkErrors,
  a2aPlugin,
  type AgentExecutor,
} from '@a2a-platform/a2a-server';
import { healthRoutes, ServiceLifecycle, type DependencyCheck } from '@a2a-platform/service-kit';
import type { PushConfigStore, TaskStore } from '@a2a-platform/task-store';
import { fastifyOtelPlugin, metricsRoute } from '@a2a-platform/telemetry';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';

export interface AgentAppDeps {
  card: AgentCard;
  executor: AgentExecutor;
  store: TaskStore;
  pushConfigs: PushConfigStore;
  /** Deadline of each new task. */
  taskTimeoutMs: number;
  /** Dependencies /ready waits for (Redis, MCP connections). */
  checks?: DependencyCheck[];
  logger?: FastifyServerOptions['logger'];
  lifecycle?: ServiceLifecycle;
  /** How long running executions may finish when the server closes. @defaultValue 5000 */
  drainTimeoutMs?: number;
  /**
   * How often this instance fails tasks whose deadline passed. Every instance reaps, so a task
   * whose instance died still ends. 0 disables it. @defaultValue 1000
   */
  reaperIntervalMs?: number;
}

export interface AgentApp {
  app: FastifyInstance;
  handler: A2ARequestHandler;
  lifecycle: ServiceLifecycle;
}

function startReaper(
  handler: A2ARequestHandler,
  intervalMs: number,
  log: FastifyInstance['log'],
): NodeJS.Timeout | undefined {
  if (intervalMs <= 0) return undefined;
  let running = false;
  // One warning per outage, not one per tick: the reaper runs every second.
  let failing = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    handler
      .reapExpired()
      .then((failed) => {
        if (failing) log.info('deadline reaper works again');
        failing = false;
        if (failed.length > 0) {
          log.warn({ taskIds: failed.map((record) => record.task.id) }, 'failed tasks past their deadline');
        }
      })
      .catch((err: unknown) => {
        if (!failing) log.warn({ err }, 'deadline reaper failed; retrying every tick');
        failing = true;
      })
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return timer;
}

/**
 * Builds an agent's HTTP server without listening: route spans (when telemetry was started), A2A routes,
 * health routes and `GET /metrics` (unauthenticated, Prometheus text).
 */
export async function buildAgentApp(deps: AgentAppDeps): Promise<AgentApp> {
  const app = Fastify({ logger: deps.logger ?? false, frameworkErrors: a2aFrameworkErrors });
  // First, so that its onRoute hook sees every route registered after it.
  await app.register(fastifyOtelPlugin());
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({
      error: {
        code: 404,
        status: 'NOT_FOUND',
        message: `No route for ${req.method} ${req.url}`,
        details: [],
      },
    });
  });
  const lifecycle = deps.lifecycle ?? new ServiceLifecycle();
  const handler = new A2ARequestHandler({
    card: deps.card,
    executor: deps.executor,
    store: deps.store,
    pushConfigs: deps.pushConfigs,
    taskTimeoutMs: deps.taskTimeoutMs,
    logger: app.log,
  });
  await app.register(healthRoutes, { lifecycle, checks: deps.checks });
  await app.register(metricsRoute);
  await app.register(a2aPlugin, { handler });
  const reaper = startReaper(handler, deps.reaperIntervalMs ?? 1_000, app.log);
  app.addHook('preClose', async () => {
    clearInterval(reaper);
    lifecycle.startDraining();
    await handler.drain(deps.drainTimeoutMs ?? 5_000);
  });
  return { app, handler, lifecycle };
}
