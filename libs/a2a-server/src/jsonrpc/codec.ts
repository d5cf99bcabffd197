import {
  A2A_METHODS,
  CancelTaskRequestSchema,
  CreateTaskPushNotificationConfigRequestSchema,
  DeleteTaskPushNotificationConfigRequestSchema,
  GetExtendedAgentCardRequestSchema,
  GetTaskPushNotificationConfigRequestSchema,
  GetTaskRequestSchema,
  ListTaskPushNotificationConfigsRequestSchema,
  ListTasksRequestSchema,
  SendMessageRequestSchema,
  SubscribeToTaskRequestSchema,
  type A2AMethod,
  type StreamResponse,
} from '@a2a-platform/a2a-protocol';
import type { z } from 'zod';
import { parseParams } from './params.js';

/**
 * How one protocol version names its methods and shapes its params and results. The server
 * core only speaks v1.0; a codec translates at the edge.
 */
export interface WireCodec {
  /** The v1.0 operation for a method name of this version, if it has one. */
  operation(method: string): A2AMethod | undefined;
  /** Validated v1.0 request for the operation. Throws InvalidParams. */
  decodeParams(op: A2AMethod, params: unknown): unknown;
  /** The operation's v1.0 result in this version's shape. */
  encodeResult(op: A2AMethod, result: unknown): unknown;
  /** One v1.0 stream event in this version's shape. */
  encodeEvent(event: StreamResponse): unknown;
}

const V1_PARAMS: Record<A2AMethod, z.ZodType> = {
  SendMessage: SendMessageRequestSchema,
  SendStreamingMessage: SendMessageRequestSchema,
  GetTask: GetTaskRequestSchema,
  ListTasks: ListTasksRequestSchema,
  CancelTask: CancelTaskRequestSchema,
  SubscribeToTask: SubscribeToTaskRequestSchema,
  CreateTaskPushNotificationConfig: CreateTaskPushNotificationConfigRequestSchema,
  GetTaskPushNotificationConfig: GetTaskPushNotificationConfigRequestSchema,
  ListTaskPushNotificationConfigs: ListTaskPushNotificationConfigsRequestSchema,
  DeleteTaskPushNotificationConfig: DeleteTaskPushNotificationConfigRequestSchema,
  GetExtendedAgentCard: GetExtendedAgentCardRequestSchema,
};

/** A2A v1.0: method names are the operation names, shapes are the internal ones. */
export const v1Codec: WireCodec = {
  operation: (method) => (Object.hasOwn(A2A_METHODS, method) ? (method as A2AMethod) : undefined),
  decodeParams: (op, params) => parseParams(V1_PARAMS[op], params ?? {}),
  encodeResult: (_op, result) => result,
  encodeEvent: (event) => event,
};
