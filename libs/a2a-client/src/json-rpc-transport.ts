import {
  A2A_METHODS,
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
import type { CallOptions, HttpChannel } from './http-channel.js';
import { JsonRpcConnection } from './json-rpc-connection.js';
import {
  decodeResult,
  type A2ATransport,
  type CreateTaskPushNotificationConfigRequest,
  type GetExtendedAgentCardRequest,
  type StreamItem,
  type SubscribeCallOptions,
} from './transport.js';

/** A2A v1.0 over JSON-RPC 2.0 (`A2A-Version: 1.0`, PascalCase methods). */
export class JsonRpcTransport implements A2ATransport {
  readonly binding = 'JSONRPC' as const;
  readonly protocolVersion = PROTOCOL_VERSION_1_0;
  private readonly rpc: JsonRpcConnection;

  constructor(
    channel: HttpChannel,
    readonly url: string,
    /** The interface's tenant, put in every request that names none. */
    private readonly tenant?: string,
  ) {
    this.rpc = new JsonRpcConnection(channel, url, PROTOCOL_VERSION_1_0);
  }

  /** Low-level: calls any method and returns its raw `result` (errors become `A2AError`). */
  call(method: string, params: unknown, call?: CallOptions): Promise<unknown> {
    return this.rpc.call(method, params, call);
  }

  async sendMessage(req: SendMessageRequest, call?: CallOptions): Promise<SendMessageResponse> {
    const result = await this.rpc.call(A2A_METHODS.SendMessage, this.withTenant(req), call);
    return decodeResult(SendMessageResponseSchema, result, 'SendMessage result', this.url);
  }

  sendStreamingMessage(req: SendMessageRequest, call?: CallOptions): AsyncIterable<StreamItem> {
    return this.streamOf(A2A_METHODS.SendStreamingMessage, this.withTenant(req), call);
  }

  async getTask(req: GetTaskRequest, call?: CallOptions): Promise<Task> {
    const result = await this.rpc.call(A2A_METHODS.GetTask, this.withTenant(req), call);
    return decodeResult(TaskSchema, result, 'Task', this.url);
  }

  async listTasks(req: ListTasksRequest, call?: CallOptions): Promise<ListTasksResponse> {
    const result = await this.rpc.call(A2A_METHODS.ListTasks, this.withTenant(req), call);
    return decodeResult(ListTasksResponseSchema, result, 'ListTasks result', this.url);
  }

  async cancelTask(req: CancelTaskRequest, call?: CallOptions): Promise<Task> {
    const result = await this.rpc.call(A2A_METHODS.CancelTask, this.withTenant(req), call);
    return decodeResult(TaskSchema, result, 'Task', this.url);
  }

  subscribeToTask(req: SubscribeToTaskRequest, call?: SubscribeCallOptions): AsyncIterable<StreamItem> {
    return this.streamOf(A2A_METHODS.SubscribeToTask, this.withTenant(req), call, call?.lastEventId);
  }

  async createTaskPushNotificationConfig(
    req: CreateTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    const result = await this.rpc.call(
      A2A_METHODS.CreateTaskPushNotificationConfig,
      this.withTenant(req),
      call,
    );
    return decodeResult(TaskPushNotificationConfigSchema, result, 'push notification config', this.url);
  }

  async getTaskPushNotificationConfig(
    req: GetTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    const result = await this.rpc.call(A2A_METHODS.GetTaskPushNotificationConfig, this.withTenant(req), call);
    return decodeResult(TaskPushNotificationConfigSchema, result, 'push notification config', this.url);
  }

  async listTaskPushNotificationConfigs(
    req: ListTaskPushNotificationConfigsRequest,
    call?: CallOptions,
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    const result = await this.rpc.call(
      A2A_METHODS.ListTaskPushNotificationConfigs,
      this.withTenant(req),
      call,
    );
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
    await this.rpc.call(A2A_METHODS.DeleteTaskPushNotificationConfig, this.withTenant(req), call);
  }

  async getExtendedAgentCard(req: GetExtendedAgentCardRequest = {}, call?: CallOptions): Promise<AgentCard> {
    const result = await this.rpc.call(A2A_METHODS.GetExtendedAgentCard, this.withTenant(req), call);
    return decodeResult(AgentCardSchema, result, 'extended agent card', this.url);
  }

  private async *streamOf(
    method: string,
    params: unknown,
    call: CallOptions | undefined,
    lastEventId?: string,
  ): AsyncGenerator<StreamItem, void, undefined> {
    for await (const item of this.rpc.stream(method, params, call, method, lastEventId)) {
      yield { event: decodeResult(StreamResponseSchema, item.result, 'stream event', this.url), id: item.id };
    }
  }

  private withTenant<T extends { tenant?: string }>(req: T): T {
    return this.tenant && req.tenant === undefined ? { ...req, tenant: this.tenant } : req;
  }
}
