import {
  A2AError,
  A2A_ERRORS,
  PROTOCOL_VERSION_0_3,
  V03ListTaskPushNotificationConfigResultSchema,
  V03SendResultSchema,
  V03StreamResultSchema,
  V03TaskPushNotificationConfigSchema,
  V03TaskSchema,
  cancelTaskParamsToV03,
  deletePushConfigParamsToV03,
  getPushConfigParamsToV03,
  getTaskParamsToV03,
  listPushConfigParamsToV03,
  listPushConfigsResultFromV03,
  sendParamsToV03,
  sendResultFromV03,
  streamEventFromV03,
  subscribeParamsToV03,
  taskFromV03,
  taskPushConfigFromV03,
  taskPushConfigToV03,
  type AgentCard,
  type CancelTaskRequest,
  type DeleteTaskPushNotificationConfigRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTaskPushNotificationConfigsResponse,
  type ListTasksResponse,
  type SendMessageRequest,
  type SendMessageResponse,
  type SubscribeToTaskRequest,
  type Task,
  type TaskPushNotificationConfig,
} from '@a2a-platform/a2a-protocol';
import { cardFromWire } from './agent-card-versions.js';
import type { CallOptions, HttpChannel } from './http-channel.js';
import { JsonRpcConnection } from './json-rpc-connection.js';
import {
  decodeResult,
  type A2ATransport,
  type CreateTaskPushNotificationConfigRequest,
  type StreamItem,
  type SubscribeCallOptions,
} from './transport.js';

/** The v0.3 method names, by v1.0 operation. */
const V03 = {
  SendMessage: 'message/send',
  SendStreamingMessage: 'message/stream',
  GetTask: 'tasks/get',
  CancelTask: 'tasks/cancel',
  SubscribeToTask: 'tasks/resubscribe',
  CreateTaskPushNotificationConfig: 'tasks/pushNotificationConfig/set',
  GetTaskPushNotificationConfig: 'tasks/pushNotificationConfig/get',
  ListTaskPushNotificationConfigs: 'tasks/pushNotificationConfig/list',
  DeleteTaskPushNotificationConfig: 'tasks/pushNotificationConfig/delete',
  GetExtendedAgentCard: 'agent/getAuthenticatedExtendedCard',
} as const;

/**
 * A2A v0.3 over JSON-RPC, behind v1.0 types: requests are converted to v0.3 on the way out and results
 * back to v1.0. No `A2A-Version` header is sent (a v0.3 server knows none; a v1.0 server reads its
 * absence as 0.3). `tenant` has no v0.3 equivalent and is dropped.
 */
export class JsonRpcV03Transport implements A2ATransport {
  readonly binding = 'JSONRPC' as const;
  readonly protocolVersion = PROTOCOL_VERSION_0_3;
  private readonly rpc: JsonRpcConnection;

  constructor(
    channel: HttpChannel,
    readonly url: string,
  ) {
    this.rpc = new JsonRpcConnection(channel, url, undefined);
  }

  /** Low-level: calls any v0.3 method and returns its raw `result`. */
  call(method: string, params: unknown, call?: CallOptions): Promise<unknown> {
    return this.rpc.call(method, params, call);
  }

  async sendMessage(req: SendMessageRequest, call?: CallOptions): Promise<SendMessageResponse> {
    const result = await this.rpc.call(V03.SendMessage, sendParamsToV03(req), call, 'SendMessage');
    return sendResultFromV03(decodeResult(V03SendResultSchema, result, 'message/send result', this.url));
  }

  sendStreamingMessage(req: SendMessageRequest, call?: CallOptions): AsyncIterable<StreamItem> {
    return this.streamOf('SendStreamingMessage', sendParamsToV03(req), call);
  }

  async getTask(req: GetTaskRequest, call?: CallOptions): Promise<Task> {
    const result = await this.rpc.call(V03.GetTask, getTaskParamsToV03(req), call, 'GetTask');
    return taskFromV03(decodeResult(V03TaskSchema, result, 'Task', this.url));
  }

  listTasks(): Promise<ListTasksResponse> {
    return Promise.reject(
      new A2AError(A2A_ERRORS.UNSUPPORTED_OPERATION, 'ListTasks is not part of A2A v0.3 over JSON-RPC'),
    );
  }

  async cancelTask(req: CancelTaskRequest, call?: CallOptions): Promise<Task> {
    const result = await this.rpc.call(V03.CancelTask, cancelTaskParamsToV03(req), call, 'CancelTask');
    return taskFromV03(decodeResult(V03TaskSchema, result, 'Task', this.url));
  }

  subscribeToTask(req: SubscribeToTaskRequest, call?: SubscribeCallOptions): AsyncIterable<StreamItem> {
    return this.streamOf('SubscribeToTask', subscribeParamsToV03(req), call, call?.lastEventId);
  }

  async createTaskPushNotificationConfig(
    req: CreateTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    const params = taskPushConfigToV03(req, req.taskId);
    const result = await this.rpc.call(
      V03.CreateTaskPushNotificationConfig,
      params,
      call,
      'CreateTaskPushNotificationConfig',
    );
    return taskPushConfigFromV03(
      decodeResult(V03TaskPushNotificationConfigSchema, result, 'push notification config', this.url),
    );
  }

  async getTaskPushNotificationConfig(
    req: GetTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    const result = await this.rpc.call(
      V03.GetTaskPushNotificationConfig,
      getPushConfigParamsToV03(req),
      call,
      'GetTaskPushNotificationConfig',
    );
    return taskPushConfigFromV03(
      decodeResult(V03TaskPushNotificationConfigSchema, result, 'push notification config', this.url),
    );
  }

  async listTaskPushNotificationConfigs(
    req: ListTaskPushNotificationConfigsRequest,
    call?: CallOptions,
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    const result = await this.rpc.call(
      V03.ListTaskPushNotificationConfigs,
      listPushConfigParamsToV03(req),
      call,
      'ListTaskPushNotificationConfigs',
    );
    return listPushConfigsResultFromV03(
      decodeResult(V03ListTaskPushNotificationConfigResultSchema, result, 'push config list', this.url),
    );
  }

  async deleteTaskPushNotificationConfig(
    req: DeleteTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<void> {
    await this.rpc.call(
      V03.DeleteTaskPushNotificationConfig,
      deletePushConfigParamsToV03(req),
      call,
      'DeleteTaskPushNotificationConfig',
    );
  }

  async getExtendedAgentCard(_req?: unknown, call?: CallOptions): Promise<AgentCard> {
    const result = await this.rpc.call(V03.GetExtendedAgentCard, {}, call, 'GetExtendedAgentCard');
    return cardFromWire(result, this.url);
  }

  private async *streamOf(
    operation: 'SendStreamingMessage' | 'SubscribeToTask',
    params: unknown,
    call: CallOptions | undefined,
    lastEventId?: string,
  ): AsyncGenerator<StreamItem, void, undefined> {
    for await (const item of this.rpc.stream(V03[operation], params, call, operation, lastEventId)) {
      const result = decodeResult(V03StreamResultSchema, item.result, 'stream event', this.url);
      yield { event: streamEventFromV03(result), id: item.id };
    }
  }
}
