import { parseConfig, serviceEnvSchema, taskEnvSchema } from '@a2a-platform/service-kit';

const schema = serviceEnvSchema({
  defaultPort: 3001,
  serviceName: 'inventory-agent',
  serviceVersion: '0.1.0',
})
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

export type InventoryAgentConfig = ReturnType<typeof schema.parse>;

/** Reads the environment once; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): InventoryAgentConfig {
  return parseConfig(schema, env);
}
