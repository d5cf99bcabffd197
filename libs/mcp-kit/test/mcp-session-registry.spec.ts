import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { fastify, type FastifyInstance } from 'fastify';
import { McpSessionRegistry, mcpRoutes } from '../src/index.js';

const IDLE_MS = 60_000;
const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};

describe('McpSessionRegistry behind mcpRoutes', () => {
  let clock: number;
  let registry: McpSessionRegistry;
  let app: FastifyInstance;
  let url: string;

  const initialize = async (): Promise<string> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'spec', version: '1' },
        },
      }),
    });
    await response.text();
    const sessionId = response.headers.get('mcp-session-id');
    if (!sessionId) throw new Error(`initialize failed: ${response.status}`);
    return sessionId;
  };
  const ping = (sessionId: string) =>
    fetch(url, {
      method: 'POST',
      headers: { ...HEADERS, 'mcp-session-id': sessionId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
    }).then(async (response) => (await response.text(), response.status));
  const connectClient = async () => {
    const client = new Client({ name: 'spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    // The client opens its GET stream right after initialization; wait until the server holds it.
    for (let i = 0; i < 100 && registry.get(sessionIdOf(client))?.active !== 1; i++) await tick();
    return client;
  };

  beforeEach(async () => {
    clock = 1_000_000;
    app = fastify();
    registry = new McpSessionRegistry({
      createServer: () => new McpServer({ name: 'spec', version: '1.0.0' }),
      logger: app.log,
      idleTimeoutMs: IDLE_MS,
      now: () => clock,
    });
    void app.register(mcpRoutes, { sessions: registry });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}/mcp`;
  });
  afterEach(async () => {
    await app.close();
  });

  it('closes sessions idle past the timeout and keeps recently used ones', async () => {
    const stale = await initialize();
    clock += IDLE_MS / 2;
    const fresh = await initialize();
    clock += IDLE_MS / 2 + 1;
    expect(await registry.closeIdle()).toBe(1);
    expect(await ping(stale)).toBe(404);
    expect(await ping(fresh)).toBe(200);
    expect(registry.size).toBe(1);
  });

  it('keeps a session whose SSE stream is open, and closes it once the client goes away', async () => {
    const client = await connectClient();
    clock += IDLE_MS * 10;
    expect(await registry.closeIdle()).toBe(0);

    await client.close();
    let closed = 0;
    for (let i = 0; i < 100 && closed === 0; i++) {
      await tick();
      // The stream's end counts as activity, so only time passing after it makes the session idle.
      clock += IDLE_MS * 2;
      closed = await registry.closeIdle();
    }
    expect(closed).toBe(1);
    expect(registry.size).toBe(0);
  });

  it('forgets a session the client ends with DELETE', async () => {
    const client = await connectClient();
    const sessionId = sessionIdOf(client);
    expect(registry.size).toBe(1);
    await (client.transport as StreamableHTTPClientTransport).terminateSession();
    expect(registry.get(sessionId)).toBeUndefined();
    expect(registry.size).toBe(0);
    expect(await ping(sessionId)).toBe(404);
    await client.close();
  });

  it('closes every session, open streams included, when the server closes', async () => {
    const client = await connectClient();
    await initialize();
    expect(registry.size).toBe(2);
    await app.close();
    expect(registry.size).toBe(0);
    await client.close();
  });
});

function sessionIdOf(client: Client): string {
  const sessionId = (client.transport as StreamableHTTPClientTransport | undefined)?.sessionId;
  if (!sessionId) throw new Error('client has no session');
  return sessionId;
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
