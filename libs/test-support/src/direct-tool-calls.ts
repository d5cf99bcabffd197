import { executeTool, type ToolDefinition } from '@a2a-platform/mcp-kit';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { pino } from 'pino';

const silent = pino({ enabled: false });

/**
 * Runs a tool body directly, as the MCP SDK would around it: the arguments are parsed with the tool's
 * input schema first, and a successful result is checked against its output schema (throwing on either
 * mismatch).
 */
export function callToolDirectly(
  tools: ReadonlyMap<string, ToolDefinition>,
  name: string,
  args: Record<string, unknown>,
): CallToolResult {
  const tool = tools.get(name);
  if (!tool) throw new Error(`no tool ${name}`);
  const result = executeTool(tool, tool.inputSchema.parse(args), silent);
  if (!result.isError) tool.outputSchema.parse(result.structuredContent);
  return result;
}

/** The text of a refusal; fails the test unless `result` is an error without structured content. */
export function refusalText(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  return (result.content[0] as { text: string }).text;
}
