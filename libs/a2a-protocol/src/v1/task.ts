import { z } from 'zod';
import { JsonObjectSchema, TimestampSchema } from './json.js';
import { ArtifactSchema, MessageSchema } from './message.js';

export const TASK_STATES = [
  'TASK_STATE_SUBMITTED',
  'TASK_STATE_WORKING',
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_CANCELED',
  'TASK_STATE_INPUT_REQUIRED',
  'TASK_STATE_REJECTED',
  'TASK_STATE_AUTH_REQUIRED',
] as const;
export const TaskStateSchema = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskStateSchema>;

export const TaskStatusSchema = z.object({
  state: TaskStateSchema,
  message: MessageSchema.optional(),
  timestamp: TimestampSchema.optional(),
});
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const TaskSchema = z.object({
  id: z.string().min(1),
  contextId: z.string(),
  status: TaskStatusSchema,
  artifacts: z.array(ArtifactSchema).optional(),
  history: z.array(MessageSchema).optional(),
  metadata: JsonObjectSchema.optional(),
});
export type Task = z.infer<typeof TaskSchema>;

export const TaskStatusUpdateEventSchema = z.object({
  taskId: z.string().min(1),
  contextId: z.string(),
  status: TaskStatusSchema,
  metadata: JsonObjectSchema.optional(),
});
export type TaskStatusUpdateEvent = z.infer<typeof TaskStatusUpdateEventSchema>;

export const TaskArtifactUpdateEventSchema = z.object({
  taskId: z.string().min(1),
  contextId: z.string(),
  artifact: ArtifactSchema,
  append: z.boolean().optional(),
  lastChunk: z.boolean().optional(),
  metadata: JsonObjectSchema.optional(),
});
export type TaskArtifactUpdateEvent = z.infer<typeof TaskArtifactUpdateEventSchema>;

/**
 * A proto `oneof` in ProtoJSON: `variants` parsed after checking that at most one of `keys` is set
 * (a union of objects alone would accept two and silently keep the first).
 */
function oneofPayload<T extends z.ZodType>(keys: readonly string[], variants: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value === 'object' && value !== null) {
      const set = keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined);
      if (set.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: `expected exactly one of ${keys.join(', ')}; got ${set.join(', ')}`,
        });
      }
    }
    return value;
  }, variants);
}

/** One event of a stream: exactly one of `task`, `message`, `statusUpdate`, `artifactUpdate`. */
export const StreamResponseSchema = oneofPayload(
  ['task', 'message', 'statusUpdate', 'artifactUpdate'],
  z.union([
    z.object({ task: TaskSchema }),
    z.object({ message: MessageSchema }),
    z.object({ statusUpdate: TaskStatusUpdateEventSchema }),
    z.object({ artifactUpdate: TaskArtifactUpdateEventSchema }),
  ]),
);
export type StreamResponse =
  | { task: Task }
  | { message: z.infer<typeof MessageSchema> }
  | { statusUpdate: TaskStatusUpdateEvent }
  | { artifactUpdate: TaskArtifactUpdateEvent };

/** Result of SendMessage: a Task or a direct Message. */
export const SendMessageResponseSchema = oneofPayload(
  ['task', 'message'],
  z.union([z.object({ task: TaskSchema }), z.object({ message: MessageSchema })]),
);
export type SendMessageResponse = { task: Task } | { message: z.infer<typeof MessageSchema> };
