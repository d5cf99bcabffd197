import { runMcpService } from '@a2a-platform/mcp-kit';
import { buildApp } from './app.js';
import { loadConfig, SERVICE_NAME, SERVICE_VERSION } from './config.js';
import { openErpDatabase } from './db/erp-database.js';

runMcpService({
  name: SERVICE_NAME,
  version: SERVICE_VERSION,
  loadConfig: () => loadConfig(process.env),
  openDatabase: openErpDatabase,
  buildApp,
});
