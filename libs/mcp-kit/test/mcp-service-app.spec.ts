import { ServiceLifecycle } from '@a2a-platform/service-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance } from 'fastify';
import { buildMcpServiceApp } from '../src/index.js';
import { baseUrlOf, createSampleServer } from './support/sample-service.js';

const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
};

describe('buildMcpServiceApp', () => {
  let app: FastifyInstance;
  let baseUrl: string;
  let client: Client;
  let lifecycle: ServiceLifecycle;
  let databaseUp: boolean;

  beforeAll(async () => {
    lifecycle = new ServiceLifecycle();
    app = buildMcpServiceApp({
      createServer: createSampleServer,
      lifecycle,
      checks: [{ name: 'database', check: () => databaseUp }],
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = baseUrlOf(app);
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(async () => {
    databaseUp = true;
    client = new Client({ name: 'service-app-spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`)));
  });
  afterEach(async () => {
    await client.close();
  });

  const text = (result: Awaited<ReturnType<Client['callTool']>>) =>
    ((result as CallToolResult).content[0] as { text: string }).text;

  it('serves GET /metrics in Prometheus text, with the duration of the tool calls it served', async () => {
    await client.callTool({ name: 'count_letters', arguments: { word: 'gear' } });
    const res = await fetch(`${baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toMatch(
      /mcp_server_operation_duration_count\{[^}]*tool="count_letters"[^}]*\} [1-9]/,
    );
  });

  it('answers the health routes and reports the checks', async () => {
    expect((await app.inject({ url: '/live' })).statusCode).toBe(200);
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', dependencies: { database: 'up' } });
    databaseUp = false;
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(503);
    const health = await app.inject({ url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', dependencies: { database: 'down' } });
  });

  it('returns structured content and a text summary for a successful call', async () => {
    const result = await client.callTool({ name: 'count_letters', arguments: { word: 'pump' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ word: 'pump', letters: 4 });
    expect(text(result)).toBe('pump has 4 letters');
  });

  it('turns a refusal into an isError result naming the argument and the code', async () => {
    const result = await client.callTool({ name: 'count_letters', arguments: { word: 'forbidden' } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(text(result)).toBe('Invalid argument "word" (FORBIDDEN_WORD): this word is not counted');
  });

  it('reports an unexpected failure without leaking its internals', async () => {
    const result = await client.callTool({ name: 'count_letters', arguments: { word: 'crash' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toBe('Internal error while running count_letters');
    expect(JSON.stringify(result)).not.toMatch(/secret_table/);
  });

  it('rejects requests without a session (400), with an unknown one (404) and malformed JSON', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const missing = await fetch(`${baseUrl}/mcp`, { method: 'POST', headers: MCP_HEADERS, body });
    expect(missing.status).toBe(400);
    const unknown = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, 'mcp-session-id': 'not-a-session' },
      body,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: number } }).error.code).toBe(-32001);
    const get = await fetch(`${baseUrl}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(400);
    const malformed = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: MCP_HEADERS,
      body: '{"jsonrpc":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it('refuses foreign Host and Origin headers on /mcp only (DNS rebinding)', async () => {
    const foreignHost = await app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { ...MCP_HEADERS, host: 'evil.example.com' },
      payload: INITIALIZE,
    });
    expect(foreignHost.statusCode).toBe(403);
    const foreignOrigin = await app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { ...MCP_HEADERS, host: '127.0.0.1', origin: 'http://evil.example.com' },
      payload: INITIALIZE,
    });
    expect(foreignOrigin.statusCode).toBe(403);
    const health = await app.inject({ url: '/health', headers: { host: 'evil.example.com' } });
    expect(health.statusCode).toBe(200);
  });

  it('accepts the configured host names instead of loopback', async () => {
    const routed = buildMcpServiceApp({ createServer: createSampleServer, allowedHosts: ['inventory-mcp'] });
    const post = (host: string) =>
      routed.inject({ method: 'POST', url: '/mcp', headers: { ...MCP_HEADERS, host }, payload: INITIALIZE });
    expect((await post('inventory-mcp:3101')).statusCode).toBe(200);
    expect((await post('127.0.0.1:3101')).statusCode).toBe(403);
    await routed.close();
  });

  it('reports draining once it starts closing', async () => {
    const own = new ServiceLifecycle();
    const closing = buildMcpServiceApp({ createServer: createSampleServer, lifecycle: own });
    await closing.ready();
    expect(own.draining).toBe(false);
    await closing.close();
    expect(own.draining).toBe(true);
  });
});
