import { z } from 'zod';
import { JsonObjectSchema } from '../v1/json.js';
import { V03MessageSchema } from './message.js';

const HistoryLengthSchema = z.number().int().min(0);

/** v0.3 `PushNotificationAuthenticationInfo`: a list of schemes where v1.0 has a single one. */
export const V03PushNotificationAuthenticationInfoSchema = z.object({
  schemes: z.array(z.string()),
  credentials: z.string().optional(),
});
export type V03PushNotificationAuthenticationInfo = z.infer<
  typeof V03PushNotificationAuthenticationInfoSchema
>;

/** v0.3 `PushNotificationConfig`: the webhook itself, without its task. */
export const V03PushNotificationConfigSchema = z.object({
  id: z.string().optional(),
  url: z.url(),
  token: z.string().optional(),
  authentication: V03PushNotificationAuthenticationInfoSchema.optional(),
});
export type V03PushNotificationConfig = z.infer<typeof V03PushNotificationConfigSchema>;

/** v0.3 `TaskPushNotificationConfig`: `{ taskId, pushNotificationConfig }` (params and result of `set`/`get`). */
export const V03TaskPushNotificationConfigSchema = z.object({
  taskId: z.string().min(1),
  pushNotificationConfig: V03PushNotificationConfigSchema,
});
export type V03TaskPushNotificationConfig = z.infer<typeof V03TaskPushNotificationConfigSchema>;

/** v0.3 `MessageSendConfiguration`. */
export const V03MessageSendConfigurationSchema = z.object({
  acceptedOutputModes: z.array(z.string()).optional(),
  historyLength: HistoryLengthSchema.optional(),
  pushNotificationConfig: V03PushNotificationConfigSchema.optional(),
  blocking: z.boolean().optional(),
});
export type V03MessageSendConfiguration = z.infer<typeof V03MessageSendConfigurationSchema>;

/** v0.3 `MessageSendParams` (`message/send`, `message/stream`). */
export const V03MessageSendParamsSchema = z.object({
  message: V03MessageSchema,
  configuration: V03MessageSendConfigurationSchema.optional(),
  metadata: JsonObjectSchema.optional(),
});
export type V03MessageSendParams = z.infer<typeof V03MessageSendParamsSchema>;

/** v0.3 `TaskIdParams` (`tasks/cancel`, `tasks/resubscribe`); `id` is the task id. */
export const V03TaskIdParamsSchema = z.object({
  id: z.string().min(1),
  metadata: JsonObjectSchema.optional(),
});
export type V03TaskIdParams = z.infer<typeof V03TaskIdParamsSchema>;

/** v0.3 `TaskQueryParams` (`tasks/get`). */
export const V03TaskQueryParamsSchema = V03TaskIdParamsSchema.extend({
  historyLength: HistoryLengthSchema.optional(),
});
export type V03TaskQueryParams = z.infer<typeof V03TaskQueryParamsSchema>;

/** v0.3 `GetTaskPushNotificationConfigParams`; without `pushNotificationConfigId` it asks for the task's default config. */
export const V03GetTaskPushNotificationConfigParamsSchema = V03TaskIdParamsSchema.extend({
  pushNotificationConfigId: z.string().min(1).optional(),
});
export type V03GetTaskPushNotificationConfigParams = z.infer<
  typeof V03GetTaskPushNotificationConfigParamsSchema
>;

/** v0.3 `ListTaskPushNotificationConfigParams`. */
export const V03ListTaskPushNotificationConfigParamsSchema = V03TaskIdParamsSchema;
export type V03ListTaskPushNotificationConfigParams = V03TaskIdParams;

/** v0.3 `DeleteTaskPushNotificationConfigParams`. */
export const V03DeleteTaskPushNotificationConfigParamsSchema = V03TaskIdParamsSchema.extend({
  pushNotificationConfigId: z.string().min(1),
});
export type V03DeleteTaskPushNotificationConfigParams = z.infer<
  typeof V03DeleteTaskPushNotificationConfigParamsSchema
>;

/** The `result` of v0.3 `tasks/pushNotificationConfig/list`: a bare array. */
export const V03ListTaskPushNotificationConfigResultSchema = z.array(V03TaskPushNotificationConfigSchema);
export type V03ListTaskPushNotificationConfigResult = z.infer<
  typeof V03ListTaskPushNotificationConfigResultSchema
>;
