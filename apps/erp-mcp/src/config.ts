import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { LOOPBACK_HOSTNAMES, type AllowedHosts } from './http/host-guard.js';

/** Name the service reports in logs, health checks and the MCP `serverInfo`. */
export const SERVICE_NAME = 'erp-mcp';
/** Version the service reports; kept in step with the app's package.json. */
export const SERVICE_VERSION = '0.0.1';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3102),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('data'),
  DB_PATH: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SESSION_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(1_800_000),
  ALLOWED_HOSTS: z
    .string()
    .regex(/^(\*|[\w.:-]+(,[\w.:-]+)*)$/, 'expected "*" or a comma-separated list of host names')
    .optional(),
});

/** Settings of the ERP MCP server, parsed once from the environment. */
export interface ErpMcpConfig {
  /** TCP port to listen on. @defaultValue 3102 */
  port: number;
  /** Address to bind. @defaultValue '127.0.0.1' */
  host: string;
  /** Absolute path of the SQLite file. @defaultValue `<cwd>/data/erp.db` */
  dbPath: string;
  /** pino log level. @defaultValue 'info' */
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Host names `/mcp` accepts in `Host`/`Origin` (DNS-rebinding defence); `ALLOWED_HOSTS="*"` gives `'any'`.
   * @defaultValue the loopback names when `HOST` is a loopback address, else `'any'`
   */
  allowedHosts: AllowedHosts;
  /** MCP sessions with no request for this long are closed. @defaultValue 1_800_000 (30 minutes) */
  sessionIdleTimeoutMs: number;
}

/** Thrown when an environment variable is invalid; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the service settings from an environment map. Empty values count as unset.
 * `DB_PATH` wins over `DATA_DIR`; relative paths resolve against `cwd`.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ErpMcpConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const { PORT, HOST, DATA_DIR, DB_PATH, LOG_LEVEL, ALLOWED_HOSTS, SESSION_IDLE_TIMEOUT_MS } = parsed.data;
  const dbPath = DB_PATH ?? join(DATA_DIR, 'erp.db');
  return {
    port: PORT,
    host: HOST,
    dbPath: isAbsolute(dbPath) ? dbPath : resolve(cwd, dbPath),
    logLevel: LOG_LEVEL,
    allowedHosts: allowedHostsFor(HOST, ALLOWED_HOSTS),
    sessionIdleTimeoutMs: SESSION_IDLE_TIMEOUT_MS,
  };
}

// A server bound to loopback is the one DNS rebinding targets; one bound to a routable address
// sits behind a load balancer or service name and is protected by authentication instead.
function allowedHostsFor(host: string, list: string | undefined): AllowedHosts {
  if (list === '*') return 'any';
  if (list !== undefined) return list.split(',');
  return LOOPBACK_HOSTNAMES.includes(host.replace(/^\[(.*)\]$/, '$1')) ? LOOPBACK_HOSTNAMES : 'any';
}
