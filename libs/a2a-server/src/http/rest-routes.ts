import {
  A2AErrors,
  A2A_CONTENT_TYPE,
  CancelTaskRequestSchema,
  CreateTaskPushNotificationConfigRequestSchema,
  GetTaskRequestSchema,
  ListTasksRequestSchema,
  SendMessageRequestSchema,
  type A2AMethod,
  type StreamResponse,
} from '@a2a-platform/a2a-protocol';
import type { TaskScope } from '@a2a-platform/task-store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { A2ARequestHandler, CallContext, StreamItem } from '../core/request-handler.js';
import { parseParams } from '../jsonrpc/params.js';
import { CallTrace } from '../telemetry/call-trace.js';
import { requestTaskAttributes, resultTaskAttributes } from '../telemetry/task-attributes.js';
import { toA2AError } from './errors.js';
import type { JsonBody } from './json-body.js';
import { relayStream, type OpenStreams } from './sse-stream.js';
import { requestedVersion } from './version.js';

export interface RestRouteOptions {
  handler: A2ARequestHandler;
  resolveScope: (req: FastifyRequest) => TaskScope;
  streams: OpenStreams;
}

type Query = Record<string, string | string[] | undefined>;

/** Query values arrive as strings; numbers and booleans are converted only when well-formed. */
function queryValue(query: Query, name: string, kind: 'string' | 'int' | 'bool'): unknown {
  const raw = query[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  if (kind === 'int') return /^-?\d{1,9}$/.test(value) ? Number(value) : value;
  if (kind === 'bool') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function bodyOf(req: FastifyRequest): unknown {
  const body = req.body as JsonBody | undefined;
  if (!body || body.kind === 'empty') return {};
  if (body.kind === 'invalid') throw body.error;
  return body.value;
}

/** Splits `<id>:<verb>` (the custom-method syntax of the HTTP+JSON binding). */
function splitVerb(segment: string): { id: string; verb?: string } {
  const at = segment.lastIndexOf(':');
  return at <= 0 ? { id: segment } : { id: segment.slice(0, at), verb: segment.slice(at + 1) };
}

/**
 * The HTTP+JSON binding of A2A v1.0 (specification section 11): the same operations as the
 * JSON-RPC endpoint, with google.rpc.Status error bodies.
 */
export function registerRestRoutes(app: FastifyInstance, opts: RestRouteOptions): void {
  const { handler } = opts;
  const config = { binding: 'rest' as const };

  // The version is checked before anything is read from the request: an unsupported version
  // is VersionNotSupported whatever else is wrong with the request.
  app.addHook('preHandler', async (req) => {
    if (req.routeOptions.config.binding === 'rest') requestedVersion(req);
  });

  const context = (req: FastifyRequest, signal?: AbortSignal): CallContext => {
    // The paths are v1.0's; the header only has to name a version this server speaks.
    requestedVersion(req);
    return { scope: opts.resolveScope(req), signal };
  };

  const json = (reply: FastifyReply, value: unknown) => reply.type(A2A_CONTENT_TYPE).send(value);

  const agentName = handler.card.name;

  /** Runs one operation in its server span: `parse` reads the request, `call` runs it. */
  const traced = async <P, R>(
    req: FastifyRequest,
    method: A2AMethod,
    parse: () => P,
    call: (params: P) => Promise<R>,
  ): Promise<R> => {
    const trace = CallTrace.open(method, { agentName, binding: 'http+json' }, req.headers);
    try {
      const params = parse();
      trace.task(requestTaskAttributes(method, params));
      const result = await trace.run(() => call(params));
      trace.task(resultTaskAttributes(result));
      trace.end();
      return result;
    } catch (err) {
      trace.end(err);
      throw err;
    }
  };

  /** A streaming operation; its span lasts until the stream ends (see `CallTrace`). */
  const stream = async <P>(
    req: FastifyRequest,
    reply: FastifyReply,
    method: A2AMethod,
    parse: () => P,
    open: (params: P, ctx: CallContext) => AsyncIterable<StreamItem>,
  ) => {
    const trace = CallTrace.open(method, { agentName, binding: 'http+json' }, req.headers);
    let failure: unknown;
    try {
      const params = parse();
      trace.task(requestTaskAttributes(method, params));
      const controller = new AbortController();
      const iterator = open(params, context(req, controller.signal))[Symbol.asyncIterator]();
      const first = await trace.run(() => iterator.next());
      if (first.done) throw A2AErrors.internal('The stream ended before its first event');
      trace.task(resultTaskAttributes(first.value.event));
      await trace.run(() =>
        relayStream({
          reply,
          method,
          first: first.value,
          rest: iterator,
          controller,
          streams: opts.streams,
          encode: (item): StreamResponse => {
            trace.task(resultTaskAttributes(item.event));
            return item.event;
          },
          encodeError: (err) => {
            failure = err;
            const { error, internal } = toA2AError(err);
            if (internal) req.log.error({ err }, 'stream failed');
            return error.toRestError();
          },
        }),
      );
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      trace.end(failure);
    }
    return reply;
  };

  app.post('/message::send', { config }, async (req, reply) => {
    const result = await traced(
      req,
      'SendMessage',
      () => parseParams(SendMessageRequestSchema, bodyOf(req), ''),
      (params) => handler.sendMessage(params, context(req)),
    );
    return json(reply, result);
  });

  app.post('/message::stream', { config, sse: 'manual' }, async (req, reply) =>
    stream(
      req,
      reply,
      'SendStreamingMessage',
      () => parseParams(SendMessageRequestSchema, bodyOf(req), ''),
      (params, ctx) => handler.sendStreamingMessage(params, ctx),
    ),
  );

  app.get('/tasks', { config }, async (req, reply) => {
    const q = req.query as Query;
    const parse = () =>
      parseParams(
        ListTasksRequestSchema,
        {
          contextId: queryValue(q, 'contextId', 'string'),
          status: queryValue(q, 'status', 'string'),
          pageSize: queryValue(q, 'pageSize', 'int'),
          pageToken: queryValue(q, 'pageToken', 'string'),
          historyLength: queryValue(q, 'historyLength', 'int'),
          statusTimestampAfter: queryValue(q, 'statusTimestampAfter', 'string'),
          includeArtifacts: queryValue(q, 'includeArtifacts', 'bool'),
        },
        '',
      );
    return json(reply, await traced(req, 'ListTasks', parse, (p) => handler.listTasks(p, context(req))));
  });

  const subscribe = (req: FastifyRequest, reply: FastifyReply, id: string) => {
    const lastEventId = req.headers['last-event-id'];
    const resumeAfter = typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : undefined;
    return stream(
      req,
      reply,
      'SubscribeToTask',
      () => ({ id }),
      (params, ctx) => handler.subscribeToTask(params, ctx, resumeAfter),
    );
  };

  app.get('/tasks/:task', { config, sse: 'manual' }, async (req, reply) => {
    const { id, verb } = splitVerb((req.params as { task: string }).task);
    if (verb === 'subscribe') return subscribe(req, reply, id);
    if (verb !== undefined) throw A2AErrors.methodNotFound(`GET /tasks/{id}:${verb}`);
    const q = req.query as Query;
    const parse = () =>
      parseParams(GetTaskRequestSchema, { id, historyLength: queryValue(q, 'historyLength', 'int') }, '');
    return json(reply, await traced(req, 'GetTask', parse, (p) => handler.getTask(p, context(req))));
  });

  app.post('/tasks/:task', { config, sse: 'manual' }, async (req, reply) => {
    const { id, verb } = splitVerb((req.params as { task: string }).task);
    if (verb === 'subscribe') return subscribe(req, reply, id);
    if (verb !== 'cancel') throw A2AErrors.methodNotFound(`POST /tasks/{id}${verb ? `:${verb}` : ''}`);
    const parse = () =>
      parseParams(CancelTaskRequestSchema, { ...(bodyOf(req) as Record<string, unknown>), id }, '');
    return json(reply, await traced(req, 'CancelTask', parse, (p) => handler.cancelTask(p, context(req))));
  });

  const configsPath = '/tasks/:taskId/pushNotificationConfigs';
  app.post(configsPath, { config }, async (req, reply) => {
    const { taskId } = req.params as { taskId: string };
    const parse = () =>
      parseParams(
        CreateTaskPushNotificationConfigRequestSchema,
        { ...(bodyOf(req) as Record<string, unknown>), taskId },
        '',
      );
    const created = await traced(req, 'CreateTaskPushNotificationConfig', parse, (p) =>
      handler.createPushConfig(p, context(req)),
    );
    return json(reply, created);
  });
  app.get(configsPath, { config }, async (req, reply) => {
    const { taskId } = req.params as { taskId: string };
    const listed = await traced(
      req,
      'ListTaskPushNotificationConfigs',
      () => ({ taskId }),
      (p) => handler.listPushConfigs(p, context(req)),
    );
    return json(reply, listed);
  });
  app.get(`${configsPath}/:id`, { config }, async (req, reply) => {
    const { taskId, id } = req.params as { taskId: string; id: string };
    const found = await traced(
      req,
      'GetTaskPushNotificationConfig',
      () => ({ taskId, id }),
      (p) => handler.getPushConfig(p, context(req)),
    );
    return json(reply, found);
  });
  app.delete(`${configsPath}/:id`, { config }, async (req, reply) => {
    const { taskId, id } = req.params as { taskId: string; id: string };
    await traced(
      req,
      'DeleteTaskPushNotificationConfig',
      () => ({ taskId, id }),
      (p) => handler.deletePushConfig(p, context(req)),
    );
    return json(reply, {});
  });

  app.get('/extendedAgentCard', { config }, async (req, reply) => {
    const card = await traced(
      req,
      'GetExtendedAgentCard',
      () => undefined,
      () => handler.getExtendedAgentCard(context(req)),
    );
    return json(reply, card);
  });
}
