import { parseConfig } from '@a2a-platform/service-kit';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { allowedHostsFor, type AllowedHosts } from './host-guard.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings of an MCP service that keeps its data in one SQLite file, parsed once from the environment. */
export interface McpServiceConfig {
  /** TCP port to listen on (`PORT`). @defaultValue the service's own, see {@link McpServiceConfigDefaults} */
  port: number;
  /** Address to bind (`HOST`). @defaultValue '127.0.0.1' */
  host: string;
  /**
   * Absolute path of the SQLite file: `DB_PATH`, else `DATA_DIR/<dbFileName>`; relative paths
   * resolve against the working directory. @defaultValue `<cwd>/data/<dbFileName>`
   */
  dbPath: string;
  /** pino log level (`LOG_LEVEL`). @defaultValue 'info' */
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Host names `/mcp` accepts in `Host`/`Origin` (`ALLOWED_HOSTS`, comma-separated; `"*"` gives `'any'`).
   * @defaultValue the loopback names when `HOST` is a loopback address, else `'any'`
   */
  allowedHosts: AllowedHosts;
  /** Sessions idle this long are closed (`SESSION_IDLE_TIMEOUT_MS`). @defaultValue 1_800_000 (30 min) */
  sessionIdleTimeoutMs: number;
}

/** What differs between MCP services: their port and the name of their SQLite file. */
export interface McpServiceConfigDefaults {
  port: number;
  /** File name under `DATA_DIR`, e.g. `inventory.db`. */
  dbFileName: string;
}

const envSchema = (port: number) =>
  z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(port),
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

/**
 * Parses an MCP service's settings from an environment map (the app passes `process.env`). Empty
 * values count as unset.
 * @throws ConfigError (from service-kit) naming every invalid variable.
 */
export function loadMcpServiceConfig(
  env: Record<string, string | undefined>,
  defaults: McpServiceConfigDefaults,
  cwd: string,
): McpServiceConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const { PORT, HOST, DATA_DIR, DB_PATH, LOG_LEVEL, ALLOWED_HOSTS, SESSION_IDLE_TIMEOUT_MS } = parseConfig(
    envSchema(defaults.port),
    present,
  );
  const dbPath = DB_PATH ?? join(DATA_DIR, defaults.dbFileName);
  return {
    port: PORT,
    host: HOST,
    dbPath: isAbsolute(dbPath) ? dbPath : resolve(cwd, dbPath),
    logLevel: LOG_LEVEL,
    allowedHosts: allowedHostsFor(HOST, ALLOWED_HOSTS),
    sessionIdleTimeoutMs: SESSION_IDLE_TIMEOUT_MS,
  };
}
