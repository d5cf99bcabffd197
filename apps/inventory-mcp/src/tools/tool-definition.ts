import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { DomainError } from '../domain-error.js';

/** What a tool returns: the structured result and one line of text for the model. */
export interface ToolOutcome<Output> {
  data: Output;
  summary: string;
}

/**
 * An MCP tool: zod input and output schemas plus a synchronous body (SQLite calls are
 * synchronous). The body receives arguments already validated against `inputSchema` and throws
 * `DomainError` for requests it refuses.
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

/** A refused tool call, as MCP expects it: `isError` with a message naming the argument. */
export function toolErrorResult(error: DomainError): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `Invalid argument "${error.field}" (${error.code}): ${error.message}` }],
  };
}

/**
 * Runs a tool body and shapes its result. Refusals become `isError` results; unexpected failures
 * are logged and reported without internals (SQL text, stack) leaking to the caller.
 */
export function executeTool(
  tool: ToolDefinition,
  args: unknown,
  logger: FastifyBaseLogger,
  sessionId?: string,
): CallToolResult {
  const started = performance.now();
  const log = { tool: tool.name, sessionId };
  try {
    const outcome = tool.run(args as z.output<z.ZodObject>);
    logger.info({ ...log, durationMs: Math.round(performance.now() - started) }, 'tool call');
    return {
      content: [{ type: 'text', text: outcome.summary }],
      structuredContent: outcome.data as Record<string, unknown>,
    };
  } catch (error) {
    if (error instanceof DomainError) {
      logger.info({ ...log, code: error.code, field: error.field }, 'tool call refused');
      return toolErrorResult(error);
    }
    logger.error({ ...log, err: error }, 'tool call failed');
    return { isError: true, content: [{ type: 'text', text: `Internal error while running ${tool.name}` }] };
  }
}

/** Registers tools on an MCP server; the SDK validates arguments against each input schema first. */
export function registerTools(
  server: McpServer,
  tools: readonly ToolDefinition[],
  logger: FastifyBaseLogger,
): void {
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: tool.annotations,
      },
      (args: unknown, extra: { sessionId?: string }) => executeTool(tool, args, logger, extra.sessionId),
    );
  }
}
