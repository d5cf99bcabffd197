import { healthRoutes, ServiceLifecycle, type DependencyCheck } from '@a2a-platform/service-kit';
import { fastifyOtelPlugin, metricsRoute } from '@a2a-platform/telemetry';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { fastify, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AllowedHosts } from './host-guard.js';
import { McpSessionRegistry } from './mcp-session-registry.js';
import { mcpRoutes } from './mcp-routes.js';

/** Settings an MCP service takes from its host (`main.ts` or a test). */
export interface McpServiceSettings {
  /** Fastify logger options (pino); `false` silences logging. @defaultValue false */
  logger?: FastifyServerOptions['logger'];
  /** Drain state shared with the shutdown sequence (`runService`). @defaultValue a new ServiceLifecycle */
  lifecycle?: ServiceLifecycle;
  /** Host names `/mcp` accepts in `Host` and `Origin`, or `'any'`. @defaultValue LOOPBACK_HOSTNAMES */
  allowedHosts?: AllowedHosts;
  /** An MCP session with no request for this long is closed. @defaultValue 1_800_000 (30 minutes) */
  sessionIdleTimeoutMs?: number;
}

/** What {@link buildMcpServiceApp} needs: the host's settings plus the service's own MCP server. */
export interface McpServiceAppOptions extends McpServiceSettings {
  /** A new MCP server with the service's tools; called once per client session with the app's logger. */
  createServer: (logger: FastifyBaseLogger) => McpServer;
  /** Dependencies `/ready` and `/health` report, e.g. the database. @defaultValue [] */
  checks?: readonly DependencyCheck[];
}

/**
 * Builds an MCP service: `/mcp` (Streamable HTTP, one MCP server per session), the health
 * routes `/live`, `/ready`, `/health` and `GET /metrics` (Prometheus text), with route spans when
 * telemetry was started. Does not listen. Closing the app reports not-ready, then closes every MCP
 * session, so open SSE streams do not hold it.
 */
export function buildMcpServiceApp(options: McpServiceAppOptions): FastifyInstance {
  const app = fastify({ logger: options.logger ?? false });
  const lifecycle = options.lifecycle ?? new ServiceLifecycle();
  const sessions = new McpSessionRegistry({
    createServer: () => options.createServer(app.log),
    logger: app.log,
    idleTimeoutMs: options.sessionIdleTimeoutMs,
  });
  app.addHook('preClose', async () => lifecycle.startDraining());
  // Registered first (plugins load in order), so that its onRoute hook sees every route after it.
  void app.register(fastifyOtelPlugin());
  void app.register(healthRoutes, { lifecycle, checks: options.checks });
  void app.register(metricsRoute);
  void app.register(mcpRoutes, { sessions, allowedHosts: options.allowedHosts });
  return app;
}
