import { A2AErrors } from '../errors.js';
import type { JsonObject } from '../v1/json.js';
import type { Artifact, Message, Part } from '../v1/message.js';
import type { V03Artifact, V03Message, V03Part } from '../v03/message.js';
import { omitUndefined } from './omit-undefined.js';
import { roleFromV03, roleToV03 } from './task-state.js';

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A v1.0 part as a v0.3 part.
 *
 * - `text` -> `{ kind: 'text' }`; `raw` (base64) -> `file.bytes`; `url` -> `file.uri`;
 *   `mediaType` -> `file.mimeType`; `filename` -> `file.name`.
 * - `data` -> `{ kind: 'data' }`. v0.3 data must be a JSON object, so any other JSON value (array,
 *   string, number, boolean, null) is wrapped as `{ value: <it> }`; converting back yields that object.
 * - v0.3 text and data parts have no media type or file name: a v1.0 `mediaType`/`filename` on them
 *   is dropped. Part `metadata` is kept as is.
 */
export function partToV03(part: Part): V03Part {
  const metadata = part.metadata;
  if (part.text !== undefined) return omitUndefined({ kind: 'text' as const, text: part.text, metadata });
  if (part.raw !== undefined || part.url !== undefined) {
    const described = { name: part.filename, mimeType: part.mediaType };
    const file =
      part.raw !== undefined
        ? omitUndefined({ ...described, bytes: part.raw })
        : omitUndefined({ ...described, uri: part.url as string });
    return omitUndefined({ kind: 'file' as const, file, metadata });
  }
  if (part.data !== undefined) {
    const data = isJsonObject(part.data) ? part.data : { value: part.data };
    return omitUndefined({ kind: 'data' as const, data, metadata });
  }
  throw A2AErrors.invalidParams('A part needs one of text, raw, url or data');
}

/** A v0.3 part as a v1.0 part: the inverse of {@link partToV03} (see there for the field mapping). */
export function partFromV03(part: V03Part): Part {
  const metadata = part.metadata;
  switch (part.kind) {
    case 'text':
      return omitUndefined({ text: part.text, metadata });
    case 'data':
      return omitUndefined({ data: part.data, metadata });
    case 'file': {
      const { file } = part;
      const content = file.bytes !== undefined ? { raw: file.bytes } : { url: file.uri };
      return omitUndefined({ ...content, metadata, filename: file.name, mediaType: file.mimeType });
    }
  }
}

/** A v1.0 message as a v0.3 message (`kind: 'message'`, lowercase role, v0.3 parts). */
export function messageToV03(message: Message): V03Message {
  return omitUndefined({
    kind: 'message' as const,
    messageId: message.messageId,
    role: roleToV03(message.role),
    parts: message.parts.map(partToV03),
    contextId: message.contextId,
    taskId: message.taskId,
    metadata: message.metadata,
    extensions: message.extensions,
    referenceTaskIds: message.referenceTaskIds,
  });
}

/** A v0.3 message as a v1.0 message (`ROLE_*` role, v1.0 parts; `kind` dropped). */
export function messageFromV03(message: V03Message): Message {
  return omitUndefined({
    messageId: message.messageId,
    contextId: message.contextId,
    taskId: message.taskId,
    role: roleFromV03(message.role),
    parts: message.parts.map(partFromV03),
    metadata: message.metadata,
    extensions: message.extensions,
    referenceTaskIds: message.referenceTaskIds,
  });
}

/** A v1.0 artifact as a v0.3 artifact (only its parts change). */
export function artifactToV03(artifact: Artifact): V03Artifact {
  return omitUndefined({
    artifactId: artifact.artifactId,
    name: artifact.name,
    description: artifact.description,
    parts: artifact.parts.map(partToV03),
    metadata: artifact.metadata,
    extensions: artifact.extensions,
  });
}

/** A v0.3 artifact as a v1.0 artifact (only its parts change). */
export function artifactFromV03(artifact: V03Artifact): Artifact {
  return omitUndefined({
    artifactId: artifact.artifactId,
    name: artifact.name,
    description: artifact.description,
    parts: artifact.parts.map(partFromV03),
    metadata: artifact.metadata,
    extensions: artifact.extensions,
  });
}
