import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolOutcome } from './tool-definition.js';

/**
 * A request a tool refuses for a reason the caller can fix. `field` names the offending argument
 * (dot path, e.g. `lines[1].sku`); `code` is stable for programs to branch on.
 */
export class ToolRefusalError extends Error {
  override readonly name = 'ToolRefusalError';

  constructor(
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A successful tool result: the summary as text for the model, the data as structured content. */
export function toolResult(outcome: ToolOutcome<unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text: outcome.summary }],
    structuredContent: outcome.data as Record<string, unknown>,
  };
}

/** A refused tool call, as MCP expects it: `isError` with a message naming the argument. */
export function toolRefusal(error: ToolRefusalError): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `Invalid argument "${error.field}" (${error.code}): ${error.message}` }],
  };
}

/** Internal: a tool call that failed unexpectedly: `isError` without internals (SQL text, stack). */
export function toolFailure(toolName: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: `Internal error while running ${toolName}` }] };
}
