import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineTool, registerTools, ToolRefusalError, type ToolDefinition } from '../../src/index.js';

/** A tool that counts, refuses unknown names, and fails with an internal error on demand. */
export const countTool = defineTool({
  name: 'count_letters',
  title: 'Count letters',
  description: 'Counts the letters of a word.',
  inputSchema: z.object({ word: z.string().min(1).describe('The word') }),
  outputSchema: z.object({ word: z.string(), letters: z.number().int() }),
  annotations: { readOnlyHint: true },
  run: ({ word }) => {
    if (word === 'forbidden')
      throw new ToolRefusalError('FORBIDDEN_WORD', 'word', 'this word is not counted');
    if (word === 'crash') throw new Error('SELECT * FROM secret_table failed');
    return { data: { word, letters: word.length }, summary: `${word} has ${word.length} letters` };
  },
});

/** The sample tools, as a service would list them. */
export const sampleTools: ToolDefinition[] = [countTool];

/** A fresh MCP server exposing the sample tools. */
export function createSampleServer(logger: FastifyBaseLogger): McpServer {
  const server = new McpServer({ name: 'sample', version: '1.0.0' }, { capabilities: { tools: {} } });
  registerTools(server, sampleTools, logger);
  return server;
}

/** Base URL of a listening Fastify app. */
export function baseUrlOf(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}
