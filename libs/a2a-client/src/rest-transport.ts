import {
  A2AError,
  A2A_CONTENT_TYPE,
  A2A_VERSION_HEADER,
  AgentCardSchema,
  ListTaskPushNotificationConfigsResponseSchema,
  ListTasksResponseSchema,
  PROTOCOL_VERSION_1_0,
  SendMessageResponseSchema,
  StreamResponseSchema,
  TaskPushNotificationConfigSchema,
  TaskSchema,
  type AgentCard,
  type CancelTaskRequest,
  type DeleteTaskPushNotificationConfigRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTaskPushNotificationConfigsResponse,
  type ListTasksRequest,
  type ListTasksResponse,
  type SendMessageRequest,
  type SendMessageResponse,
  type SubscribeToTaskRequest,
  type Task,
  type TaskPushNotificationConfig,
} from '@a2a-platform/a2a-protocol';
import { A2ATransportError } from './client-errors.js';
import type { CallOptions, HttpChannel, HttpRequest } from './http-channel.js';
import {
  decodeResult,
  excerpt,
  tryParseJson,
  type A2ATransport,
  type CreateTaskPushNotificationConfigRequest,
  type GetExtendedAgentCardRequest,
  type StreamItem,
  type SubscribeCallOptions,
} from './transport.js';

type Query = Record<string, string | number | boolean | undefined>;

/** A2A v1.0 over HTTP+JSON (REST paths, `application/a2a+json`, `google.rpc.Status` errors). */
export class RestTransport implements A2ATransport {
  readonly binding = 'HTTP+JSON' as const;
  readonly protocolVersion = PROTOCOL_VERSION_1_0;
  private readonly base: string;

  constructor(
    private readonly channel: HttpChannel,
    readonly url: string,
    /** The interface's tenant, used as the path prefix when a request names none. */
    private readonly tenant?: string,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  async sendMessage(req: SendMessageRequest, call?: CallOptions): Promise<SendMessageResponse> {
    const { tenant, ...body } = req;
    const result = await this.unary('SendMessage', 'POST', this.path(tenant, '/message:send'), call, body);
    return decodeResult(SendMessageResponseSchema, result, 'SendMessage result', this.url);
  }

  sendStreamingMessage(req: SendMessageRequest, call?: CallOptions): AsyncIterable<StreamItem> {
    const { tenant, ...body } = req;
    return this.stream('SendStreamingMessage', 'POST', this.path(tenant, '/message:stream'), call, body);
  }

  async getTask(req: GetTaskRequest, call?: CallOptions): Promise<Task> {
    const path = this.path(req.tenant, `/tasks/${enc(req.id)}`, { historyLength: req.historyLength });
    return decodeResult(TaskSchema, await this.unary('GetTask', 'GET', path, call), 'Task', this.url);
  }

  async listTasks(req: ListTasksRequest, call?: CallOptions): Promise<ListTasksResponse> {
    const { tenant, ...query } = req;
    const result = await this.unary('ListTasks', 'GET', this.path(tenant, '/tasks', query), call);
    return decodeResult(ListTasksResponseSchema, result, 'ListTasks result', this.url);
  }

  async cancelTask(req: CancelTaskRequest, call?: CallOptions): Promise<Task> {
    const { tenant, id, ...body } = req;
    const result = await this.unary(
      'CancelTask',
      'POST',
      this.path(tenant, `/tasks/${enc(id)}:cancel`),
      call,
      body,
    );
    return decodeResult(TaskSchema, result, 'Task', this.url);
  }

  async *subscribeToTask(
    req: SubscribeToTaskRequest,
    call?: SubscribeCallOptions,
  ): AsyncGenerator<StreamItem, void, undefined> {
    const path = this.path(req.tenant, `/tasks/${enc(req.id)}:subscribe`);
    // a2a.proto maps SubscribeToTask to GET while the spec's tables say POST: try GET, then POST on 405.
    try {
      yield* this.stream('SubscribeToTask', 'GET', path, call, undefined, call?.lastEventId, true);
    } catch (err) {
      if (!(err instanceof MethodNotAllowed)) throw err;
      yield* this.stream('SubscribeToTask', 'POST', path, call, {}, call?.lastEventId);
    }
  }

  async createTaskPushNotificationConfig(
    req: CreateTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    const { tenant, ...body } = req;
    const path = this.path(tenant, `/tasks/${enc(req.taskId)}/pushNotificationConfigs`);
    const result = await this.unary('CreateTaskPushNotificationConfig', 'POST', path, call, body);
    return decodeResult(TaskPushNotificationConfigSchema, result, 'push notification config', this.url);
  }

  async getTaskPushNotificationConfig(
    req: GetTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    const path = this.path(req.tenant, `/tasks/${enc(req.taskId)}/pushNotificationConfigs/${enc(req.id)}`);
    const result = await this.unary('GetTaskPushNotificationConfig', 'GET', path, call);
    return decodeResult(TaskPushNotificationConfigSchema, result, 'push notification config', this.url);
  }

  async listTaskPushNotificationConfigs(
    req: ListTaskPushNotificationConfigsRequest,
    call?: CallOptions,
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    const path = this.path(req.tenant, `/tasks/${enc(req.taskId)}/pushNotificationConfigs`, {
      pageSize: req.pageSize,
      pageToken: req.pageToken,
    });
    const result = await this.unary('ListTaskPushNotificationConfigs', 'GET', path, call);
    return decodeResult(
      ListTaskPushNotificationConfigsResponseSchema,
      result,
      'ListTaskPushNotificationConfigs result',
      this.url,
    );
  }

  async deleteTaskPushNotificationConfig(
    req: DeleteTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<void> {
    const path = this.path(req.tenant, `/tasks/${enc(req.taskId)}/pushNotificationConfigs/${enc(req.id)}`);
    await this.unary('DeleteTaskPushNotificationConfig', 'DELETE', path, call);
  }

  async getExtendedAgentCard(req: GetExtendedAgentCardRequest = {}, call?: CallOptions): Promise<AgentCard> {
    const result = await this.unary(
      'GetExtendedAgentCard',
      'GET',
      this.path(req.tenant, '/extendedAgentCard'),
      call,
    );
    return decodeResult(AgentCardSchema, result, 'extended agent card', this.url);
  }

  private path(tenant: string | undefined, resource: string, query?: Query): string {
    const effective = tenant ?? this.tenant;
    const prefix = effective ? `/${enc(effective)}` : '';
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) search.set(key, String(value));
    }
    const qs = search.toString();
    return `${this.base}${prefix}${resource}${qs ? `?${qs}` : ''}`;
  }

