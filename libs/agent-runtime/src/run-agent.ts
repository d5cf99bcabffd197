import type { AgentCard } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor } from '@a2a-platform/a2a-server';
import {
  publicUrl,
  runService,
  serviceLoggerOptions,
  wantsPrettyLogs,
  type DependencyCheck,
} from '@a2a-platform/service-kit';
import type { FastifyBaseLogger } from 'fastify';
import { buildAgentApp } from './agent-app.js';
import type { AgentEnv } from './agent-env.js';
import { openTaskStores } from './task-stores.js';

/** What {@link RunAgentOptions.onStart} is given. */
export interface AgentStartContext {
  /** The service's logger, for what the hook starts (MCP clients...). */
  log: FastifyBaseLogger;
}

export interface RunAgentOptions {
  env: AgentEnv;
  /** The card, given the URL the agent advertises. */
  card: (url: string) => AgentCard;
  executor: AgentExecutor;
  checks?: DependencyCheck[];
  /** Runs before listening (connect to MCP servers...). */
  onStart?: (ctx: AgentStartContext) => Promise<void>;
  /** Runs after the server closed (close MCP sessions...). */
  onClosed?: () => Promise<void>;
}

/** Starts an agent service: stores, HTTP server, health, graceful shutdown. */
export async function runAgent(opts: RunAgentOptions): Promise<void> {
  const { env } = opts;
  const stores = await openTaskStores(env);
  const { app, lifecycle } = await buildAgentApp({
    card: opts.card(publicUrl(env)),
    executor: opts.executor,
    store: stores.tasks,
    pushConfigs: stores.pushConfigs,
    taskTimeoutMs: env.TASK_TIMEOUT_MS,
    checks: [...stores.checks, ...(opts.checks ?? [])],
    logger: serviceLoggerOptions({
      service: env.SERVICE_NAME,
      version: env.SERVICE_VERSION,
      level: env.LOG_LEVEL,
      pretty: wantsPrettyLogs(env, process.stdout.isTTY),
    }),
  });
  app.log.info({ taskStore: stores.kind }, 'task store ready');
  await opts.onStart?.({ log: app.log });
  await runService({
    app,
    lifecycle,
    port: env.PORT,
    host: env.HOST,
    onClosed: async () => {
      await opts.onClosed?.();
      await stores.close();
    },
  });
}
