import { ConfigError, runService, serviceLoggerOptions, ServiceLifecycle } from '@a2a-platform/service-kit';
import { buildApp } from './app.js';
import { loadConfig, SERVICE_NAME, SERVICE_VERSION } from './config.js';
import { openErpDatabase } from './db/erp-database.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { db, migrations, seeded } = openErpDatabase(config.dbPath);
  const lifecycle = new ServiceLifecycle();
  const app = buildApp({
    db,
    lifecycle,
    logger: serviceLoggerOptions({ service: SERVICE_NAME, version: SERVICE_VERSION, level: config.logLevel }),
    allowedHosts: config.allowedHosts,
    sessionIdleTimeoutMs: config.sessionIdleTimeoutMs,
  });
  app.log.info(
    { dbPath: config.dbPath, applied: migrations.applied, schemaVersion: migrations.currentVersion, seeded },
    'database ready',
  );
  // The database closes only after the server has, so in-flight tool calls finish first.
  await runService({
    app,
    lifecycle,
    port: config.port,
    host: config.host,
    onClosed: () => {
      db.close();
    },
  });
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`erp-mcp failed to start: ${message}\n`);
  process.exit(1);
});
