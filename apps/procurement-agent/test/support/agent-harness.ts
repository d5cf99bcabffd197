import { A2AClient } from '@a2a-platform/a2a-client';
import type { AgentCard, Message, Part, StreamResponse, Task } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor } from '@a2a-platform/a2a-server';
import { buildAgentApp, type AgentApp } from '@a2a-platform/agent-runtime';
import type { DependencyCheck } from '@a2a-platform/service-kit';
import { MemoryPushConfigStore, MemoryTaskStore } from '@a2a-platform/task-store';
import { randomUUID } from 'node:crypto';

/** An agent app listening on a free port, with a client of it. */
export interface AgentHarness {
  baseUrl: string;
  client: A2AClient;
  agent: AgentApp;
  close(): Promise<void>;
}

/** Builds the agent in-process (memory store) around `executor`, listens, and connects an A2A client. */
export async function startAgent(opts: {
  card: (url: string) => AgentCard;
  executor: AgentExecutor;
  checks: DependencyCheck[];
}): Promise<AgentHarness> {
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

/** A user message with the given parts. */
export function userMessage(parts: Part[], extra: Partial<Message> = {}): Message {
  return { messageId: randomUUID(), role: 'ROLE_USER', parts, ...extra };
}

/** The task of a SendMessage response (fails the test when the agent answered with a message). */
export function taskOf(response: { task: Task } | { message: Message }): Task {
  if (!('task' in response)) throw new Error('expected a task, got a message');
  return response.task;
}

/** The text of a task's status message. */
export function statusText(task: Task): string {
  return (task.status.message?.parts ?? []).map((p) => p.text ?? '').join(' ');
}

/** The data part of the artifact with this name. */
export function artifactData(task: Task, name: string): Record<string, unknown> {
  const artifact = task.artifacts?.find((a) => a.name === name);
  const data = artifact?.parts.find((p) => p.data !== undefined)?.data;
  if (!data) throw new Error(`no data in artifact ${name}: ${JSON.stringify(task.artifacts)}`);
  return data as Record<string, unknown>;
}

/** Collects a stream's events until it ends. */
export async function collect(stream: AsyncIterable<StreamResponse>): Promise<StreamResponse[]> {
  const events: StreamResponse[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** `task`, `working`, `artifact:<name>`, `completed`...: the shape of a stream, for assertions. */
export function streamShape(events: readonly StreamResponse[]): string[] {
  return events.map((e) => {
    if ('task' in e) return 'task';
    if ('message' in e) return 'message';
    if ('artifactUpdate' in e) return `artifact:${e.artifactUpdate.artifact.name ?? ''}`;
    return e.statusUpdate.status.state.replace('TASK_STATE_', '').toLowerCase();
  });
}
