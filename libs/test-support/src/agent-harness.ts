import { A2AClient } from '@a2a-platform/a2a-client';
import type { AgentCard } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor } from '@a2a-platform/a2a-server';
import { buildAgentApp, type AgentApp } from '@a2a-platform/agent-runtime';
import type { DependencyCheck } from '@a2a-platform/service-kit';
import { MemoryPushConfigStore, MemoryTaskStore } from '@a2a-platform/task-store';

/** An agent app listening on a free port, with a client of it. */
export interface AgentHarness {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** An A2A client built from the agent's card (with its real URL). */
  client: A2AClient;
  /** The running app, for its handler (drain) and routes. */
  agent: AgentApp;
  /** Closes the app and its store. */
  close(): Promise<void>;
}

/** What {@link startAgent} builds the agent from. */
export interface AgentHarnessOptions {
  /** The agent's card for a base URL (called again once the port is known). */
  card: (url: string) => AgentCard;
  executor: AgentExecutor;
  /** The dependencies /ready waits for. */
  checks: DependencyCheck[];
}

/** Builds the agent in-process (memory store) around `executor`, listens, and connects an A2A client. */
export async function startAgent(opts: AgentHarnessOptions): Promise<AgentHarness> {
  const store = new MemoryTaskStore();
  let url = 'http://127.0.0.1:0';
  const agent = await buildAgentApp({
    card: opts.card(url),
    executor: opts.executor,
    store,
    pushConfigs: new MemoryPushConfigStore(),
    taskTimeoutMs: 60_000,
    checks: opts.checks,
    reaperIntervalMs: 0,
  });
  await agent.app.listen({ port: 0, host: '127.0.0.1' });
  const address = agent.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  // The card was built before the port was known: build the client from one with the real URL.
  const client = A2AClient.fromCard(opts.card(url));
  return {
    baseUrl: url,
    client,
    agent,
    close: async () => {
      await agent.app.close();
      await store.close();
    },
  };
}
