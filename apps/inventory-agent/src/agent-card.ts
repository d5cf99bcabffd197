import { PROTOCOL_BINDINGS, type AgentCard } from '@a2a-platform/a2a-protocol';
import { INVENTORY_SKILLS } from './stock-request-text.js';

const MODES = ['text/plain', 'application/json'];

/** The inventory agent's card, advertising JSON-RPC and HTTP+JSON at `url`. */
export function inventoryAgentCard(url: string, version: string): AgentCard {
  return {
    name: 'Inventory Agent',
    description:
      'Answers stock questions for the supply-chain system and reserves stock: items below their reorder ' +
      'point, stock levels per SKU and warehouse, reservations.',
    version,
    supportedInterfaces: [
      { url, protocolBinding: PROTOCOL_BINDINGS.JSONRPC, protocolVersion: '1.0' },
      { url, protocolBinding: PROTOCOL_BINDINGS.HTTP_JSON, protocolVersion: '1.0' },
      { url, protocolBinding: PROTOCOL_BINDINGS.JSONRPC, protocolVersion: '0.3' },
    ],
    provider: { organization: 'A2A Platform', url: 'https://example.com/a2a-platform' },
    capabilities: { streaming: true, pushNotifications: true, extendedAgentCard: false },
    defaultInputModes: MODES,
    defaultOutputModes: MODES,
    skills: [
      {
        id: INVENTORY_SKILLS.lowStockReport,
        name: 'Low-stock report',
        description:
          'Lists items whose available stock is below their reorder point, most urgent first, with a ' +
          'suggested order quantity. Input: text, or a data part {warehouseId?}. Output: artifact ' +
          '"low-stock-items" with {items} and a text summary.',
        tags: ['inventory', 'low-stock', 'replenishment'],
        examples: ['Which items are low on stock?', 'What needs reordering in WH-HAM?'],
        inputModes: MODES,
        outputModes: MODES,
      },
      {
        id: INVENTORY_SKILLS.stockLevels,
        name: 'Stock levels',
        description:
          'Reports on-hand, reserved and available stock per SKU and warehouse. Input: text naming SKUs, or ' +
          'a data part {skus?, warehouseId?}. Output: artifact "stock-levels" with {items} and a text summary.',
        tags: ['inventory', 'stock'],
        examples: ['What is the stock of BRG-6204-2RS?', 'Stock of NUT-M8-8 and WSH-M8-A2 in WH-FRA'],
        inputModes: MODES,
        outputModes: MODES,
      },
      {
        id: INVENTORY_SKILLS.reserveStock,
        name: 'Reserve stock',
        description:
          'Reserves a quantity of one SKU in one warehouse; retrying the same task (or reservationId) never ' +
          'reserves twice. Input: text, or a data part {sku, warehouseId, quantity, reservationId?}. ' +
          'Output: artifact "reservation".',
        tags: ['inventory', 'reservation'],
        examples: ['Reserve 5 of BRG-6204-2RS in WH-HAM'],
        inputModes: MODES,
        outputModes: MODES,
      },
    ],
  };
}
