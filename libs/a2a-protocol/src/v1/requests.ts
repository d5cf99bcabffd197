import { z } from 'zod';
import { JsonObjectSchema, TimestampSchema } from './json.js';
import { MessageSchema } from './message.js';
import { TaskSchema, TaskStateSchema } from './task.js';

const HistoryLengthSchema = z.number().int().min(0);

export const AuthenticationInfoSchema = z.object({
  scheme: z.string().min(1),
  credentials: z.string().optional(),
});
export type AuthenticationInfo = z.infer<typeof AuthenticationInfoSchema>;

export const TaskPushNotificationConfigSchema = z.object({
  tenant: z.string().optional(),
  id: z.string().optional(),
  taskId: z.string().optional(),
  url: z.string().url(),
  token: z.string().optional(),
  authentication: AuthenticationInfoSchema.optional(),
});
export type TaskPushNotificationConfig = z.infer<typeof TaskPushNotificationConfigSchema>;

export const SendMessageConfigurationSchema = z.object({
  acceptedOutputModes: z.array(z.string()).optional(),
  taskPushNotificationConfig: TaskPushNotificationConfigSchema.optional(),
  historyLength: HistoryLengthSchema.optional(),
  returnImmediately: z.boolean().optional(),
});
export type SendMessageConfiguration = z.infer<typeof SendMessageConfigurationSchema>;

export const SendMessageRequestSchema = z.object({
  tenant: z.string().optional(),
  message: MessageSchema,
  configuration: SendMessageConfigurationSchema.optional(),
  metadata: JsonObjectSchema.optional(),
});
export type SendMessageRequest = z.infer<typeof SendMessageRequestSchema>;

export const GetTaskRequestSchema = z.object({
  tenant: z.string().optional(),
  id: z.string().min(1),
  historyLength: HistoryLengthSchema.optional(),
});
export type GetTaskRequest = z.infer<typeof GetTaskRequestSchema>;

/** Largest page a ListTasks call returns; larger requests are clamped. */
export const MAX_LIST_PAGE_SIZE = 100;
export const DEFAULT_LIST_PAGE_SIZE = 50;

export const ListTasksRequestSchema = z.object({
  tenant: z.string().optional(),
  contextId: z.string().optional(),
  status: TaskStateSchema.optional(),
  pageSize: z.number().int().min(1).max(MAX_LIST_PAGE_SIZE).optional(),
  pageToken: z.string().optional(),
  historyLength: HistoryLengthSchema.optional(),
  statusTimestampAfter: TimestampSchema.optional(),
  includeArtifacts: z.boolean().optional(),
});
export type ListTasksRequest = z.infer<typeof ListTasksRequestSchema>;

export const ListTasksResponseSchema = z.object({
  tasks: z.array(TaskSchema),
  nextPageToken: z.string(),
  pageSize: z.number().int(),
  totalSize: z.number().int(),
});
export type ListTasksResponse = z.infer<typeof ListTasksResponseSchema>;

export const CancelTaskRequestSchema = z.object({
  tenant: z.string().optional(),
  id: z.string().min(1),
  metadata: JsonObjectSchema.optional(),
});
export type CancelTaskRequest = z.infer<typeof CancelTaskRequestSchema>;

export const SubscribeToTaskRequestSchema = z.object({
  tenant: z.string().optional(),
  id: z.string().min(1),
});
export type SubscribeToTaskRequest = z.infer<typeof SubscribeToTaskRequestSchema>;

export const CreateTaskPushNotificationConfigRequestSchema = TaskPushNotificationConfigSchema.extend({
  taskId: z.string().min(1),
});

export const GetTaskPushNotificationConfigRequestSchema = z.object({
  tenant: z.string().optional(),
  taskId: z.string().min(1),
  id: z.string().min(1),
});
export type GetTaskPushNotificationConfigRequest = z.infer<typeof GetTaskPushNotificationConfigRequestSchema>;
export const DeleteTaskPushNotificationConfigRequestSchema = GetTaskPushNotificationConfigRequestSchema;
export type DeleteTaskPushNotificationConfigRequest = GetTaskPushNotificationConfigRequest;

export const ListTaskPushNotificationConfigsRequestSchema = z.object({
  tenant: z.string().optional(),
  taskId: z.string().min(1),
  pageSize: z.number().int().min(0).optional(),
  pageToken: z.string().optional(),
});
export type ListTaskPushNotificationConfigsRequest = z.infer<
  typeof ListTaskPushNotificationConfigsRequestSchema
>;

export const ListTaskPushNotificationConfigsResponseSchema = z.object({
  configs: z.array(TaskPushNotificationConfigSchema),
  nextPageToken: z.string().optional(),
});
export type ListTaskPushNotificationConfigsResponse = z.infer<
  typeof ListTaskPushNotificationConfigsResponseSchema
>;

export const GetExtendedAgentCardRequestSchema = z.object({ tenant: z.string().optional() });
