import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hostGuard, LOOPBACK_HOSTNAMES, type AllowedHosts } from './host-guard.js';
import type { McpSession, McpSessionRegistry } from './mcp-session-registry.js';

/** Options of the `/mcp` routes. */
export interface McpRoutesOptions {
  sessions: McpSessionRegistry;
  /**
   * Host names accepted in `Host` and `Origin` (DNS-rebinding defence), or `'any'`.
   * @defaultValue LOOPBACK_HOSTNAMES
   */
  allowedHosts?: AllowedHosts;
}

/** Marks a body that was declared JSON but did not parse. */
const INVALID_JSON = Symbol('invalid-json');

const SESSION_HEADER = 'mcp-session-id';

/** A JSON-RPC error envelope for errors raised before a request reaches the MCP transport. */
function jsonRpcError(code: number, message: string) {
  return { jsonrpc: '2.0' as const, error: { code, message }, id: null };
}

function sessionIdOf(request: FastifyRequest): string | undefined {
  const value = request.headers[SESSION_HEADER];
  return Array.isArray(value) ? value[0] : value;
}

function startsSession(body: unknown): boolean {
  return Array.isArray(body)
    ? body.some((message) => isInitializeRequest(message))
    : isInitializeRequest(body);
}

// Encapsulated on purpose (not a fastify-plugin): the host guard and the content-type parsers
// apply to `/mcp` only, never to the health routes or anything else the app serves.
async function mcpEndpoint(
  app: FastifyInstance,
  options: { sessions: McpSessionRegistry; allowedHosts: AllowedHosts },
): Promise<void> {
  const { sessions } = options;
  app.addHook('onRequest', hostGuard(options.allowedHosts));

  // Keep the raw text of any media type, so the SDK (not Fastify) answers unsupported ones, and
  // turn malformed JSON into a JSON-RPC parse error instead of Fastify's own 400 body.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    try {
      done(null, text.length === 0 ? undefined : JSON.parse(text));
    } catch {
      done(null, INVALID_JSON);
    }
  });

  const forward = async (session: McpSession, request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    try {
      await sessions.track(session, () =>
        session.transport.handleRequest(request.raw, reply.raw, request.body),
      );
    } catch (error) {
      request.log.error({ err: error }, 'mcp transport failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify(jsonRpcError(-32603, 'Internal server error')));
      }
    }
  };

  const existingSession = (request: FastifyRequest, reply: FastifyReply): McpSession | undefined => {
    const sessionId = sessionIdOf(request);
    if (!sessionId) {
      void reply.code(400).send(jsonRpcError(-32000, 'Bad Request: Mcp-Session-Id header is required'));
      return undefined;
    }
    const session = sessions.get(sessionId);
    if (!session) void reply.code(404).send(jsonRpcError(-32001, 'Session not found'));
    return session;
  };

  app.post('/mcp', async (request, reply) => {
    if (request.body === INVALID_JSON) {
      return reply.code(400).send(jsonRpcError(-32700, 'Parse error: Invalid JSON'));
    }
    if (sessionIdOf(request) === undefined && startsSession(request.body)) {
      const session = await sessions.open();
      await forward(session, request, reply);
      await sessions.discardIfUninitialized(session);
      return reply;
    }
    const session = existingSession(request, reply);
    if (session) await forward(session, request, reply);
    return reply;
  });

  const streamOrEnd = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = existingSession(request, reply);
    if (session) await forward(session, request, reply);
    return reply;
  };
  app.get('/mcp', streamOrEnd);
  app.delete('/mcp', streamOrEnd);
}

/**
 * Streamable HTTP endpoint of MCP (spec 2025-11-25) in stateful mode: `POST /mcp` carries
 * JSON-RPC messages (an initialize request without a session opens one), `GET /mcp` opens the
 * server-to-client SSE stream, `DELETE /mcp` ends the session. Requests without a session id get
 * 400, requests with an unknown one 404, as the spec asks; the SDK transport does the rest
 * (Accept and Content-Type checks, `MCP-Protocol-Version`, SSE framing). Requests whose `Host` or
 * `Origin` is not an allowed host name get 403. Starts the registry's idle sweep when the server
 * is ready and closes every session before the server closes, so open SSE streams do not hold it.
 */
export const mcpRoutes = fp(
  async (app: FastifyInstance, options: McpRoutesOptions) => {
    const { sessions } = options;
    app.addHook('onReady', async () => sessions.startIdleSweep());
    app.addHook('preClose', async () => sessions.closeAll());
    await app.register(mcpEndpoint, {
      sessions,
      allowedHosts: options.allowedHosts ?? LOOPBACK_HOSTNAMES,
    });
  },
  { name: 'mcp-kit-mcp-routes', fastify: '5.x' },
);
