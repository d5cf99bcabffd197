import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';

/** A client session: its transport, the MCP server instance bound to it, and its activity. */
export interface McpSession {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  /** Requests (including open SSE streams) being handled now. */
  active: number;
  /** Epoch milliseconds of the last request start or end. */
  lastSeen: number;
}

/** Options of the session registry. */
export interface McpSessionRegistryOptions {
  createServer: () => McpServer;
  logger: FastifyBaseLogger;
  /** A session with no request for this long is closed. @defaultValue 1_800_000 (30 minutes) */
  idleTimeoutMs?: number;
  /** Clock, for tests. @defaultValue Date.now */
  now?: () => number;
}

/**
 * The live MCP sessions of this process, keyed by `Mcp-Session-Id`. A session is registered when
 * its initialize request succeeds and removed when its transport closes: on client DELETE, on
 * shutdown, or when it has been idle too long (clients often vanish without a DELETE).
 */
export class McpSessionRegistry {
  private readonly sessions = new Map<string, McpSession>();
  private readonly idleTimeoutMs: number;
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: McpSessionRegistryOptions) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 1_800_000;
    this.now = options.now ?? Date.now;
  }

  /** Number of open sessions. */
  get size(): number {
    return this.sessions.size;
  }

  /** The session with this id, if it is open. */
  get(sessionId: string): McpSession | undefined {
    return this.sessions.get(sessionId);
  }

  /**
   * A new transport and server pair for an initialize request. It joins the registry only once
   * the SDK has accepted the initialize request and assigned the session id.
   */
  async open(): Promise<McpSession> {
    const { logger } = this.options;
    const server = this.options.createServer();
    const session: McpSession = {
      server,
      active: 0,
      lastSeen: this.now(),
      transport: new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => {
          this.sessions.set(sessionId, session);
          logger.info({ sessionId, sessions: this.sessions.size }, 'mcp session opened');
        },
      }),
    };
    session.transport.onclose = () => {
      const sessionId = session.transport.sessionId;
      if (sessionId && this.sessions.delete(sessionId)) {
        logger.info({ sessionId, sessions: this.sessions.size }, 'mcp session closed');
      }
    };
    session.transport.onerror = (error) => logger.debug({ err: error }, 'mcp transport error');
    await server.connect(session.transport);
    return session;
  }

  /** Runs one HTTP exchange of a session, keeping it from being closed as idle meanwhile. */
  async track(session: McpSession, exchange: () => Promise<void>): Promise<void> {
    session.active += 1;
    session.lastSeen = this.now();
    try {
      await exchange();
    } finally {
      session.active -= 1;
      session.lastSeen = this.now();
    }
  }

  /** Closes a session that never completed initialization, so nothing keeps it alive. */
  async discardIfUninitialized(session: McpSession): Promise<void> {
    if (session.transport.sessionId === undefined) await session.server.close();
  }

  /** Closes the sessions idle for longer than the timeout; returns how many it closed. */
  async closeIdle(): Promise<number> {
    const cutoff = this.now() - this.idleTimeoutMs;
    const idle = [...this.sessions.values()].filter((s) => s.active === 0 && s.lastSeen < cutoff);
    await Promise.allSettled(idle.map((session) => session.server.close()));
    return idle.length;
  }

  /** Checks for idle sessions periodically until `closeAll`; the timer does not keep the process alive. */
  startIdleSweep(): void {
    if (this.sweeper) return;
    const every = Math.max(1_000, Math.min(60_000, Math.floor(this.idleTimeoutMs / 2)));
    this.sweeper = setInterval(() => void this.closeIdle(), every);
    this.sweeper.unref();
  }

  /** Closes every session, ending their SSE streams; used on shutdown. */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    const open = [...this.sessions.values()];
    await Promise.allSettled(open.map((session) => session.server.close()));
    this.sessions.clear();
  }
}
