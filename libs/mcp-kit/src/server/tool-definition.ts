import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';

/** What a tool body returns: the structured result and one line of text for the model. */
export interface ToolOutcome<Output> {
  data: Output;
  summary: string;
}

/**
 * An MCP tool: zod input and output schemas plus a synchronous body (SQLite calls are
 * synchronous). The body receives arguments already validated against `inputSchema` and throws
 * `ToolRefusalError` for requests it refuses.
 */
export interface ToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations: ToolAnnotations;
  run(args: z.output<Input>): ToolOutcome<z.output<Output>>;
}

/** Identity function that lets TypeScript infer a tool's schema types. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  tool: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  return tool;
}
