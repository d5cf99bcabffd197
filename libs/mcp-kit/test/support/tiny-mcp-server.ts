import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** What the test server saw, for assertions. */
export interface ServerRecord {
  /** Session ids opened by initialize. */
  opened: string[];
  /** Session ids ended by a client DELETE. */
  deleted: string[];
  /** `_meta` of every tools/call, in order. */
  metas: (Record<string, unknown> | undefined)[];
  /** Values of `slow` calls that the client cancelled. */
  cancelled: string[];
  /** Tool names called, in order. */
  calls: string[];
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

/**
 * A small stateful MCP server (the SDK's server on node:http) with tools `echo`, `refuse` and `slow`,
 * that can stop, crash (sockets destroyed) and start again on the same port.
 */
export class TinyMcpServer {
  readonly record: ServerRecord = { opened: [], deleted: [], metas: [], cancelled: [], calls: [] };
  private http: Server | undefined;
  private sessions = new Map<string, StreamableHTTPServerTransport>();
  private slowStarted: (() => void) | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/mcp`;
  }

  /** Resolves when the next `slow` call reaches the server. */
  nextSlowCall(): Promise<void> {
    return new Promise((resolve) => (this.slowStarted = resolve));
  }

  async start(port = this.port): Promise<void> {
    this.sessions = new Map();
    const http = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => resolve());
    });
    this.http = http;
    this.port = (http.address() as AddressInfo).port;
  }

  /** Closes the sessions (their streams end cleanly) and the listener. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((t) => t.close()));
    await this.closeListener();
  }

  /** Forgets every session without closing it: the next request of a client gets 404, as after a restart. */
  forgetSessions(): void {
    this.sessions = new Map();
  }

  /** Destroys every socket without a word, as a killed process would. */
  async crash(): Promise<void> {
    await this.closeListener();
  }

  private async closeListener(): Promise<void> {
    const http = this.http;
    this.http = undefined;
    if (!http) return;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeAllConnections();
    await closed;
  }

  private createMcpServer(): McpServer {
    const server = new McpServer({ name: 'tiny', version: '1.0.0' });
    server.registerTool(
      'echo',
      {
        inputSchema: { value: z.string() },
        outputSchema: { value: z.string() },
      },
      async ({ value }, extra) => {
        this.record.calls.push('echo');
        this.record.metas.push(extra._meta as Record<string, unknown> | undefined);
        return { content: [{ type: 'text', text: `echo ${value}` }], structuredContent: { value } };
      },
    );
    server.registerTool('refuse', { inputSchema: { sku: z.string() } }, async ({ sku }) => {
      this.record.calls.push('refuse');
      return {
        isError: true,
        content: [{ type: 'text', text: `Invalid argument "sku" (UNKNOWN_SKU): unknown sku ${sku}` }],
      };
    });
    server.registerTool('slow', { inputSchema: { value: z.string() } }, async ({ value }, extra) => {
      this.record.calls.push('slow');
      this.slowStarted?.();
      await new Promise<void>((resolve) => {
        if (extra.signal.aborted) return resolve();
        extra.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      this.record.cancelled.push(value);
      return { content: [{ type: 'text', text: 'cancelled' }] };
    });
    return server;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sessionId = req.headers['mcp-session-id'];
    const id = Array.isArray(sessionId) ? sessionId[0] : sessionId;
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    if (!id && req.method === 'POST' && isInitializeRequest(body)) {
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => {
          this.sessions.set(sid, transport);
          this.record.opened.push(sid);
        },
        onsessionclosed: (sid) => {
          this.sessions.delete(sid);
          this.record.deleted.push(sid);
        },
      });
      await this.createMcpServer().connect(transport);
      await transport.handleRequest(req, res, body);
      return;
    }
    const transport = id ? this.sessions.get(id) : undefined;
    if (!transport) {
      res.writeHead(id ? 404 : 400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }),
      );
      return;
    }
    await transport.handleRequest(req, res, body);
  }
}
