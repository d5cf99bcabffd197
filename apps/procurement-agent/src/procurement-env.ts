import { agentEnvSchema } from '@a2a-platform/agent-runtime';
import { z } from 'zod';

/** The procurement agent's environment: the agent contract, where erp-mcp listens, the approval threshold. */
export function procurementEnvSchema(serviceVersion: string) {
  return agentEnvSchema({ defaultPort: 3002, serviceName: 'procurement-agent', serviceVersion }).safeExtend({
    /** Streamable HTTP endpoint of erp-mcp. */
    ERP_MCP_URL: z.url().default('http://127.0.0.1:3102/mcp'),
    /** Orders totalling more than this (EUR) wait for an explicit approval. */
    APPROVAL_THRESHOLD_EUR: z.coerce.number().nonnegative().default(5_000),
  });
}

/** The parsed environment of the procurement agent. */
export type ProcurementEnv = z.infer<ReturnType<typeof procurementEnvSchema>>;