  private request(
    operation: string,
    method: HttpRequest['method'],
    url: string,
    accept: string,
    call: CallOptions | undefined,
    body: unknown,
  ): HttpRequest {
    const headers: Record<string, string> = { Accept: accept, [A2A_VERSION_HEADER]: PROTOCOL_VERSION_1_0 };
    if (body !== undefined) headers['Content-Type'] = A2A_CONTENT_TYPE;
    return {
      url,
      method,
      operation,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      call,
    };
  }

  private async unary(
    operation: string,
    method: HttpRequest['method'],
    url: string,
    call: CallOptions | undefined,
    body?: unknown,
  ): Promise<unknown> {
    const { response, text } = await this.channel.exchange(
      this.request(operation, method, url, A2A_CONTENT_TYPE, call, body),
    );
    return this.unwrap(url, response.status, text);
  }

  private async *stream(
    operation: string,
    method: HttpRequest['method'],
    url: string,
    call: CallOptions | undefined,
    body?: unknown,
    lastEventId?: string,
    signal405 = false,
  ): AsyncGenerator<StreamItem, void, undefined> {
    const req = this.request(operation, method, url, 'text/event-stream', call, body);
    if (lastEventId !== undefined) req.headers['Last-Event-ID'] = lastEventId;
    const opened = await this.channel.openStream(req);
    if (!opened.events) {
      if (signal405 && opened.response.status === 405) throw new MethodNotAllowed();
      const result = this.unwrap(url, opened.response.status, opened.text ?? '');
      // A server may answer a stream request with one JSON StreamResponse.
      yield { event: decodeResult(StreamResponseSchema, result, 'stream event', this.url), id: undefined };
      return;
    }
    for await (const sse of opened.events) {
      const data = tryParseJson(sse.data);
      if (sse.event === 'error' || isRestError(data)) {
        const status = isRestError(data) ? data.error.code : 500;
        throw A2AError.fromRest(status, data);
      }
      yield { event: decodeResult(StreamResponseSchema, data, 'stream event', this.url), id: sse.id };
    }
  }

  private unwrap(url: string, status: number, text: string): unknown {
    const body = tryParseJson(text);
    if (status >= 200 && status < 300) {
      if (status === 204 || text.trim() === '') return undefined;
      if (body === undefined) {
        throw new A2ATransportError(
          'INVALID_RESPONSE',
          `${url} answered a body that is not JSON: ${excerpt(text)}`,
          {
            url,
            status,
          },
        );
      }
      return body;
    }
    if (isRestError(body)) throw A2AError.fromRest(status, body);
    throw new A2ATransportError('HTTP_ERROR', `${url} answered HTTP ${status}: ${excerpt(text)}`, {
      url,
      status,
    });
  }
}

/** Internal signal for the GET-then-POST subscribe fallback. */
class MethodNotAllowed extends Error {}

function isRestError(body: unknown): body is { error: { code: number } } {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number'
  );
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
