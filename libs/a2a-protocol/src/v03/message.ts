import { z } from 'zod';
import { JsonObjectSchema } from '../v1/json.js';

// The v0.3 spec's own request examples leave out `kind` on messages and parts, and its SDKs filled it
// in, so `kind` defaults to its only legal value: a present but different `kind` is still rejected.

/** v0.3 message sender: `user` or `agent`. */
export const V03RoleSchema = z.enum(['user', 'agent']);
export type V03Role = z.infer<typeof V03RoleSchema>;

/** v0.3 `TextPart`: `{ kind: 'text', text }`. */
export const V03TextPartSchema = z.object({
  kind: z.literal('text').default('text'),
  text: z.string(),
  metadata: JsonObjectSchema.optional(),
});
export type V03TextPart = z.infer<typeof V03TextPartSchema>;

const FileBaseShape = { name: z.string().optional(), mimeType: z.string().optional() };

/** v0.3 `FileWithBytes`: inline base64 content; `uri` must be absent. */
export const V03FileWithBytesSchema = z.object({
  ...FileBaseShape,
  bytes: z.base64(),
  uri: z.never().optional(),
});
export type V03FileWithBytes = z.infer<typeof V03FileWithBytesSchema>;

/** v0.3 `FileWithUri`: content by reference; `bytes` must be absent. */
export const V03FileWithUriSchema = z.object({
  ...FileBaseShape,
  uri: z.string(),
  bytes: z.never().optional(),
});
export type V03FileWithUri = z.infer<typeof V03FileWithUriSchema>;

/** v0.3 `FilePart`: `{ kind: 'file', file: { bytes | uri, mimeType?, name? } }`. */
export const V03FilePartSchema = z.object({
  kind: z.literal('file').default('file'),
  file: z.union([V03FileWithBytesSchema, V03FileWithUriSchema]),
  metadata: JsonObjectSchema.optional(),
});
export type V03FilePart = z.infer<typeof V03FilePartSchema>;

/** v0.3 `DataPart`: `{ kind: 'data', data }`, where `data` is a JSON object (never an array or scalar). */
export const V03DataPartSchema = z.object({
  kind: z.literal('data').default('data'),
  data: JsonObjectSchema,
  metadata: JsonObjectSchema.optional(),
});
export type V03DataPart = z.infer<typeof V03DataPartSchema>;

/** v0.3 `Part`: a text, file or data part, told apart by `kind`. */
export const V03PartSchema = z.union([V03TextPartSchema, V03FilePartSchema, V03DataPartSchema]);
export type V03Part = z.infer<typeof V03PartSchema>;

/** v0.3 `Message` (`kind: 'message'`). */
export const V03MessageSchema = z.object({
  kind: z.literal('message').default('message'),
  messageId: z.string().min(1),
  role: V03RoleSchema,
  parts: z.array(V03PartSchema).min(1),
  contextId: z.string().optional(),
  taskId: z.string().optional(),
  metadata: JsonObjectSchema.optional(),
  extensions: z.array(z.string()).optional(),
  referenceTaskIds: z.array(z.string()).optional(),
});
export type V03Message = z.infer<typeof V03MessageSchema>;

/** v0.3 `Artifact`: the same fields as in v1.0, with v0.3 parts. */
export const V03ArtifactSchema = z.object({
  artifactId: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(V03PartSchema).min(1),
  metadata: JsonObjectSchema.optional(),
  extensions: z.array(z.string()).optional(),
});
export type V03Artifact = z.infer<typeof V03ArtifactSchema>;
