import type { AgentCard } from '@a2a-platform/a2a-protocol';
import { A2ARequestHandler, a2aPlugin, type AgentExecutor } from '@a2a-platform/a2a-server';
import { healthRoutes, ServiceLifecycle, type DependencyCheck } from '@a2a-platform/service-kit';
import type { PushConfigStore, TaskStore } from '@a2a-platform/task-store';
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
}

export interface AgentApp {
  app: FastifyInstance;
  handler: A2ARequestHandler;
  lifecycle: ServiceLifecycle;
}

/** Builds an agent's HTTP server (A2A routes and health routes) without listening. */
export async function buildAgentApp(deps: AgentAppDeps): Promise<AgentApp> {
  const app = Fastify({ logger: deps.logger ?? false });
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
  await app.register(a2aPlugin, { handler });
  app.addHook('preClose', async () => {
    lifecycle.startDraining();
    await handler.drain(deps.drainTimeoutMs ?? 5_000);
  });
  return { app, handler, lifecycle };
}
