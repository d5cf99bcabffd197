import { ConfigError, runService, serviceLoggerOptions, ServiceLifecycle } from '@a2a-platform/service-kit';
import type { FastifyInstance } from 'fastify';
import type { McpServiceSettings } from './mcp-service-app.js';
import type { McpServiceConfig } from './mcp-service-config.js';
import type { MigrationReport } from './sqlite-migrator.js';

/** What `runMcpService` needs of one MCP app over one database. */
export interface RunMcpServiceOptions<Db extends { close(): void }> {
  /** Service name in logs and start-up errors, e.g. `inventory-mcp`. */
  name: string;
  version: string;
  /** The app's settings, parsed from the environment (throws ConfigError). */
  loadConfig: () => McpServiceConfig;
  /** Opens, migrates and (first time only) seeds the database. */
  openDatabase: (path: string) => { db: Db; migrations: MigrationReport; seeded: boolean };
  /** Builds the app over the open database, without listening. */
  buildApp: (deps: McpServiceSettings & { db: Db }) => FastifyInstance;
}

/**
 * Starts an MCP service: configuration, database, app, listen, graceful shutdown (the database
 * closes only after the server has, so in-flight tool calls finish first). A start-up failure is
 * printed with the service's name and exits 1.
 */
export function runMcpService<Db extends { close(): void }>(opts: RunMcpServiceOptions<Db>): void {
  const start = async (): Promise<void> => {
    const config = opts.loadConfig();
    const { db, migrations, seeded } = opts.openDatabase(config.dbPath);
    const lifecycle = new ServiceLifecycle();
    const app = opts.buildApp({
      db,
      lifecycle,
      logger: serviceLoggerOptions({ service: opts.name, version: opts.version, level: config.logLevel }),
      allowedHosts: config.allowedHosts,
      sessionIdleTimeoutMs: config.sessionIdleTimeoutMs,
    });
    app.log.info(
      {
        dbPath: config.dbPath,
        applied: migrations.applied,
        schemaVersion: migrations.currentVersion,
        seeded,
      },
      'database ready',
    );
    await runService({ app, lifecycle, port: config.port, host: config.host, onClosed: () => db.close() });
  };
  start().catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`${opts.name} failed to start: ${message}\n`);
    process.exit(1);
  });
}
