import { z } from 'zod';
import { JsonObjectSchema } from './json.js';

export const RoleSchema = z.enum(['ROLE_USER', 'ROLE_AGENT']);
export type Role = z.infer<typeof RoleSchema>;

const PART_CONTENT_KEYS = ['text', 'raw', 'url', 'data'] as const;

/**
 * A piece of content: exactly one of `text`, `raw` (base64 bytes), `url` or `data` (any JSON value).
 */
export const PartSchema = z
  .object({
    text: z.string().optional(),
    raw: z.base64().optional(),
    url: z.string().optional(),
    data: z.unknown().optional(),
    metadata: JsonObjectSchema.optional(),
    filename: z.string().optional(),
    mediaType: z.string().optional(),
  })
  .superRefine((part, ctx) => {
    const present = PART_CONTENT_KEYS.filter((k) => part[k] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? 'a part needs exactly one of text, raw, url or data; none was given'
            : `a part needs exactly one of text, raw, url or data; got ${present.join(', ')}`,
      });
    }
  });
export type Part = z.infer<typeof PartSchema>;

export const MessageSchema = z.object({
  messageId: z.string().min(1),
  contextId: z.string().optional(),
  taskId: z.string().optional(),
  role: RoleSchema,
  parts: z.array(PartSchema).min(1),
  metadata: JsonObjectSchema.optional(),
  extensions: z.array(z.string()).optional(),
  referenceTaskIds: z.array(z.string()).optional(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ArtifactSchema = z.object({
  artifactId: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(PartSchema).min(1),
  metadata: JsonObjectSchema.optional(),
  extensions: z.array(z.string()).optional(),
});
export type Artifact = z.infer<typeof ArtifactSchema>;
