import { randomUUID } from 'node:crypto';
import type { Message } from '@a2a-platform/a2a-protocol';
import type { StatusContent } from './executor.js';

/** Turns status content into an agent message bound to the task. */
export function toAgentMessage(content: StatusContent, taskId: string, contextId: string): Message {
  if (typeof content === 'string') {
    return { messageId: randomUUID(), role: 'ROLE_AGENT', parts: [{ text: content }], taskId, contextId };
  }
  if (Array.isArray(content)) {
    return { messageId: randomUUID(), role: 'ROLE_AGENT', parts: content, taskId, contextId };
  }
  return { ...content, taskId, contextId };
}
