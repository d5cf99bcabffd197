import { PROTOCOL_BINDINGS, type AgentCard } from '@a2a-platform/a2a-protocol';
import { PROCUREMENT_SKILLS } from './procurement-request-text.js';

const MODES = ['text/plain', 'application/json'];

/** The procurement agent's card, advertising JSON-RPC and HTTP+JSON at `url`. */
export function procurementAgentCard(url: string, version: string, approvalThresholdEur: number): AgentCard {
  return {
    name: 'Procurement Agent',
    description:
      'Creates purchase orders with the cheapest suitable supplier, asks for approval above ' +
      `${approvalThresholdEur} EUR, sends approved orders to the suppliers, and reports order status.`,
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
        id: PROCUREMENT_SKILLS.createPurchaseOrders,
        name: 'Create purchase orders',
        description:
          'Orders SKUs from the cheapest supplier that meets its minimum order quantity (raising a quantity ' +
          'to the minimum when no supplier fits), one order per supplier. Orders above ' +
          `${approvalThresholdEur} EUR in total wait for "approve" or "reject" (input-required); the rest are ` +
          'approved automatically. Approved orders are sent to the suppliers. Input: text, or a data part ' +
          '{items: [{sku, quantity, warehouseId?}], requestedBy?}. Output: artifact "purchase-orders".',
        tags: ['procurement', 'purchase-order', 'replenishment'],
        examples: ['Order 50 of BRG-6204-2RS and 20 of NUT-M8-8', 'Order 100 of HYD-OIL-46-20L for WH-HAM'],
        inputModes: MODES,
        outputModes: MODES,
      },
      {
        id: PROCUREMENT_SKILLS.purchaseOrderStatus,
        name: 'Purchase order status',
        description:
          'Reports the status, lines, totals, approval and supplier notifications of purchase orders. ' +
          'Input: text naming the orders, or a data part {orderId}. Output: artifact "purchase-order-status".',
        tags: ['procurement', 'purchase-order'],
        examples: ['Status of PO-000002'],
        inputModes: MODES,
        outputModes: MODES,
      },
    ],
  };
}
