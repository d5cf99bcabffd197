import type {
  AgentCard,
  CancelTaskRequest,
  DeleteTaskPushNotificationConfigRequest,
  GetTaskPushNotificationConfigRequest,
  GetTaskRequest,
  ListTaskPushNotificationConfigsRequest,
  ListTaskPushNotificationConfigsResponse,
  ListTasksRequest,
  ListTasksResponse,
  SendMessageRequest,
  SendMessageResponse,
  StreamResponse,
  SubscribeToTaskRequest,
  Task,
  TaskPushNotificationConfig,
} from '@a2a-platform/a2a-protocol';
import type { InvokeAgentSpanAttributes } from '@a2a-platform/telemetry';
import { tracedAgentCall, tracedAgentStream } from './agent-call-span.js';
import { AgentCardResolver } from './agent-card-resolver.js';
import { HttpChannel, type CallOptions, type HttpOptions } from './http-channel.js';
import { createTransport, selectInterface, type TransportPreferences } from './interface-selection.js';
import { resumableStream, type ResumeOptions } from './stream-resume.js';
import type {
  A2ATransport,
  CreateTaskPushNotificationConfigRequest,
  GetExtendedAgentCardRequest,
} from './transport.js';

/** Options of an A2A client. */
export interface A2AClientOptions extends HttpOptions, TransportPreferences {
  /** Resumption of dropped streams; `false` turns it off. @defaultValue `{ maxAttempts: 3 }` */
  resume?: ResumeOptions | false;
}

/** Options of {@link A2AClient.connect}. */
export interface A2AConnectOptions extends A2AClientOptions {
  /** Shares a card cache between clients. @defaultValue a resolver of its own */
  cardResolver?: AgentCardResolver;
  signal?: AbortSignal;
}

/**
 * A client of one agent: v1.0 operations and types over whichever of the agent's interfaces fits best
 * (JSON-RPC or HTTP+JSON at v1.0, or JSON-RPC at v0.3). Every operation runs in an
 * `invoke_agent {card name}` CLIENT span (streams: until the stream ends) whose context the requests
 * carry as `traceparent`, and is timed in the `a2a.client.call.duration` metric by agent and outcome.
 */
export class A2AClient {
  private readonly resume: ResumeOptions | false;

  constructor(
    /** The card the client was built from. */
    readonly card: AgentCard,
    /** The binding in use. */
    readonly transport: A2ATransport,
    options: Pick<A2AClientOptions, 'resume'> = {},
  ) {
    this.resume = options.resume ?? {};
  }

  /** Builds a client from a card already in hand. */
  static fromCard(card: AgentCard, options: A2AClientOptions = {}): A2AClient {
    const channel = new HttpChannel(options);
    const transport = createTransport(selectInterface(card, options), channel);
    return new A2AClient(card, transport, options);
  }

  /** Resolves the agent's card at `url` (its base URL or card URL) and builds a client from it. */
  static async connect(url: string, options: A2AConnectOptions = {}): Promise<A2AClient> {
    const resolver = options.cardResolver ?? new AgentCardResolver(options);
    const card = await resolver.resolve(url, { signal: options.signal, timeoutMs: options.timeoutMs });
    return A2AClient.fromCard(card, options);
  }

  /** SendMessage: the resulting task (or direct message); blocks until it settles unless `returnImmediately`. */
  sendMessage(req: SendMessageRequest, call?: CallOptions): Promise<SendMessageResponse> {
    const task = { taskId: req.message.taskId, contextId: req.message.contextId };
    return tracedAgentCall(this.spanAttributes('SendMessage', task), () =>
      this.transport.sendMessage(req, call),
    );
  }

  /** SendStreamingMessage: the task first, then its updates, ending at a terminal or interrupted state. */
  sendStreamingMessage(req: SendMessageRequest, call?: CallOptions): AsyncIterable<StreamResponse> {
    const task = { taskId: req.message.taskId, contextId: req.message.contextId };
    return tracedAgentStream(this.spanAttributes('SendStreamingMessage', task), () =>
      resumableStream(
        {
          open: () => this.transport.sendStreamingMessage(req, call),
          subscribe: (id, lastEventId) =>
            this.transport.subscribeToTask({ id, tenant: req.tenant }, { ...call, lastEventId }),
          getTask: (id) => this.transport.getTask({ id, tenant: req.tenant }, call),
        },
        { url: this.transport.url, resume: this.resume, signal: call?.signal },
      ),
    );
  }

