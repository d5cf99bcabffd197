import { runAgent } from '@a2a-platform/agent-runtime';
import { McpToolClient } from '@a2a-platform/mcp-kit';
import { parseConfig } from '@a2a-platform/service-kit';
import { procurementAgentCard } from './agent-card.js';
import { procurementEnvSchema } from './procurement-env.js';
import { PurchaseOrderExecutor } from './purchase-order-executor.js';

/** How long the start waits for erp-mcp before listening anyway (/ready stays 503 until it connects). */
const MCP_STARTUP_WAIT_MS = 5_000;

async function main(): Promise<void> {
  const env = parseConfig(procurementEnvSchema('0.1.0'), process.env);
  const erp = new McpToolClient({
    url: env.ERP_MCP_URL,
    name: 'erp-mcp',
    clientInfo: { name: env.SERVICE_NAME, version: env.SERVICE_VERSION },
  });
  await runAgent({
    env,
    card: (url) => procurementAgentCard(url, env.SERVICE_VERSION, env.APPROVAL_THRESHOLD_EUR),
    executor: new PurchaseOrderExecutor(erp, { approvalThresholdEur: env.APPROVAL_THRESHOLD_EUR }),
    checks: [erp.dependencyCheck()],
    onStart: async ({ log }) => {
      erp.logger = log;
      if (!(await erp.startConnecting(MCP_STARTUP_WAIT_MS))) {
        log.warn({ url: env.ERP_MCP_URL }, 'erp-mcp not reachable yet; still trying');
      }
    },
    onClosed: () => erp.close(),
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
