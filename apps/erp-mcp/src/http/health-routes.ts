import type { FastifyInstance } from 'fastify';

/** Options of the health routes. */
export interface HealthRoutesOptions {
  service: string;
  version: string;
  /** True once the database is open and migrated, false while draining. */
  isReady: () => boolean;
  /** Open MCP sessions, reported by `/health`. */
  sessionCount: () => number;
}

/**
 * `GET /live` (the process answers), `GET /ready` (200 once it can serve tools, else 503) and
 * `GET /health` (a summary for people).
 */
export async function healthRoutes(app: FastifyInstance, options: HealthRoutesOptions): Promise<void> {
  const { service, version, isReady, sessionCount } = options;

  app.get('/live', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    const ready = isReady();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready' });
  });

  app.get('/health', async () => ({
    status: isReady() ? 'ok' : 'degraded',
    service,
    version,
    uptimeSeconds: Math.round(process.uptime()),
    sessions: sessionCount(),
  }));
}
