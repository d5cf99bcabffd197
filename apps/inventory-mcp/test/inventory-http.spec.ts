import { itServesHealthOverItsDatabase, SqliteMcpService } from '@a2a-platform/test-support';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { buildApp } from '../src/app.js';
import { openInventoryDatabase } from '../src/db/inventory-database.js';
import { StockRepository } from '../src/db/stock-repository.js';
import { WarehouseRepository } from '../src/db/warehouse-repository.js';
import { inventoryTools } from '../src/mcp/inventory-mcp-server.js';

describe('inventory MCP server over Streamable HTTP', () => {
  const service = new SqliteMcpService({
    name: 'inventory-mcp-http',
    file: 'inventory.db',
    open: (path) => openInventoryDatabase(path).db,
    build: (db) => buildApp({ db }),
  });
  let client: Client;

  const outputSchemas = () => {
    const definitions = inventoryTools({
      stock: new StockRepository(service.db),
      warehouses: new WarehouseRepository(service.db),
    });
    return new Map(definitions.map((t) => [t.name, t.outputSchema]));
  };

  beforeAll(() => service.start());
  afterAll(() => service.close());
  beforeEach(async () => {
    client = await service.connectClient('inventory-http-spec');
  });
  afterEach(async () => {
    await client.close();
  });

  itServesHealthOverItsDatabase(service);

  it('lists the four tools with input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'get_low_stock_items',
      'get_stock_levels',
      'list_warehouses',
      'reserve_stock',
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description).toBeTruthy();
    }
    const reserve = tools.find((t) => t.name === 'reserve_stock');
    expect(reserve?.inputSchema.required).toEqual(
      expect.arrayContaining(['reservationId', 'sku', 'warehouseId', 'quantity']),
    );
  });

  it('calls every tool and returns structured content matching its output schema', async () => {
    await client.listTools();
    const schemas = outputSchemas();
    const calls: [string, Record<string, unknown>][] = [
      ['list_warehouses', {}],
      ['get_stock_levels', { skus: ['FLT-HYD-10M'] }],
      ['get_low_stock_items', { warehouseId: 'WH-FRA' }],
      ['reserve_stock', { reservationId: 'http-1', sku: 'FLT-HYD-10M', warehouseId: 'WH-HAM', quantity: 3 }],
    ];
    for (const [name, args] of calls) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError).toBeFalsy();
      expect(schemas.get(name)?.safeParse(result.structuredContent).success).toBe(true);
      expect((result.content as { type: string; text: string }[])[0]).toMatchObject({ type: 'text' });
    }
    const replay = await client.callTool({
      name: 'reserve_stock',
      arguments: { reservationId: 'http-1', sku: 'FLT-HYD-10M', warehouseId: 'WH-HAM', quantity: 3 },
    });
    expect(replay.structuredContent).toMatchObject({ replayed: true, stock: { reserved: 5 } });
  });

  it('reports invalid arguments as isError results naming the field', async () => {
    const wrongType = await client.callTool({
      name: 'reserve_stock',
      arguments: { reservationId: 'bad-1', sku: 'FLT-HYD-10M', warehouseId: 'WH-HAM', quantity: 'three' },
    });
    expect(wrongType.isError).toBe(true);
    expect(JSON.stringify(wrongType.content)).toMatch(/quantity/);

    const zero = await client.callTool({
      name: 'reserve_stock',
      arguments: { reservationId: 'bad-2', sku: 'FLT-HYD-10M', warehouseId: 'WH-HAM', quantity: 0 },
    });
    expect(zero.isError).toBe(true);
    expect(JSON.stringify(zero.content)).toMatch(/quantity/);

    const unknownSku = await client.callTool({ name: 'get_stock_levels', arguments: { skus: ['NOPE-9'] } });
    expect(unknownSku.isError).toBe(true);
    expect(JSON.stringify(unknownSku.content)).toMatch(/skus.*NOPE-9/);
  });
});
