import { fastifySSE } from '@fastify/sse';
import type { AgentCard, ProtocolVersion } from '@a2a-platform/a2a-protocol';
import type { TaskScope } from '@a2a-platform/task-store';
import { OWN_SERVER_SPAN_ROUTE_CONFIG, runInHttpServerCall } from '@a2a-platform/telemetry';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { A2ARequestHandler } from '../core/request-handler.js';
import { retryAfterOf } from '../core/store-unavailable.js';
import { v1Codec, type WireCodec } from '../jsonrpc/codec.js';
import { JsonRpcDispatcher } from '../jsonrpc/dispatcher.js';
import { v03Codec } from '../jsonrpc/v03-codec.js';
import { registerAgentCardRoutes } from './agent-card-routes.js';
import { toA2AError, type Binding } from './errors.js';
import { decodeJsonBody } from './json-body.js';
import { registerJsonRpcRoute } from './jsonrpc-route.js';
import { registerRestRoutes } from './rest-routes.js';
import { OpenStreams } from './sse-stream.js';
import { agentCardToV03 } from '@a2a-platform/a2a-protocol';

export interface A2APluginOptions {
  handler: A2ARequestHandler;
  /** Path of the JSON-RPC endpoint. @defaultValue '/' */
  jsonRpcPath?: string;
  /** Serve the HTTP+JSON binding. @defaultValue true */
  rest?: boolean;
  /** Largest accepted request body in bytes. @defaultValue 1048576 */
  bodyLimit?: number;
  /** Who is calling: tenant and owner of the tasks the request may see. @defaultValue tenant 'default', owner 'anonymous' */
  resolveScope?: (req: FastifyRequest) => TaskScope;
  /** Seconds between SSE heartbeats. @defaultValue 15 */
  heartbeatSeconds?: number;
  /** `Cache-Control: max-age` of the Agent Card. @defaultValue 300 */
  cardMaxAgeSeconds?: number;
}

const anonymous: TaskScope = { tenant: 'default', owner: 'anonymous' };

/**
 * An A2A method route (one with a `binding`) makes its own SERVER span, `A2A {method}` (see `CallTrace`):
 * no `@fastify/otel` span for it, and its handler runs with the HTTP facts that span records.
 */
function ownServerSpan(route: RouteOptions): void {
  if (!route.config?.binding || typeof route.method !== 'string') return;
  route.config = { ...route.config, ...OWN_SERVER_SPAN_ROUTE_CONFIG };
  const { handler, method, url: template } = route;
  const http = { method, route: template };
  route.handler = function a2aRoute(this: FastifyInstance, req, reply) {
    return runInHttpServerCall(http, () => handler.call(this, req, reply));
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    binding?: Binding;
  }
  interface FastifyInstance {
    /** Open A2A SSE streams of this server (for metrics and shutdown). */
    a2aStreams: OpenStreams;
  }
}

/**
 * Serves an agent over A2A: the Agent Card, the JSON-RPC endpoint (v1.0 and v0.3 by
 * `A2A-Version`) and the HTTP+JSON binding. Encapsulated: its body parser and error handler
 * apply to its own routes only. Open streams end when the server closes.
 */
export const a2aPlugin = fp(
  async (app: FastifyInstance, opts: A2APluginOptions) => {
    const streams = new OpenStreams();
    app.decorate('a2aStreams', streams);
    await app.register(async function a2aRoutes(scoped) {
      scoped.addHook('onRoute', ownServerSpan);
      await scoped.register(fastifySSE, { heartbeatInterval: (opts.heartbeatSeconds ?? 15) * 1000 });
      scoped.removeAllContentTypeParsers();
      const bodyLimit = opts.bodyLimit ?? 1024 * 1024;
      scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, raw, done) =>
        done(null, decodeJsonBody(raw as Buffer)),
      );
      scoped.setErrorHandler((err, req, reply) => {
        const { error, httpStatus, internal } = toA2AError(err);
        if (internal) req.log.error({ err }, 'request failed');
        if (req.routeOptions.config.binding === 'jsonrpc') {
          return reply
            .code(httpStatus === 413 ? 413 : 200)
            .send({ jsonrpc: '2.0', id: null, error: error.toJsonRpcError() });
        }
        const retryAfter = retryAfterOf(error);
        if (retryAfter !== undefined) void reply.header('retry-after', retryAfter);
        return reply.code(httpStatus).type('application/json').send(error.toRestError());
      });

      const resolveScope = opts.resolveScope ?? (() => anonymous);
      const codecs: Record<ProtocolVersion, WireCodec> = { '1.0': v1Codec, '0.3': v03Codec };
      registerJsonRpcRoute(scoped, {
        path: opts.jsonRpcPath ?? '/',
        dispatcher: new JsonRpcDispatcher(opts.handler, codecs),
        resolveScope,
        streams,
      });
      if (opts.rest !== false) registerRestRoutes(scoped, { handler: opts.handler, resolveScope, streams });
      registerAgentCardRoutes(scoped, {
        card: opts.handler.card,
        cardV03: agentCardToV03(opts.handler.card as AgentCard),
        maxAgeSeconds: opts.cardMaxAgeSeconds,
      });
    });
    app.addHook('preClose', async () => streams.closeAll());
  },
  { name: 'a2a-server', fastify: '5.x' },
);
