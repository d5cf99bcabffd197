import type { AgentCard } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor } from '@a2a-platform/a2a-server';
import { McpToolClient } from '@a2a-platform/mcp-kit';
import { startAgent, type AgentHarness } from './agent-harness.js';
import { McpServerProcess } from './mcp-server-process.js';

/** What {@link McpBackedAgent.start} builds the agent from. */
export interface McpBackedAgentOptions {
  /** The agent's card for a base URL. */
  card: (url: string) => AgentCard;
  /** The agent's executor over its MCP client. */
  executor: (mcp: McpToolClient) => AgentExecutor;
}

/**
 * An agent in-process over a real MCP server process: the server, a connected MCP client of it (named
 * after the app, reconnecting quickly) and the agent harness, whose /ready checks that client.
 */
export class McpBackedAgent {
  /** The MCP server process; its data folder exists from construction on, before {@link start}. */
  readonly server: McpServerProcess;
  private mcp: McpToolClient | undefined;
  private harness: AgentHarness | undefined;

  constructor(app: string) {
    this.server = new McpServerProcess(app);
  }

  /** Starts the server, connects the MCP client and starts the agent; resolves with the two. */
  async start(opts: McpBackedAgentOptions): Promise<{ mcp: McpToolClient; harness: AgentHarness }> {
    await this.server.start();
    const mcp = new McpToolClient({
      url: this.server.url,
      name: this.server.app,
      backoff: { initialDelayMs: 20 },
    });
    this.mcp = mcp;
    await mcp.connect();
    const harness = await startAgent({
      card: opts.card,
      executor: opts.executor(mcp),
      checks: [mcp.dependencyCheck()],
    });
    this.harness = harness;
    return { mcp, harness };
  }

  /** Closes the agent and the client, stops the server and deletes its data. */
  async dispose(): Promise<void> {
    await this.harness?.close();
    await this.mcp?.close();
    await this.server.dispose();
  }
}
