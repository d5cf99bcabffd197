import { serviceEnvSchema, taskEnvSchema } from '@a2a-platform/service-kit';
import type { z } from 'zod';

/** The environment of an agent service: the shared runtime contract plus task storage. */
export function agentEnvSchema(defaults: {
  defaultPort: number;
  serviceName: string;
  serviceVersion: string;
}) {
  return serviceEnvSchema(defaults)
    .extend(taskEnvSchema.shape)
    .superRefine((env, ctx) => {
      if (env.TASK_STORE === 'redis' && !env.REDIS_URL && !env.REDIS_CLUSTER_NODES) {
        ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when TASK_STORE=redis' });
      }
      if (env.AUTH_MODE === 'off' && env.NODE_ENV === 'production') {
        ctx.addIssue({
          code: 'custom',
          path: ['AUTH_MODE'],
          message: 'cannot be off when NODE_ENV=production',
        });
      }
    });
}

export type AgentEnv = z.infer<ReturnType<typeof agentEnvSchema>>;
