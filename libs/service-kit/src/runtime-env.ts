import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * The runtime contract every service shares (root README, "Ports and environment"): listen address, public URL,
 * logging and the telemetry resource. `defaultPort` and `serviceName` are the app's own.
 */
export function serviceEnvSchema(defaults: {
  defaultPort: number;
  serviceName: string;
  serviceVersion: string;
}) {
  return z.object({
    PORT: port.default(defaults.defaultPort),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: logLevel.default('info'),
    LOG_PRETTY: z.enum(['true', 'false']).optional(),
    NODE_ENV: z.string().default('development'),
    SERVICE_NAME: z.string().min(1).default(defaults.serviceName),
    SERVICE_VERSION: z.string().min(1).default(defaults.serviceVersion),
  });
}

/** What agents add: where tasks live and how long they may run. */
export const taskEnvSchema = z.object({
  TASK_STORE: z.enum(['memory', 'redis']).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_CLUSTER_NODES: z.string().optional(),
  /** First part of every task-store key and of its notice channel: instances that share tasks share it. */
  /** Unset: `a2a:<SERVICE_NAME>`, so that different agents sharing one Redis never see each other's tasks. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[^\s{}]+$/, 'must be non-empty, without spaces or braces')
    .optional(),
  TASK_TIMEOUT_MS: z.coerce.number().int().positive().default(300_000),
  AUTH_MODE: z.enum(['off', 'jwt']).default('off'),
});

/** The URL the service advertises: PUBLIC_URL, else http://HOST:PORT. */
export function publicUrl(env: { PUBLIC_URL?: string; HOST: string; PORT: number }): string {
  return (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, '');
}

/** Pretty logs when asked, or by default in development on a terminal. */
export function wantsPrettyLogs(env: { LOG_PRETTY?: string; NODE_ENV: string }, isTty: boolean): boolean {
  if (env.LOG_PRETTY !== undefined) return env.LOG_PRETTY === 'true';
  return env.NODE_ENV !== 'production' && isTty;
}
