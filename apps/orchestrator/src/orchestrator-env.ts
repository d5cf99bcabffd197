import { agentEnvSchema } from '@a2a-platform/agent-runtime';
import { z } from 'zod';

/** Where the orchestrator looks for agents when AGENT_URLS is unset: the inventory and procurement agents. */
export const DEFAULT_AGENT_URLS = 'http://127.0.0.1:3001,http://127.0.0.1:3002';

const agentUrls = z
  .string()
  .default(DEFAULT_AGENT_URLS)
  .transform((value, ctx) => {
    const urls = value
      .split(',')
      .map((u) => u.trim().replace(/\/+$/, ''))
      .filter((u) => u !== '');
    if (urls.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'needs at least one agent base URL' });
      return z.NEVER;
    }
    for (const url of urls) {
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
        ctx.addIssue({ code: 'custom', message: `"${url}" is not an http(s) URL` });
        return z.NEVER;
      }
    }
    return [...new Set(urls)];
  });

/** The orchestrator's environment: the agent contract plus the agents it delegates to. */
export function orchestratorEnvSchema(serviceVersion = '0.1.0') {
  return agentEnvSchema({ defaultPort: 3000, serviceName: 'orchestrator', serviceVersion }).safeExtend({
    /** Comma-separated base URLs of the agents to discover by their cards. */
    AGENT_URLS: agentUrls,
    /** Longest a single call to a child agent (one turn of its task) may take. */
    CHILD_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  });
}

/** The parsed environment of the orchestrator. */
export type OrchestratorEnv = z.infer<ReturnType<typeof orchestratorEnvSchema>>;
