import { z } from 'zod';
import { JsonObjectSchema } from '../v1/json.js';
import { V03ArtifactSchema, V03MessageSchema } from './message.js';

/** The v0.3 task states, lowercase and kebab-case; `unknown` has no v1.0 counterpart. */
export const V03_TASK_STATES = [
  'submitted',
  'working',
  'input-required',
  'completed',
  'canceled',
  'failed',
  'rejected',
  'auth-required',
  'unknown',
] as const;
/** A v0.3 task state. */
export const V03TaskStateSchema = z.enum(V03_TASK_STATES);
export type V03TaskState = z.infer<typeof V03TaskStateSchema>;

/**
 * v0.3 `TaskStatus`. The timestamp stays a plain string here: the v0.3 spec's own examples send
 * ISO 8601 times without a zone designator, which the v1.0 timestamp schema does not accept.
 */
export const V03TaskStatusSchema = z.object({
  state: V03TaskStateSchema,
  message: V03MessageSchema.optional(),
  timestamp: z.string().optional(),
});
export type V03TaskStatus = z.infer<typeof V03TaskStatusSchema>;

/** v0.3 `Task` (`kind: 'task'`). */
export const V03TaskSchema = z.object({
  kind: z.literal('task').default('task'),
  id: z.string().min(1),
  contextId: z.string(),
  status: V03TaskStatusSchema,
  history: z.array(V03MessageSchema).optional(),
  artifacts: z.array(V03ArtifactSchema).optional(),
  metadata: JsonObjectSchema.optional(),
});
export type V03Task = z.infer<typeof V03TaskSchema>;

/** v0.3 `TaskStatusUpdateEvent` (`kind: 'status-update'`); `final` marks the stream's last event. */
export const V03TaskStatusUpdateEventSchema = z.object({
  kind: z.literal('status-update').default('status-update'),
  taskId: z.string().min(1),
  contextId: z.string(),
  status: V03TaskStatusSchema,
  final: z.boolean(),
  metadata: JsonObjectSchema.optional(),
});
export type V03TaskStatusUpdateEvent = z.infer<typeof V03TaskStatusUpdateEventSchema>;

/** v0.3 `TaskArtifactUpdateEvent` (`kind: 'artifact-update'`). */
export const V03TaskArtifactUpdateEventSchema = z.object({
  kind: z.literal('artifact-update').default('artifact-update'),
  taskId: z.string().min(1),
  contextId: z.string(),
  artifact: V03ArtifactSchema,
  append: z.boolean().optional(),
  lastChunk: z.boolean().optional(),
  metadata: JsonObjectSchema.optional(),
});
export type V03TaskArtifactUpdateEvent = z.infer<typeof V03TaskArtifactUpdateEventSchema>;

/** The `result` of a v0.3 `message/send`: a bare Task or Message. */
export const V03SendResultSchema = z.union([V03TaskSchema, V03MessageSchema]);
export type V03SendResult = z.infer<typeof V03SendResultSchema>;

/** The `result` of one v0.3 streaming event (`message/stream`, `tasks/resubscribe`). */
export const V03StreamResultSchema = z.union([
  V03TaskStatusUpdateEventSchema,
  V03TaskArtifactUpdateEventSchema,
  V03TaskSchema,
  V03MessageSchema,
]);
export type V03StreamResult = z.infer<typeof V03StreamResultSchema>;
