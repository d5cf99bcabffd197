import { A2AErrors, type JsonRpcResponse } from '@a2a-platform/a2a-protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TaskScope } from '@a2a-platform/task-store';
import type { JsonRpcDispatcher } from '../jsonrpc/dispatcher.js';
import type { JsonBody } from './json-body.js';
import { resultTaskAttributes } from '../telemetry/task-attributes.js';
import { toA2AError } from './errors.js';
import { relayStream, type OpenStreams } from './sse-stream.js';
import { requestedVersion } from './version.js';

export interface JsonRpcRouteOptions {
  path: string;
  dispatcher: JsonRpcDispatcher;
  resolveScope: (req: FastifyRequest) => TaskScope;
  streams: OpenStreams;
}

function send(reply: FastifyReply, body: JsonRpcResponse, status = 200): FastifyReply {
  return reply.code(status).type('application/json').send(body);
}

/**
 * The JSON-RPC endpoint for every protocol version. Protocol errors are answered with HTTP 200
 * and a JSON-RPC error body (HTTP errors only where HTTP itself failed: 413 for a body too large).
 */
export function registerJsonRpcRoute(app: FastifyInstance, opts: JsonRpcRouteOptions): void {
  app.post(opts.path, { sse: 'manual', config: { binding: 'jsonrpc' } }, async (req, reply) => {
    const body = req.body as JsonBody | undefined;
    if (!body || body.kind === 'empty') {
      const error = A2AErrors.invalidRequest('The request body is empty').toJsonRpcError();
      return send(reply, { jsonrpc: '2.0', id: null, error });
    }
    if (body.kind === 'invalid') {
      return send(reply, { jsonrpc: '2.0', id: null, error: body.error.toJsonRpcError() });
    }
    let version;
    try {
      version = requestedVersion(req);
    } catch (err) {
      const id = (body.value as { id?: unknown } | null)?.id;
      const safeId = typeof id === 'string' || typeof id === 'number' ? id : null;
      return send(reply, { jsonrpc: '2.0', id: safeId, error: toA2AError(err).error.toJsonRpcError() });
    }

    const controller = new AbortController();
    const lastEventId = req.headers['last-event-id'];
    const outcome = await opts.dispatcher.dispatch({
      body: body.value,
      version,
      ctx: { scope: opts.resolveScope(req), signal: controller.signal },
      lastEventId: typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : undefined,
      headers: req.headers,
    });
    if (outcome.kind === 'json') return send(reply, outcome.body);

    const { id, codec, trace } = outcome;
    let failure: unknown;
    try {
      await trace.run(() =>
        relayStream({
          reply,
          method: outcome.method,
          first: outcome.first,
          rest: outcome.rest,
          controller,
          streams: opts.streams,
          encode: (item) => {
            trace.task(resultTaskAttributes(item.event));
            return { jsonrpc: '2.0', id, result: codec.encodeEvent(item.event) };
          },
          encodeError: (err) => {
            failure = err;
            const { error, internal } = toA2AError(err);
            if (internal) req.log.error({ err }, 'stream failed');
            return { jsonrpc: '2.0', id, error: error.toJsonRpcError() };
          },
        }),
      );
    } finally {
      trace.end(failure);
    }
    return reply;
  });
}
