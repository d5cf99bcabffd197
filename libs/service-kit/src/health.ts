import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** One dependency the service needs to serve traffic (Redis, an MCP connection...). */
export interface DependencyCheck {
  readonly name: string;
  /** Resolves true when the dependency is usable; a rejection counts as down. */
  check(): Promise<boolean> | boolean;
}

/** Shared by the health routes and the shutdown sequence. */
export class ServiceLifecycle {
  private drainingSince: number | undefined;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }
}

export interface HealthRoutesOptions {
  lifecycle: ServiceLifecycle;
  checks?: readonly DependencyCheck[];
  /** Per-check timeout. @defaultValue 1000 */
  checkTimeoutMs?: number;
}

async function runCheck(check: DependencyCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(check.check()),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
      }),
    ]);
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

async function summarise(
  checks: readonly DependencyCheck[],
  timeoutMs: number,
): Promise<{ ok: boolean; dependencies: Record<string, 'up' | 'down'> }> {
  const results = await Promise.all(checks.map((c) => runCheck(c, timeoutMs)));
  const dependencies: Record<string, 'up' | 'down'> = {};
  checks.forEach((c, i) => (dependencies[c.name] = results[i] ? 'up' : 'down'));
  return { ok: results.every(Boolean), dependencies };
}

/**
 * `GET /live` (the process answers), `GET /ready` (503 until every dependency is up, and
 * while draining) and `GET /health` (liveness plus a dependency summary; 503 when degraded).
 */
export const healthRoutes = fp(
  async (app: FastifyInstance, opts: HealthRoutesOptions) => {
    const checks = opts.checks ?? [];
    const timeoutMs = opts.checkTimeoutMs ?? 1000;
    const logLevel = 'warn' as const;

    app.get('/live', { logLevel }, async () => ({ status: 'ok' }));

    app.get('/ready', { logLevel }, async (_req, reply) => {
      if (opts.lifecycle.draining) return reply.code(503).send({ status: 'draining' });
      const { ok, dependencies } = await summarise(checks, timeoutMs);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', dependencies });
    });

    app.get('/health', { logLevel }, async (_req, reply) => {
      const { ok, dependencies } = await summarise(checks, timeoutMs);
      return reply.code(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'degraded',
        draining: opts.lifecycle.draining,
        uptimeSeconds: Math.round(process.uptime()),
        dependencies,
      });
    });
  },
  { name: 'service-kit-health', fastify: '5.x' },
);
