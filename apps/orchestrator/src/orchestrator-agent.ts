import type { A2AClientOptions } from '@a2a-platform/a2a-client';
import { AgentRegistry } from './agent-registry.js';
import type { OrchestratorEnv } from './orchestrator-env.js';
import { ReplenishmentExecutor } from './replenishment-executor.js';

/** Longest wait for an agent card: discovery should fail fast even when child turns may take minutes. */
const MAX_CARD_TIMEOUT_MS = 10_000;

/** Wires the orchestrator's executor from its configuration: the agent registry and the child timeouts. */
export function createReplenishmentExecutor(
  env: Pick<OrchestratorEnv, 'AGENT_URLS' | 'CHILD_TIMEOUT_MS'>,
  client: Pick<A2AClientOptions, 'fetch' | 'headers'> = {},
): ReplenishmentExecutor {
  const registry = new AgentRegistry({
    urls: env.AGENT_URLS,
    client: { ...client, timeoutMs: env.CHILD_TIMEOUT_MS, streamIdleTimeoutMs: env.CHILD_TIMEOUT_MS },
    cardTimeoutMs: Math.min(env.CHILD_TIMEOUT_MS, MAX_CARD_TIMEOUT_MS),
  });
  return new ReplenishmentExecutor({ registry, childTimeoutMs: env.CHILD_TIMEOUT_MS });
}