  /** GetTask. */
  getTask(req: GetTaskRequest, call?: CallOptions): Promise<Task> {
    return tracedAgentCall(this.spanAttributes('GetTask', { taskId: req.id }), () =>
      this.transport.getTask(req, call),
    );
  }

  /** ListTasks (not available on v0.3 JSON-RPC). */
  listTasks(req: ListTasksRequest = {}, call?: CallOptions): Promise<ListTasksResponse> {
    return tracedAgentCall(this.spanAttributes('ListTasks', { contextId: req.contextId }), () =>
      this.transport.listTasks(req, call),
    );
  }

  /** CancelTask. */
  cancelTask(req: CancelTaskRequest, call?: CallOptions): Promise<Task> {
    return tracedAgentCall(this.spanAttributes('CancelTask', { taskId: req.id }), () =>
      this.transport.cancelTask(req, call),
    );
  }

  /** SubscribeToTask: the current task, then its updates until it settles; resumes like a send stream. */
  subscribeToTask(req: SubscribeToTaskRequest, call?: CallOptions): AsyncIterable<StreamResponse> {
    return tracedAgentStream(this.spanAttributes('SubscribeToTask', { taskId: req.id }), () =>
      resumableStream(
        {
          open: () => this.transport.subscribeToTask(req, call),
          subscribe: (id, lastEventId) =>
            this.transport.subscribeToTask({ ...req, id }, { ...call, lastEventId }),
          getTask: (id) => this.transport.getTask({ id, tenant: req.tenant }, call),
        },
        { url: this.transport.url, resume: this.resume, signal: call?.signal, subscribeTaskId: req.id },
      ),
    );
  }

  /** CreateTaskPushNotificationConfig. */
  createTaskPushNotificationConfig(
    req: CreateTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    const attrs = this.spanAttributes('CreateTaskPushNotificationConfig', { taskId: req.taskId });
    return tracedAgentCall(attrs, () => this.transport.createTaskPushNotificationConfig(req, call));
  }

  /** GetTaskPushNotificationConfig. */
  getTaskPushNotificationConfig(
    req: GetTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    const attrs = this.spanAttributes('GetTaskPushNotificationConfig', { taskId: req.taskId });
    return tracedAgentCall(attrs, () => this.transport.getTaskPushNotificationConfig(req, call));
  }

  /** ListTaskPushNotificationConfigs. */
  listTaskPushNotificationConfigs(
    req: ListTaskPushNotificationConfigsRequest,
    call?: CallOptions,
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    const attrs = this.spanAttributes('ListTaskPushNotificationConfigs', { taskId: req.taskId });
    return tracedAgentCall(attrs, () => this.transport.listTaskPushNotificationConfigs(req, call));
  }

  /** DeleteTaskPushNotificationConfig. */
  deleteTaskPushNotificationConfig(
    req: DeleteTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<void> {
    const attrs = this.spanAttributes('DeleteTaskPushNotificationConfig', { taskId: req.taskId });
    return tracedAgentCall(attrs, () => this.transport.deleteTaskPushNotificationConfig(req, call));
  }

  /** GetExtendedAgentCard: the card an authenticated caller may see. */
  getExtendedAgentCard(req: GetExtendedAgentCardRequest = {}, call?: CallOptions): Promise<AgentCard> {
    return tracedAgentCall(this.spanAttributes('GetExtendedAgentCard', {}), () =>
      this.transport.getExtendedAgentCard(req, call),
    );
  }

  private spanAttributes(
    method: string,
    task: { taskId?: string; contextId?: string },
  ): InvokeAgentSpanAttributes {
    return {
      agentName: this.card.name,
      method,
      url: this.transport.url,
      taskId: task.taskId,
      contextId: task.contextId,
    };
  }
}
