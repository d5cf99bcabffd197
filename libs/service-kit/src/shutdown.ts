import { shutdownTelemetry } from '@a2a-platform/telemetry';
import type { FastifyInstance } from 'fastify';
import type { ServiceLifecycle } from './health.js';

export interface RunServiceOptions {
  app: FastifyInstance;
  lifecycle: ServiceLifecycle;
  port: number;
  host: string;
  /** How long in-flight work may take after a stop signal before the process exits anyway. @defaultValue 10000 */
  drainTimeoutMs?: number;
  /** Runs after the server has closed (release MCP sessions, Redis, the database). */
  onClosed?: () => Promise<void> | void;
}

/**
 * Listens, then on SIGTERM or SIGINT: reports not-ready, closes the server (which ends open
 * streams through the plugins' onClose hooks), releases resources, flushes telemetry and exits.
 * A second signal or the drain timeout forces the exit.
 */
export async function runService(opts: RunServiceOptions): Promise<void> {
  const { app, lifecycle } = opts;
  const drainTimeoutMs = opts.drainTimeoutMs ?? 10_000;
  let stopping = false;

  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      app.log.warn({ signal }, 'second stop signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    lifecycle.startDraining();
    app.log.info({ signal }, 'stopping');
    const force = setTimeout(() => {
      app.log.error({ drainTimeoutMs }, 'drain timeout passed: exiting');
      process.exit(1);
    }, drainTimeoutMs);
    force.unref();
    let code = 0;
    try {
      await app.close();
      await opts.onClosed?.();
      app.log.info('stopped');
    } catch (err) {
      app.log.error({ err }, 'error while stopping');
      code = 1;
    }
    // Last, so that the spans of the drained work reach the collector; bounded, and never throws.
    await shutdownTelemetry();
    process.exit(code);
  };

  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: opts.port, host: opts.host });
}
