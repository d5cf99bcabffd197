import type { Message } from '@a2a-platform/a2a-protocol';
import { childContextId } from './replenishment-executor.js';
import { checkpointMetadata, readCheckpoint, type WorkflowCheckpoint } from './workflow-checkpoint.js';

const checkpoint: WorkflowCheckpoint = {
  childAgent: { name: 'Procurement Agent', url: 'http://127.0.0.1:3002' },
  childTaskId: 'child-1',
  childContextId: 'ctx-1',
  step: 'create-purchase-orders',
  requestedBy: 'ops',
  lowStockItems: [{ sku: 'A', suggestedOrderQuantity: 3, warehouseId: 'WH-HAM' }],
  steps: [
    {
      agent: 'procurement-agent',
      url: 'http://127.0.0.1:3002',
      skill: 'create-purchase-orders',
      taskId: 'child-1',
      state: 'TASK_STATE_INPUT_REQUIRED',
    },
  ],
};

function agentMessage(metadata?: Record<string, unknown>): Message {
  return { messageId: String(Math.random()), role: 'ROLE_AGENT', parts: [{ text: 'x' }], metadata };
}

describe('workflow checkpoint', () => {
  it('is read back from the last agent message of the history, after the user’s answer', () => {
    const history: Message[] = [
      { messageId: 'u1', role: 'ROLE_USER', parts: [{ text: 'reorder' }] },
      agentMessage({ relayedFrom: { agent: 'inventory-agent' } }),
      agentMessage(checkpointMetadata(checkpoint)),
      { messageId: 'u2', role: 'ROLE_USER', parts: [{ text: 'approve' }] },
    ];
    expect(readCheckpoint(history)).toEqual(checkpoint);
  });

  it('is missing when the last agent message carries none', () => {
    expect(readCheckpoint([agentMessage(checkpointMetadata(checkpoint)), agentMessage()])).toBeUndefined();
    expect(readCheckpoint(undefined)).toBeUndefined();
  });
});

describe('childContextId', () => {
  it('is stable per orchestrator task and agent, and differs between agents and tasks', () => {
    const a = childContextId('task-1', 'http://a');
    expect(childContextId('task-1', 'http://a')).toBe(a);
    expect(childContextId('task-1', 'http://b')).not.toBe(a);
    expect(childContextId('task-2', 'http://a')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
