/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of raw HTTP responses */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { openInventoryDatabase } from '../src/db/inventory-database.js';
import { StockRepository } from '../src/db/stock-repository.js';
import { WarehouseRepository } from '../src/db/warehouse-repository.js';
import { inventoryTools } from '../src/mcp/inventory-mcp-server.js';

const json = async (response: Response) => (await response.json()) as Record<string, any>;
const sessionCount = async (baseUrl: string) =>
  (await json(await fetch(`${baseUrl}/health`))).sessions as number;

const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};

describe('inventory MCP server over Streamable HTTP', () => {
  let dir: string;
  let db: Database;
  let app: FastifyInstance;
  let baseUrl: string;
  let client: Client;
  let transport: StreamableHTTPClientTransport;

  const outputSchemas = () => {
    const definitions = inventoryTools({
      stock: new StockRepository(db),
      warehouses: new WarehouseRepository(db),
    });
    return new Map(definitions.map((t) => [t.name, t.outputSchema]));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inventory-mcp-http-'));
    db = openInventoryDatabase(join(dir, 'inventory.db')).db;
    app = buildApp({ db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    client = new Client({ name: 'inventory-http-spec', version: '1.0.0' });
    transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`));
    await client.connect(transport);
  });
  afterEach(async () => {
    await client.close();
  });

  it('answers the health routes', async () => {
    for (const path of ['/health', '/ready', '/live']) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(200);
    }
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { sessions: number };
    expect(health).toMatchObject({ status: 'ok', service: 'inventory-mcp', sessions: expect.any(Number) });
  });

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

  it('rejects requests without a session (400) and with an unknown one (404)', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const missing = await fetch(`${baseUrl}/mcp`, { method: 'POST', headers: MCP_HEADERS, body });
    expect(missing.status).toBe(400);
    const unknown = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, 'mcp-session-id': 'not-a-session' },
      body,
    });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe(-32001);
    const get = await fetch(`${baseUrl}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(400);
    const malformed = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: MCP_HEADERS,
      body: '{"jsonrpc":',
    });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error.code).toBe(-32700);
  });

  it('refuses foreign Host and Origin headers (DNS rebinding)', async () => {
    const payload = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    const foreignHost = await app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { ...MCP_HEADERS, host: 'evil.example.com' },
      payload,
    });
    expect(foreignHost.statusCode).toBe(403);
    const foreignOrigin = await app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { ...MCP_HEADERS, host: '127.0.0.1', origin: 'http://evil.example.com' },
      payload,
    });
    expect(foreignOrigin.statusCode).toBe(403);
    const health = await app.inject({ url: '/health', headers: { host: 'evil.example.com' } });
    expect(health.statusCode).toBe(200);
  });

  it('closes the session on DELETE', async () => {
    const sessionId = transport.sessionId;
    expect(sessionId).toBeDefined();
    const sessionsBefore = await sessionCount(baseUrl);
    await transport.terminateSession();
    const after = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, 'mcp-session-id': sessionId as string },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
    expect(await sessionCount(baseUrl)).toBe(sessionsBefore - 1);
  });
});
