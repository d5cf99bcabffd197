import { PROTOCOL_BINDINGS, type AgentCard } from '@a2a-platform/a2a-protocol';

/** The one skill of the orchestrator (the routing contract in the supply-chain docs). */
export const REPLENISHMENT_SKILL_ID = 'supply-chain-replenishment';

/** The orchestrator's card, advertising JSON-RPC and HTTP+JSON at `url`. */
export function orchestratorAgentCard(url: string, version: string): AgentCard {
  return {
    name: 'Supply Chain Orchestrator',
    description:
      'Finds items below their reorder point with the inventory agent and has the procurement agent order ' +
      'them, streaming both agents’ progress and passing their questions (approvals) through.',
    version,
    supportedInterfaces: [
      { url, protocolBinding: PROTOCOL_BINDINGS.JSONRPC, protocolVersion: '1.0' },
      { url, protocolBinding: PROTOCOL_BINDINGS.HTTP_JSON, protocolVersion: '1.0' },
      { url, protocolBinding: PROTOCOL_BINDINGS.JSONRPC, protocolVersion: '0.3' },
    ],
    provider: { organization: 'A2A Platform', url: 'https://example.com/a2a-platform' },
    capabilities: { streaming: true, pushNotifications: true, extendedAgentCard: false },
    defaultInputModes: ['text/plain', 'application/json'],
    defaultOutputModes: ['text/plain', 'application/json'],
    skills: [
      {
        id: REPLENISHMENT_SKILL_ID,
        name: 'Supply-chain replenishment',
        description:
          'Checks stock for items below their reorder point (optionally in one warehouse), totals the ' +
          'suggested quantities per SKU and raises purchase orders, asking for approval when procurement does. ' +
          'Input: text such as "reorder low stock in WH-HAM", or data {warehouseId?, requestedBy?}. Output: ' +
          'artifact "replenishment-report" {lowStockItems, purchaseOrders, steps} and a text summary.',
        tags: ['replenishment', 'supply-chain', 'orchestration'],
        examples: ['Check low stock and reorder', 'Replenish WH-FRA'],
        inputModes: ['text/plain', 'application/json'],
        outputModes: ['text/plain', 'application/json'],
      },
    ],
  };
}
