export { A2ARequestHandler } from './core/request-handler.js';
export type { A2ARequestHandlerOptions, CallContext, StreamItem } from './core/request-handler.js';
export type {
  AgentExecutor,
  ExecutionContext,
  TaskUpdater,
  StatusContent,
  ArtifactChunkOptions,
} from './core/executor.js';
export type { ServerLogger } from './core/logger.js';
export { withHistoryLength } from './core/history.js';
export { a2aPlugin } from './http/a2a-plugin.js';
export type { A2APluginOptions } from './http/a2a-plugin.js';
export { a2aFrameworkErrors } from './http/errors.js';
export { decodeJsonBody, MAX_JSON_DEPTH } from './http/json-body.js';
export type { JsonBody } from './http/json-body.js';
export { STORE_UNAVAILABLE, STORE_RETRY_AFTER_SECONDS } from './core/store-unavailable.js';
