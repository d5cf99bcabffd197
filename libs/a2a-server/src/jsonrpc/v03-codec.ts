import {
  V03_METHODS,
  V03GetTaskPushNotificationConfigParamsSchema,
  V03DeleteTaskPushNotificationConfigParamsSchema,
  V03ListTaskPushNotificationConfigParamsSchema,
  V03MessageSendParamsSchema,
  V03TaskIdParamsSchema,
  V03TaskPushNotificationConfigSchema,
  V03TaskQueryParamsSchema,
  agentCardToV03,
  cancelTaskParamsFromV03,
  deletePushConfigParamsFromV03,
  getPushConfigParamsFromV03,
  getTaskParamsFromV03,
  listPushConfigParamsFromV03,
  listPushConfigsResultToV03,
  sendParamsFromV03,
  sendResultToV03,
  streamEventToV03,
  subscribeParamsFromV03,
  taskPushConfigFromV03,
  taskPushConfigToV03,
  taskToV03,
  type A2AMethod,
  type AgentCard,
  type ListTaskPushNotificationConfigsResponse,
  type SendMessageResponse,
  type Task,
  type TaskPushNotificationConfig,
} from '@a2a-platform/a2a-protocol';
import type { z } from 'zod';
import type { WireCodec } from './codec.js';
import { parseParams } from './params.js';

interface V03Operation {
  schema: z.ZodType;
  toV1: (params: never) => unknown;
}

const OPERATIONS: Partial<Record<A2AMethod, V03Operation>> = {
  SendMessage: { schema: V03MessageSendParamsSchema, toV1: sendParamsFromV03 },
  SendStreamingMessage: { schema: V03MessageSendParamsSchema, toV1: sendParamsFromV03 },
  GetTask: { schema: V03TaskQueryParamsSchema, toV1: getTaskParamsFromV03 },
  CancelTask: { schema: V03TaskIdParamsSchema, toV1: cancelTaskParamsFromV03 },
  SubscribeToTask: { schema: V03TaskIdParamsSchema, toV1: subscribeParamsFromV03 },
  CreateTaskPushNotificationConfig: {
    schema: V03TaskPushNotificationConfigSchema,
    toV1: taskPushConfigFromV03,
  },
  GetTaskPushNotificationConfig: {
    schema: V03GetTaskPushNotificationConfigParamsSchema,
    toV1: getPushConfigParamsFromV03,
  },
  ListTaskPushNotificationConfigs: {
    schema: V03ListTaskPushNotificationConfigParamsSchema,
    toV1: listPushConfigParamsFromV03,
  },
  DeleteTaskPushNotificationConfig: {
    schema: V03DeleteTaskPushNotificationConfigParamsSchema,
    toV1: deletePushConfigParamsFromV03,
  },
};

/**
 * A2A v0.3 on the same endpoint: its method names, `kind`-tagged shapes and lowercase states,
 * converted to and from the v1.0 model at the edge.
 */
export const v03Codec: WireCodec = {
  operation: (method) => (Object.hasOwn(V03_METHODS, method) ? V03_METHODS[method] : undefined),

  decodeParams(op, params) {
    if (op === 'GetExtendedAgentCard') return {};
    const operation = OPERATIONS[op];
    if (!operation) return params;
    return operation.toV1(parseParams(operation.schema, params ?? {}) as never);
  },

  encodeResult(op, result) {
    switch (op) {
      case 'SendMessage':
        return sendResultToV03(result as SendMessageResponse);
      case 'GetTask':
      case 'CancelTask':
        return taskToV03(result as Task);
      case 'CreateTaskPushNotificationConfig':
      case 'GetTaskPushNotificationConfig':
        return taskPushConfigToV03(result as TaskPushNotificationConfig);
      case 'ListTaskPushNotificationConfigs':
        return listPushConfigsResultToV03(result as ListTaskPushNotificationConfigsResponse);
      case 'DeleteTaskPushNotificationConfig':
        return null;
      case 'GetExtendedAgentCard':
        return agentCardToV03(result as AgentCard);
      default:
        return result;
    }
  },

  encodeEvent: streamEventToV03,
};
