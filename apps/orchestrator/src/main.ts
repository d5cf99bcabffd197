import { runAgent } from '@a2a-platform/agent-runtime';
import { parseConfig } from '@a2a-platform/service-kit';
import { orchestratorAgentCard } from './agent-card.js';
import { createReplenishmentExecutor } from './orchestrator-agent.js';
import { orchestratorEnvSchema } from './orchestrator-env.js';

async function main(): Promise<void> {
  const env = parseConfig(orchestratorEnvSchema(), process.env);
  const executor = createReplenishmentExecutor(env);
  await runAgent({
    env,
    card: (url) => orchestratorAgentCard(url, env.SERVICE_VERSION),
    executor,
    onStart: async ({ log }) => {
      executor.logger = log;
    },
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
