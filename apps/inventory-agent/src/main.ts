import { runAgent } from '@a2a-platform/agent-runtime';
import { McpToolClient } from '@a2a-platform/mcp-kit';
import { parseConfig } from '@a2a-platform/service-kit';
import { inventoryAgentCard } from './agent-card.js';
import { inventoryEnvSchema } from './inventory-env.js';
import { StockExecutor } from './stock-executor.js';

/** How long the start waits for inventory-mcp before listening anyway (/ready stays 503 until it connects). */
const MCP_STARTUP_WAIT_MS = 5_000;

async function main(): Promise<void> {
  const env = parseConfig(inventoryEnvSchema('0.1.0'), process.env);
  const inventory = new McpToolClient({
    url: env.INVENTORY_MCP_URL,
    name: 'inventory-mcp',
    clientInfo: { name: env.SERVICE_NAME, version: env.SERVICE_VERSION },
  });
  await runAgent({
    env,
    card: (url) => inventoryAgentCard(url, env.SERVICE_VERSION),
    executor: new StockExecutor(inventory),
    checks: [inventory.dependencyCheck()],
    onStart: async ({ log }) => {
      inventory.logger = log;
      if (!(await inventory.startConnecting(MCP_STARTUP_WAIT_MS))) {
        log.warn({ url: env.INVENTORY_MCP_URL }, 'inventory-mcp not reachable yet; still trying');
      }
    },
    onClosed: () => inventory.close(),
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
