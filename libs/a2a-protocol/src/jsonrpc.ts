import type { JsonRpcErrorObject } from './errors.js';

export type JsonRpcId = string | number | null;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id?: JsonRpcId;
  method: string;
  params?: unknown;
}

export interface JsonRpcSuccess<T = unknown> {
  jsonrpc: '2.0';
  id: JsonRpcId;
  result: T;
}

export interface JsonRpcFailure {
  jsonrpc: '2.0';
  id: JsonRpcId;
  error: JsonRpcErrorObject;
}

export type JsonRpcResponse<T = unknown> = JsonRpcSuccess<T> | JsonRpcFailure;

export function isJsonRpcFailure(r: JsonRpcResponse): r is JsonRpcFailure {
  return 'error' in r;
}

/** Header carrying the protocol version (Major.Minor); absent means 0.3. */
export const A2A_VERSION_HEADER = 'a2a-version';
export const A2A_EXTENSIONS_HEADER = 'a2a-extensions';
export const A2A_CONTENT_TYPE = 'application/a2a+json';
export const AGENT_CARD_PATH = '/.well-known/agent-card.json';
export const LEGACY_AGENT_CARD_PATH = '/.well-known/agent.json';

export const PROTOCOL_VERSION_1_0 = '1.0';
export const PROTOCOL_VERSION_0_3 = '0.3';
export const SUPPORTED_PROTOCOL_VERSIONS = [PROTOCOL_VERSION_1_0, PROTOCOL_VERSION_0_3] as const;
export type ProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/** v1.0 JSON-RPC method names (the gRPC names). */
export const A2A_METHODS = {
  SendMessage: 'SendMessage',
  SendStreamingMessage: 'SendStreamingMessage',
  GetTask: 'GetTask',
  ListTasks: 'ListTasks',
  CancelTask: 'CancelTask',
  SubscribeToTask: 'SubscribeToTask',
  CreateTaskPushNotificationConfig: 'CreateTaskPushNotificationConfig',
  GetTaskPushNotificationConfig: 'GetTaskPushNotificationConfig',
  ListTaskPushNotificationConfigs: 'ListTaskPushNotificationConfigs',
  DeleteTaskPushNotificationConfig: 'DeleteTaskPushNotificationConfig',
  GetExtendedAgentCard: 'GetExtendedAgentCard',
} as const;
export type A2AMethod = keyof typeof A2A_METHODS;

/** v0.3 JSON-RPC method names and the v1.0 operation each one maps to. */
export const V03_METHODS: Readonly<Record<string, A2AMethod>> = {
  'message/send': 'SendMessage',
  'message/stream': 'SendStreamingMessage',
  'tasks/get': 'GetTask',
  'tasks/cancel': 'CancelTask',
  'tasks/resubscribe': 'SubscribeToTask',
  'tasks/pushNotificationConfig/set': 'CreateTaskPushNotificationConfig',
  'tasks/pushNotificationConfig/get': 'GetTaskPushNotificationConfig',
  'tasks/pushNotificationConfig/list': 'ListTaskPushNotificationConfigs',
  'tasks/pushNotificationConfig/delete': 'DeleteTaskPushNotificationConfig',
  'agent/getAuthenticatedExtendedCard': 'GetExtendedAgentCard',
};

/** Methods whose response is an SSE stream. */
export const STREAMING_METHODS: ReadonlySet<A2AMethod> = new Set(['SendStreamingMessage', 'SubscribeToTask']);
