import { randomUUID } from 'node:crypto';
import type { AgentCard } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor } from '@a2a-platform/a2a-server';
import { MemoryPushConfigStore, MemoryTaskStore } from '@a2a-platform/task-store';
import { buildAgentApp, type AgentApp } from './agent-app.js';

const card: AgentCard = {
  name: 'Metrics Probe Agent',
  description: 'Completes every task at once',
  version: '1.0.0',
  supportedInterfaces: [{ url: 'http://127.0.0.1:1', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
  capabilities: { streaming: false },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'probe-metrics', name: 'Probe', description: 'Completes', tags: ['test'] }],
};

const completes: AgentExecutor = {
  execute: async (_ctx, updater) => updater.complete('done'),
};

/** The value of one Prometheus sample whose labels include all of `labels`, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const line = text
    .split('\n')
    .find(
      (l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('buildAgentApp GET /metrics', () => {
  let agent: AgentApp;

  beforeAll(async () => {
    agent = await buildAgentApp({
      card,
      executor: completes,
      store: new MemoryTaskStore(),
      pushConfigs: new MemoryPushConfigStore(),
      taskTimeoutMs: 10_000,
      reaperIntervalMs: 0,
    });
  });
  afterAll(() => agent.app.close());

  it('answers without credentials and counts the tasks the agent finished, by state and skill', async () => {
    const metrics = async () => {
      const res = await agent.app.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.body;
    };
    const labels = { state: 'TASK_STATE_COMPLETED', skill: 'probe-metrics' };
    const before = sample(await metrics(), 'a2a_server_tasks_finished_total', labels);

    const res = await agent.app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json', 'a2a-version': '1.0' },
      payload: {
        jsonrpc: '2.0',
        id: 1,
        method: 'SendMessage',
        params: { message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text: 'go' }] } },
      },
    });
    expect(res.json().result.task.status.state).toBe('TASK_STATE_COMPLETED');
    await agent.handler.drain(5_000);

    expect(sample(await metrics(), 'a2a_server_tasks_finished_total', labels)).toBe(before + 1);
  });
});
