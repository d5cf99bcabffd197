import type { z } from 'zod';
import { McpClientError } from './mcp-client-errors.js';
import { unwrapToolResult, type McpCallOptions, type McpToolCaller } from './tool-result.js';

/** Options of {@link callCheckedTool}. */
export interface CheckedToolCallOptions extends McpCallOptions {
  /**
   * The server's name, as errors report it.
   * @defaultValue `'mcp'`
   */
  server?: string;
}

/**
 * Calls a tool and checks its structured output against `schema` at this edge. Throws
 * {@link McpToolError} when the tool refused, and {@link McpClientError} `PROTOCOL` when it sent no
 * structured output or one that does not match (naming each mismatching field).
 */
export async function callCheckedTool<T>(
  caller: McpToolCaller,
  tool: string,
  args: Record<string, unknown>,
  schema: z.ZodType<T>,
  options: CheckedToolCallOptions = {},
): Promise<T> {
  const { server = 'mcp', ...callOptions } = options;
  const data = unwrapToolResult(tool, await caller.callTool(tool, args, callOptions), server);
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new McpClientError('PROTOCOL', `${tool} returned unexpected content: ${problems}`, server);
}
