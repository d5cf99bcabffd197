export { ConfigError, parseConfig } from './config.js';
export { serviceLoggerOptions } from './logger.js';
export type { ServiceLoggerSettings } from './logger.js';
export { healthRoutes, ServiceLifecycle } from './health.js';
export type { DependencyCheck, HealthRoutesOptions } from './health.js';
export { runService } from './shutdown.js';
export type { RunServiceOptions } from './shutdown.js';
export { serviceEnvSchema, taskEnvSchema, publicUrl, wantsPrettyLogs } from './runtime-env.js';
