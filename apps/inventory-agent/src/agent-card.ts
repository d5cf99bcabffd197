import { PROTOCOL_BINDINGS, type AgentCard } from '@a2a-platform/a2a-protocol';

/** The inventory agent's card, advertising JSON-RPC and HTTP+JSON at `url`. */
export function inventoryAgentCard(url: string, version: string): AgentCard {
  return {
    name: 'Inventory Agent',
    description:
      'Answers stock questions for the supply-chain system: stock levels and items below their reorder point.',
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
        id: 'stock-levels',
        name: 'Stock levels',
        description: 'Reports on-hand, reserved and available stock per SKU and warehouse.',
        tags: ['inventory', 'stock'],
        examples: ['What is the stock of SKU-1001?'],
        inputModes: ['text/plain', 'application/json'],
        outputModes: ['text/plain', 'application/json'],
      },
    ],
  };
}
