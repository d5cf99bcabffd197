import {
  A2AError,
  A2AErrors,
  A2A_METHODS,
  STREAMING_METHODS,
  V03_METHODS,
  type A2AMethod,
  type CancelTaskRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type JsonRpcId,
  type JsonRpcResponse,
  type ListTaskPushNotificationConfigsRequest,
  type ListTasksRequest,
  type ProtocolVersion,
  type SendMessageRequest,
  type SubscribeToTaskRequest,
  type TaskPushNotificationConfig,
} from '@a2a-platform/a2a-protocol';
import type { A2ARequestHandler, CallContext, StreamItem } from '../core/request-handler.js';
import { CallTrace, type TraceCarrier } from '../telemetry/call-trace.js';
import { requestTaskAttributes, resultTaskAttributes } from '../telemetry/task-attributes.js';
import type { WireCodec } from './codec.js';

/** What the transport must do with a JSON-RPC request. */
export type RpcOutcome =
  | { readonly kind: 'json'; readonly body: JsonRpcResponse }
  | {
      readonly kind: 'stream';
      readonly id: JsonRpcId;
      readonly method: A2AMethod;
      /** Already started: the first event is available, so errors before it became `json`. */
      readonly first: StreamItem;
      readonly rest: AsyncIterator<StreamItem>;
      readonly codec: WireCodec;
      /** The call's span, still open: the transport relays the stream inside it and then ends it. */
      readonly trace: CallTrace;
    };

export interface RpcCall {
  readonly body: unknown;
  readonly version: ProtocolVersion;
  readonly ctx: CallContext;
  /** SSE `Last-Event-ID` of a reconnecting client. */
  readonly lastEventId?: string;
  /** The request's HTTP headers, for the caller's trace context. */
  readonly headers?: TraceCarrier;
}

function failure(id: JsonRpcId, err: A2AError): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: err.toJsonRpcError() };
}

function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || value === null;
}

/**
 * Validates the JSON-RPC 2.0 envelope, picks the operation for the request's protocol
 * version, runs it, and shapes the answer. Errors are returned as JSON-RPC error responses;
 * unexpected errors are rethrown for the transport to log and answer as internal errors.
 */
export class JsonRpcDispatcher {
  constructor(
    private readonly handler: A2ARequestHandler,
    private readonly codecs: Readonly<Record<ProtocolVersion, WireCodec>>,
  ) {}

  async dispatch(call: RpcCall): Promise<RpcOutcome> {
    const { body } = call;
    if (Array.isArray(body)) {
      return {
        kind: 'json',
        body: failure(null, A2AErrors.invalidRequest('Batch requests are not supported')),
      };
    }
    if (typeof body !== 'object' || body === null) {
      return {
        kind: 'json',
        body: failure(null, A2AErrors.invalidRequest('The request must be a JSON-RPC 2.0 object')),
      };
    }
    const envelope = body as Record<string, unknown>;
    const id = isId(envelope['id']) ? envelope['id'] : null;
    const invalid = this.checkEnvelope(envelope);
    if (invalid) return { kind: 'json', body: failure(id, invalid) };

    const method = envelope['method'] as string;
    const codec = this.codecs[call.version];
    const op = codec.operation(method);
    if (!op) return { kind: 'json', body: failure(id, this.unknownMethod(method, call.version)) };

    const trace = CallTrace.open(
      op,
      {
        agentName: this.handler.card.name,
        binding: 'jsonrpc',
        requestId: id ?? undefined,
        protocolVersion: call.version,
      },
      call.headers,
    );
    try {
      const params = codec.decodeParams(op, envelope['params']);
      trace.task(requestTaskAttributes(op, params));
      if (STREAMING_METHODS.has(op)) {
        const iterator = this.stream(op, params, call)[Symbol.asyncIterator]();
        const first = await trace.run(() => iterator.next());
        if (first.done) {
          throw A2AErrors.internal('The stream ended before its first event');
        }
        trace.task(resultTaskAttributes(first.value.event));
        return { kind: 'stream', id, method: op, first: first.value, rest: iterator, codec, trace };
      }
      const result = await trace.run(() => this.unary(op, params, call.ctx));
      trace.task(resultTaskAttributes(result));
      trace.end();
      return { kind: 'json', body: { jsonrpc: '2.0', id, result: codec.encodeResult(op, result) } };
    } catch (err) {
      trace.end(err);
      if (err instanceof A2AError) return { kind: 'json', body: failure(id, err) };
      throw err;
    }
  }

  private checkEnvelope(envelope: Record<string, unknown>): A2AError | undefined {
    if (envelope['jsonrpc'] !== '2.0') return A2AErrors.invalidRequest('jsonrpc must be "2.0"');
    if (typeof envelope['method'] !== 'string' || envelope['method'] === '') {
      return A2AErrors.invalidRequest('method must be a non-empty string');
    }
    if (!('id' in envelope) || !isId(envelope['id'])) {
      return A2AErrors.invalidRequest('id must be a string, a number or null (A2A has no notifications)');
    }
    const params = envelope['params'];
    if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
      return A2AErrors.invalidParams('params must be an object');
    }
    return undefined;
  }

  private unknownMethod(method: string, version: ProtocolVersion): A2AError {
    const err = A2AErrors.methodNotFound(method);
    if (version === '0.3' && Object.hasOwn(A2A_METHODS, method)) {
      return new A2AError(
        err.kind,
        `Method ${method} is an A2A 1.0 method; send the header A2A-Version: 1.0`,
        {
          metadata: err.metadata,
        },
      );
    }
    if (version === '1.0' && Object.hasOwn(V03_METHODS, method)) {
      return new A2AError(
        err.kind,
        `Method ${method} is an A2A 0.3 method; in 1.0 it is ${V03_METHODS[method]}`,
        {
          metadata: err.metadata,
        },
      );
    }
    return err;
  }

  private stream(op: A2AMethod, params: unknown, call: RpcCall): AsyncIterable<StreamItem> {
    if (op === 'SendStreamingMessage') {
      return this.handler.sendStreamingMessage(params as SendMessageRequest, call.ctx);
    }
    return this.handler.subscribeToTask(params as SubscribeToTaskRequest, call.ctx, call.lastEventId);
  }

  private async unary(op: A2AMethod, params: unknown, ctx: CallContext): Promise<unknown> {
    const h = this.handler;
    switch (op) {
      case 'SendMessage':
        return h.sendMessage(params as SendMessageRequest, ctx);
      case 'GetTask':
        return h.getTask(params as GetTaskRequest, ctx);
      case 'ListTasks':
        return h.listTasks(params as ListTasksRequest, ctx);
      case 'CancelTask':
        return h.cancelTask(params as CancelTaskRequest, ctx);
      case 'CreateTaskPushNotificationConfig':
        return h.createPushConfig(params as TaskPushNotificationConfig & { taskId: string }, ctx);
      case 'GetTaskPushNotificationConfig':
        return h.getPushConfig(params as GetTaskPushNotificationConfigRequest, ctx);
      case 'ListTaskPushNotificationConfigs':
        return h.listPushConfigs(params as ListTaskPushNotificationConfigsRequest, ctx);
      case 'DeleteTaskPushNotificationConfig':
        await h.deletePushConfig(params as GetTaskPushNotificationConfigRequest, ctx);
        return {};
      case 'GetExtendedAgentCard':
        return h.getExtendedAgentCard(ctx);
      default:
        throw A2AErrors.methodNotFound(op);
    }
  }
}
