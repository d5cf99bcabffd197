import { A2ARequestHandler, a2aPlugin, type AgentExecutor } from '@a2a-platform/a2a-server';
import { healthRoutes, ServiceLifecycle, type DependencyCheck } from '@a2a-platform/service-kit';
import type { PushConfigStore, TaskStore } from '@a2a-platform/task-store';
import type { AgentCard } from '@a2a-platform/a2a-protocol';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';

export interface AgentAppDeps {
  card: AgentCard;
  executor: AgentExecutor;
  store: TaskStore;
  pushConfigs: PushConfigStore;
  taskTimeoutMs: number;
  checks?: DependencyCheck[];
  logger?: FastifyServerOptions['logger'];
  lifecycle?: ServiceLifecycle;
}

/** Builds the agent's HTTP server without listening (tests use inject or listen on port 0). */
export async function buildApp(
  deps: AgentAppDeps,
): Promise<{ app: FastifyInstance; handler: A2ARequestHandler }> {
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
    await handler.drain(5_000);
  });
  return { app, handler };
}
