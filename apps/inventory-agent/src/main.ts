import { agentEnvSchema, runAgent } from '@a2a-platform/agent-runtime';
import { parseConfig } from '@a2a-platform/service-kit';
import { inventoryAgentCard } from './agent-card.js';
import { StockEchoExecutor } from './stock-executor.js';

async function main(): Promise<void> {
  const env = parseConfig(
    agentEnvSchema({ defaultPort: 3001, serviceName: 'inventory-agent', serviceVersion: '0.1.0' }),
    process.env,
  );
  await runAgent({
    env,
    card: (url) => inventoryAgentCard(url, env.SERVICE_VERSION),
    executor: new StockEchoExecutor(),
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
