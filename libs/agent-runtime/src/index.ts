export { agentEnvSchema } from './agent-env.js';
export type { AgentEnv } from './agent-env.js';
export { buildAgentApp } from './agent-app.js';
export type { AgentAppDeps, AgentApp } from './agent-app.js';
export { openTaskStores } from './task-stores.js';
export type { TaskStores } from './task-stores.js';
export { runAgent } from './run-agent.js';
export type { AgentStartContext, RunAgentOptions } from './run-agent.js';
