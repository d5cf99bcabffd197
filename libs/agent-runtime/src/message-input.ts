import type { Message } from '@a2a-platform/a2a-protocol';

/** The content of a user message, read once: its text, its first JSON object part and the skill it names. */
export interface MessageInput {
  /** The text parts, joined with spaces. */
  text: string;
  /** The first data part holding a JSON object, if any. */
  data: Record<string, unknown> | undefined;
  /** `skill` of the data part, else of the message metadata. */
  skill: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the parts of a user message an agent understands (text and JSON data). */
export function readMessageInput(message: Message): MessageInput {
  const text = message.parts
    .map((p) => p.text ?? '')
    .filter(Boolean)
    .join(' ')
    .trim();
  const data = message.parts.map((p) => p.data).find(isRecord);
  const named = data?.['skill'] ?? message.metadata?.['skill'];
  return { text, data, skill: typeof named === 'string' ? named : undefined };
}
