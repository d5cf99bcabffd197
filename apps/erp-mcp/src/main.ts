import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openErpDatabase } from './db/erp-database.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { db, migrations, seeded } = openErpDatabase(config.dbPath);
  const app = buildApp({
    db,
    logger: { level: config.logLevel },
    allowedHosts: config.allowedHosts,
    sessionIdleTimeoutMs: config.sessionIdleTimeoutMs,
  });
  app.log.info(
    { dbPath: config.dbPath, applied: migrations.applied, schemaVersion: migrations.currentVersion, seeded },
    'database ready',
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.error('shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app
      .close()
      .then(() => {
        db.close();
        process.exit(0);
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  await app.listen({ port: config.port, host: config.host });
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
