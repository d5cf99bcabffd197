import { MemoryPushConfigStore, MemoryTaskStore } from '@a2a-platform/task-store';
import {
  ConfigError,
  publicUrl,
  runService,
  ServiceLifecycle,
  serviceLoggerOptions,
  wantsPrettyLogs,
} from '@a2a-platform/service-kit';
import { buildApp } from './app.js';
import { inventoryAgentCard } from './agent-card.js';
import { loadConfig } from './config.js';
import { StockEchoExecutor } from './stock-executor.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const store = new MemoryTaskStore();
  const lifecycle = new ServiceLifecycle();
  const { app } = await buildApp({
    card: inventoryAgentCard(publicUrl(config), config.SERVICE_VERSION),
    executor: new StockEchoExecutor(),
    store,
    pushConfigs: new MemoryPushConfigStore(),
    taskTimeoutMs: config.TASK_TIMEOUT_MS,
    lifecycle,
    logger: serviceLoggerOptions({
      service: config.SERVICE_NAME,
      version: config.SERVICE_VERSION,
      level: config.LOG_LEVEL,
      pretty: wantsPrettyLogs(config, process.stdout.isTTY),
    }),
  });
  await runService({ app, lifecycle, port: config.PORT, host: config.HOST, onClosed: () => store.close() });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
