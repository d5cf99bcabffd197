import { withMcpServerSpan } from '@a2a-platform/telemetry';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { ToolDefinition } from './tool-definition.js';
import { toolFailure, toolRefusal, toolResult, ToolRefusalError } from './tool-results.js';

/** What the SDK hands a tool callback besides its arguments: session, request id, `_meta`, HTTP request. */
type ToolCallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Runs a tool body and shapes its result. Refusals ({@link ToolRefusalError}) become `isError`
 * results naming the argument; unexpected failures are logged and reported without internals
 * leaking to the caller. Never throws.
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
    return toolResult(outcome);
  } catch (error) {
    if (error instanceof ToolRefusalError) {
      logger.info({ ...log, code: error.code, field: error.field }, 'tool call refused');
      return toolRefusal(error);
    }
    logger.error({ ...log, err: error }, 'tool call failed');
    return toolFailure(tool.name);
  }
}

function headerValue(extra: ToolCallExtra, name: string): string | undefined {
  const value = extra.requestInfo?.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Registers tools on an MCP server; the SDK validates arguments against each input schema first.
 * Each call runs in an MCP SERVER span (`tools/call <tool>`) whose parent is the caller's span
 * when the request's `params._meta` carries a `traceparent`.
 */
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
      (args: unknown, extra: ToolCallExtra) =>
        withMcpServerSpan(
          {
            method: 'tools/call',
            toolName: tool.name,
            sessionId: extra.sessionId,
            requestId: extra.requestId,
            protocolVersion: headerValue(extra, 'mcp-protocol-version'),
            meta: extra._meta,
          },
          async () => executeTool(tool, args, logger, extra.sessionId),
        ),
    );
  }
}
