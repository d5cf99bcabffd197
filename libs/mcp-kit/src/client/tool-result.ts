import { McpClientError, McpToolError } from './mcp-client-errors.js';

/** What a tool call returned, reduced to what callers use. */
export interface McpToolResult {
  /** The tool's structured output; undefined when it sent none (tool errors usually send none). */
  readonly structuredContent: Record<string, unknown> | undefined;
  /** true when the tool refused or failed (MCP `isError`); the reason is in `text`. */
  readonly isError: boolean;
  /** The text blocks of the result's content, joined with newlines. */
  readonly text: string;
}

/** Options of one tool call. */
export interface McpCallOptions {
  /** Cancels the call: the server is sent `notifications/cancelled` and the call rejects with the reason. */
  signal?: AbortSignal;
  /** Overrides the client's call timeout. */
  timeoutMs?: number;
}

/** Anything that calls MCP tools: the {@link McpToolClient}, or a stand-in of it. */
export interface McpToolCaller {
  callTool(name: string, args: Record<string, unknown>, options?: McpCallOptions): Promise<McpToolResult>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Internal: the SDK's result (of either result schema) as an {@link McpToolResult}. */
export function toToolResult(raw: Record<string, unknown>): McpToolResult {
  const content = Array.isArray(raw['content']) ? (raw['content'] as unknown[]) : [];
  const text = content
    .filter((block): block is { type: 'text'; text: string } => {
      return isRecord(block) && block['type'] === 'text' && typeof block['text'] === 'string';
    })
    .map((block) => block.text)
    .join('\n');
  return {
    structuredContent: isRecord(raw['structuredContent']) ? raw['structuredContent'] : undefined,
    isError: raw['isError'] === true,
    text,
  };
}

/**
 * The structured output of a successful call. Throws {@link McpToolError} when the tool returned
 * `isError`, and {@link McpClientError} `PROTOCOL` when it returned no structured output.
 */
export function unwrapToolResult(
  toolName: string,
  result: McpToolResult,
  server = 'mcp',
): Record<string, unknown> {
  if (result.isError) throw new McpToolError(toolName, result.text);
  if (!result.structuredContent) {
    throw new McpClientError('PROTOCOL', `${toolName} returned no structured content`, server);
  }
  return result.structuredContent;
}
