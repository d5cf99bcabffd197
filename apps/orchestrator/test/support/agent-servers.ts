import { createServer } from 'node:net';
import { A2AClient } from '@a2a-platform/a2a-client';
import type { AgentCard, StreamResponse, Task } from '@a2a-platform/a2a-protocol';
import type { A2ARequestHandler, AgentExecutor } from '@a2a-platform/a2a-server';
import { agentEnvSchema, buildAgentApp, openTaskStores, type TaskStores } from '@a2a-platform/agent-runtime';
import { parseConfig } from '@a2a-platform/service-kit';
import { orchestratorAgentCard } from '../../src/agent-card.js';
import { createReplenishmentExecutor } from '../../src/orchestrator-agent.js';
import { orchestratorEnvSchema } from '../../src/orchestrator-env.js';

/** An agent served in-process on 127.0.0.1. */
export interface RunningAgent {
  readonly url: string;
  /** A client of the agent, for the test's own reads (GetTask...). */
  readonly client: A2AClient;
  readonly stores: TaskStores;
  /** The agent's request handler (to run a reaper tick at a chosen time). */
  readonly handler: A2ARequestHandler;
  close(): Promise<void>;
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Memory task stores, as an agent opens them with TASK_STORE=memory. */
export function memoryStores(): Promise<TaskStores> {
  const env = parseConfig(
    agentEnvSchema({ defaultPort: 0, serviceName: 'test-agent', serviceVersion: '0.0.0' }),
    { TASK_STORE: 'memory' },
  );
  return openTaskStores(env);
}

/**
 * Serves an agent with the platform's runtime (`buildAgentApp`). The port is picked first so that the
 * card can name the real URL.
 */
export async function startAgent(opts: {
  card: (url: string) => AgentCard;
  executor: AgentExecutor;
  stores?: TaskStores;
}): Promise<RunningAgent> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const stores = opts.stores ?? (await memoryStores());
  const { app, handler } = await buildAgentApp({
    card: opts.card(url),
    executor: opts.executor,
    store: stores.tasks,
    pushConfigs: stores.pushConfigs,
    taskTimeoutMs: 30_000,
    reaperIntervalMs: 0,
    drainTimeoutMs: 500,
  });
  await app.listen({ port, host: '127.0.0.1' });
  const client = await A2AClient.connect(url, { timeoutMs: 5_000 });
  return {
    url,
    client,
    stores,
    handler,
    close: async () => {
      await app.close();
      // A store shared with another instance is closed by its owner.
      if (!opts.stores) await stores.close();
    },
  };
}

/** Starts the orchestrator in-process, configured (like in production) through its environment. */
export async function startOrchestrator(
  agentUrls: readonly string[],
  opts: { childTimeoutMs?: number; stores?: TaskStores } = {},
): Promise<RunningAgent> {
  const env = parseConfig(orchestratorEnvSchema('0.0.0-test'), {
    AGENT_URLS: agentUrls.join(','),
    CHILD_TIMEOUT_MS: String(opts.childTimeoutMs ?? 10_000),
    TASK_STORE: 'memory',
  });
  return startAgent({
    card: (url) => orchestratorAgentCard(url, env.SERVICE_VERSION),
    executor: createReplenishmentExecutor(env),
    stores: opts.stores,
  });
}

/** Reads a stream to its end. */
export async function collect(events: AsyncIterable<StreamResponse>): Promise<StreamResponse[]> {
  const all: StreamResponse[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** The text parts of the status messages in a stream, in order. */
export function statusTexts(events: readonly StreamResponse[]): string[] {
  return events.flatMap((e) =>
    'statusUpdate' in e
      ? (e.statusUpdate.status.message?.parts ?? []).flatMap((p) => (p.text === undefined ? [] : [p.text]))
      : [],
  );
}

/** The state the stream ended in. */
export function lastState(events: readonly StreamResponse[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as StreamResponse;
    if ('statusUpdate' in e) return e.statusUpdate.status.state;
    if ('task' in e) return e.task.status.state;
  }
  return undefined;
}

/** Waits until `check` returns a value (not undefined), polling; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The data part of the task's artifact called `name`. */
export function artifactDataOf(task: Task, name: string): Record<string, unknown> | undefined {
  const artifact = task.artifacts?.find((a) => a.name === name);
  return artifact?.parts.find((p) => p.data !== undefined)?.data as Record<string, unknown> | undefined;
}
