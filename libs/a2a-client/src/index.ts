export { A2AClient } from './a2a-client.js';
export type { A2AClientOptions, A2AConnectOptions } from './a2a-client.js';
export { AgentCardResolver, resolveAgentCard, parseAgentCard } from './agent-card-resolver.js';
export type { AgentCardResolverOptions } from './agent-card-resolver.js';
export { JsonRpcTransport } from './json-rpc-transport.js';
export { JsonRpcV03Transport } from './json-rpc-v03-transport.js';
export { RestTransport } from './rest-transport.js';
export type {
  A2ATransport,
  ClientBinding,
  CreateTaskPushNotificationConfigRequest,
  GetExtendedAgentCardRequest,
  StreamItem,
  SubscribeCallOptions,
} from './transport.js';
export { HttpChannel } from './http-channel.js';
export type { CallOptions, HeadersHook, HttpOptions, HttpRequestContext } from './http-channel.js';
export { selectInterface, createTransport } from './interface-selection.js';
export type {
  ClientProtocolVersion,
  SelectedInterface,
  TransportPreferences,
} from './interface-selection.js';
export type { ResumeOptions } from './stream-resume.js';
export { SseParser, readSseEvents } from './sse-parser.js';
export type { SseEvent } from './sse-parser.js';
export { A2AClientError, A2ATransportError, A2ATimeoutError } from './client-errors.js';
export type { A2AClientErrorCode } from './client-errors.js';
