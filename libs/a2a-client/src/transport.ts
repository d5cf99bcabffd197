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
import { A2ATransportError } from './client-errors.js';
import type { CallOptions } from './http-channel.js';

/** CreateTaskPushNotificationConfig's input: a config naming its task. */
export type CreateTaskPushNotificationConfigRequest = TaskPushNotificationConfig & { taskId: string };

/** GetExtendedAgentCard's input. */
export interface GetExtendedAgentCardRequest {
  tenant?: string;
}

/** One event of a stream with the SSE id it arrived under, when the server gave one. */
export interface StreamItem {
  event: StreamResponse;
  id: string | undefined;
}

/** Options of a subscription that resumes an earlier stream. */
export interface SubscribeCallOptions extends CallOptions {
  /** Sent as `Last-Event-ID` so a server that keeps event logs can replay what was missed. */
  lastEventId?: string;
}

/** The protocol bindings this client speaks. */
export type ClientBinding = 'JSONRPC' | 'HTTP+JSON';

/** One binding of the A2A operations, always in v1.0 types whatever the wire speaks. */
export interface A2ATransport {
  readonly binding: ClientBinding;
  /** The protocol version on the wire (`1.0` or `0.3`). */
  readonly protocolVersion: string;
  readonly url: string;
  sendMessage(req: SendMessageRequest, call?: CallOptions): Promise<SendMessageResponse>;
  sendStreamingMessage(req: SendMessageRequest, call?: CallOptions): AsyncIterable<StreamItem>;
  getTask(req: GetTaskRequest, call?: CallOptions): Promise<Task>;
  listTasks(req: ListTasksRequest, call?: CallOptions): Promise<ListTasksResponse>;
  cancelTask(req: CancelTaskRequest, call?: CallOptions): Promise<Task>;
  subscribeToTask(req: SubscribeToTaskRequest, call?: SubscribeCallOptions): AsyncIterable<StreamItem>;
  createTaskPushNotificationConfig(
    req: CreateTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig>;
  getTaskPushNotificationConfig(
    req: GetTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<TaskPushNotificationConfig>;
  listTaskPushNotificationConfigs(
    req: ListTaskPushNotificationConfigsRequest,
    call?: CallOptions,
  ): Promise<ListTaskPushNotificationConfigsResponse>;
  deleteTaskPushNotificationConfig(
    req: DeleteTaskPushNotificationConfigRequest,
    call?: CallOptions,
  ): Promise<void>;
  getExtendedAgentCard(req?: GetExtendedAgentCardRequest, call?: CallOptions): Promise<AgentCard>;
}

interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

/** Checks what the agent answered against the protocol schema; a mismatch is the agent's fault. */
export function decodeResult<T>(schema: Parser<T>, value: unknown, what: string, url: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new A2ATransportError(
    'INVALID_RESPONSE',
    `${url} answered an invalid ${what}: ${parsed.error.message}`,
    { url },
  );
}

/** Parses a JSON body; `undefined` when it is not JSON. */
export function tryParseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short excerpt of a body for error messages. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
