import { agentEnvSchema } from '@a2a-platform/agent-runtime';
import { z } from 'zod';

/** The inventory agent's environment: the agent contract plus where inventory-mcp listens. */
export function inventoryEnvSchema(serviceVersion: string) {
  return agentEnvSchema({ defaultPort: 3001, serviceName: 'inventory-agent', serviceVersion }).safeExtend({
    /** Streamable HTTP endpoint of inventory-mcp. */
    INVENTORY_MCP_URL: z.url().default('http://127.0.0.1:3101/mcp'),
  });
}

/** The parsed environment of the inventory agent. */
export type InventoryEnv = z.infer<ReturnType<typeof inventoryEnvSchema>>;
