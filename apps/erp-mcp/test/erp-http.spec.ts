/* eslint-disable @typescript-eslint/no-explicit-any -- structured content, read loosely once validated */
import { itServesHealthOverItsDatabase, SqliteMcpService } from '@a2a-platform/test-support';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { buildApp } from '../src/app.js';
import { openErpDatabase } from '../src/db/erp-database.js';
import { NotificationOutboxRepository } from '../src/db/notification-outbox-repository.js';
import { PurchaseOrderRepository } from '../src/db/purchase-order-repository.js';
import { SupplierRepository } from '../src/db/supplier-repository.js';
import { erpTools } from '../src/mcp/erp-mcp-server.js';

describe('ERP MCP server over Streamable HTTP', () => {
  const service = new SqliteMcpService({
    name: 'erp-mcp-http',
    file: 'erp.db',
    open: (path) => openErpDatabase(path).db,
    build: (db) => buildApp({ db }),
  });
  let client: Client;

  const outputSchemas = () => {
    const definitions = erpTools({
      suppliers: new SupplierRepository(service.db),
      orders: new PurchaseOrderRepository(service.db),
      outbox: new NotificationOutboxRepository(service.db),
    });
    return new Map(definitions.map((t) => [t.name, t.outputSchema]));
  };

  beforeAll(() => service.start());
  afterAll(() => service.close());
  beforeEach(async () => {
    client = await service.connectClient('erp-http-spec');
  });
  afterEach(async () => {
    await client.close();
  });

  itServesHealthOverItsDatabase(service);

  it('lists the five tools with input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'approve_purchase_order',
      'create_purchase_order',
      'get_purchase_order',
      'list_suppliers',
      'send_po_notification',
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description).toBeTruthy();
    }
    const create = tools.find((t) => t.name === 'create_purchase_order');
    expect(create?.inputSchema.required).toEqual(
      expect.arrayContaining(['supplierId', 'lines', 'idempotencyKey']),
    );
  });

  it('runs the purchasing flow with structured content matching each output schema', async () => {
    await client.listTools();
    const schemas = outputSchemas();
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError).toBeFalsy();
      expect(schemas.get(name)?.safeParse(result.structuredContent).success).toBe(true);
      expect((result.content as { type: string }[])[0]).toMatchObject({ type: 'text' });
      return result.structuredContent as Record<string, any>;
    };
    const offers = await call('list_suppliers', { sku: 'HYD-OIL-46-20L' });
    const cheapest = offers.suppliers[0];
    const request = {
      supplierId: cheapest.supplierId,
      lines: [{ sku: 'HYD-OIL-46-20L', quantity: cheapest.offers[0].minOrderQuantity * 4 }],
      idempotencyKey: 'http-flow-1',
    };
    const created = await call('create_purchase_order', request);
    expect(created).toMatchObject({ status: 'pending_approval', replayed: false });
    expect((await call('create_purchase_order', request)).orderId).toBe(created.orderId);
    const approved = await call('approve_purchase_order', {
      orderId: created.orderId,
      approver: 'http.spec',
    });
    expect(approved.status).toBe('approved');
    const sent = await call('send_po_notification', { orderId: created.orderId });
    expect(sent).toMatchObject({ status: 'pending', recipient: cheapest.email });
    const fetched = await call('get_purchase_order', { orderId: created.orderId });
    expect(fetched.notifications).toHaveLength(1);
  });

  it('reports invalid arguments as isError results naming the field', async () => {
    const wrongType = await client.callTool({
      name: 'create_purchase_order',
      arguments: {
        supplierId: 'SUP-FASTFIX',
        lines: [{ sku: 'NUT-M8-8', quantity: 'ten' }],
        idempotencyKey: 'bad-1',
      },
    });
    expect(wrongType.isError).toBe(true);
    expect(JSON.stringify(wrongType.content)).toMatch(/lines\[0\]\.quantity/);

    const zero = await client.callTool({
      name: 'create_purchase_order',
      arguments: {
        supplierId: 'SUP-FASTFIX',
        lines: [{ sku: 'NUT-M8-8', quantity: 0 }],
        idempotencyKey: 'bad-2',
      },
    });
    expect(zero.isError).toBe(true);
    expect(JSON.stringify(zero.content)).toMatch(/lines\[0\]\.quantity/);

    const unknownSupplier = await client.callTool({
      name: 'create_purchase_order',
      arguments: {
        supplierId: 'SUP-NOPE',
        lines: [{ sku: 'NUT-M8-8', quantity: 10 }],
        idempotencyKey: 'bad-3',
      },
    });
    expect(unknownSupplier.isError).toBe(true);
    expect(JSON.stringify(unknownSupplier.content)).toMatch(/supplierId/);

    const missing = await client.callTool({
      name: 'approve_purchase_order',
      arguments: { orderId: 'PO-000002' },
    });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toMatch(/approver/);
  });
});
