import { McpClientError, McpToolClient, type McpClientLogger } from '../src/index.js';
import { TinyMcpServer } from './support/tiny-mcp-server.js';

interface Line {
  level: 'info' | 'warn' | 'debug';
  obj: Record<string, unknown>;
  msg: string;
}

function recordingLogger(lines: Line[]): McpClientLogger {
  const at =
    (level: Line['level']) =>
    (obj: object, msg: string): void => {
      lines.push({ level, obj: obj as Record<string, unknown>, msg });
    };
  return { info: at('info'), warn: at('warn'), debug: at('debug') };
}

describe('McpToolClient logs one line per tool call', () => {
  let server: TinyMcpServer;
  let client: McpToolClient;
  let lines: Line[];
  const calls = () => lines.filter((l) => l.msg.startsWith('MCP tool call'));

  beforeEach(async () => {
    server = new TinyMcpServer();
    await server.start(0);
    lines = [];
    client = new McpToolClient({
      url: server.url,
      name: 'tiny',
      logger: recordingLogger(lines),
      backoff: { initialDelayMs: 20, maxDelayMs: 100 },
    });
  });
  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  it('at info, with the tool, whether it reported an error, and how long it took', async () => {
    await client.callTool('echo', { value: 'a' });
    await client.callTool('refuse', { sku: 'NOPE-1' });

    expect(calls()).toEqual([
      {
        level: 'info',
        msg: 'MCP tool call',
        obj: { mcpServer: 'tiny', tool: 'echo', isError: false, durationMs: expect.any(Number) },
      },
      {
        level: 'info',
        msg: 'MCP tool call',
        obj: { mcpServer: 'tiny', tool: 'refuse', isError: true, durationMs: expect.any(Number) },
      },
    ]);
  });

  it('at warn when the call fails, with the error code and message', async () => {
    await client.connect();
    await server.stop();

    const failure = await client.callTool('echo', { value: 'b' }).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(McpClientError);
    expect(calls()).toEqual([
      {
        level: 'warn',
        msg: 'MCP tool call failed',
        obj: {
          mcpServer: 'tiny',
          tool: 'echo',
          code: 'UNAVAILABLE',
          reason: (failure as Error).message,
          durationMs: expect.any(Number),
        },
      },
    ]);
  });
});
