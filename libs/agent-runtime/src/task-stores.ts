import {
  MemoryPushConfigStore,
  MemoryTaskStore,
  RedisPushConfigStore,
  RedisTaskStore,
  redisClientOptions,
  redisClusterClient,
  type PushConfigStore,
  type TaskStore,
} from '@a2a-platform/task-store';
import type { DependencyCheck } from '@a2a-platform/service-kit';
import { Redis, type Cluster } from 'ioredis';
import type { AgentEnv } from './agent-env.js';

export interface TaskStores {
  kind: 'memory' | 'redis';
  tasks: TaskStore;
  pushConfigs: PushConfigStore;
  /** Readiness: Redis answers PING. */
  checks: DependencyCheck[];
  close(): Promise<void>;
}

/** `host:port,host:port` of REDIS_CLUSTER_NODES. */
function clusterNodes(spec: string): { host: string; port: number }[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const at = s.lastIndexOf(':');
      return { host: s.slice(0, at), port: Number(s.slice(at + 1)) };
    });
}

function openRedis(env: AgentEnv): Redis | Cluster {
  if (env.REDIS_CLUSTER_NODES) {
    // With a cluster, REDIS_URL (if set) only carries TLS (rediss://) and the credentials of every node.
    const url = env.REDIS_URL ? new URL(env.REDIS_URL) : undefined;
    return redisClusterClient(clusterNodes(env.REDIS_CLUSTER_NODES), {
      redisOptions: {
        ...(url?.protocol === 'rediss:' ? { tls: {} } : {}),
        ...(url?.username ? { username: decodeURIComponent(url.username) } : {}),
        ...(url?.password ? { password: decodeURIComponent(url.password) } : {}),
      },
    });
  }
  // rediss:// URLs enable TLS in ioredis by themselves.
  return new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisClientOptions());
}

/**
 * The stores an agent uses: Redis when TASK_STORE=redis or REDIS_URL / REDIS_CLUSTER_NODES is
 * set (shared by every instance with the same REDIS_KEY_PREFIX), else memory (one process, lost
 * on restart).
 */
export async function openTaskStores(env: AgentEnv): Promise<TaskStores> {
  const kind = env.TASK_STORE ?? (env.REDIS_URL || env.REDIS_CLUSTER_NODES ? 'redis' : 'memory');
  if (kind === 'memory') {
    const tasks = new MemoryTaskStore();
    return { kind, tasks, pushConfigs: new MemoryPushConfigStore(), checks: [], close: () => tasks.close() };
  }
  const client = openRedis(env);
  // A failed connection is reported by /ready and by store errors; ioredis keeps reconnecting.
  client.on('error', () => undefined);
  // Instances of one agent share tasks; different agents on one Redis must not (GetTask, reapers).
  const prefix = env.REDIS_KEY_PREFIX ?? `a2a:${env.SERVICE_NAME}`;
  const tasks = new RedisTaskStore({ client, prefix });
  return {
    kind,
    tasks,
    pushConfigs: new RedisPushConfigStore({ client, prefix }),
    checks: [{ name: 'redis', check: async () => (await client.ping()) === 'PONG' }],
    close: async () => {
      await tasks.close();
      client.disconnect();
    },
  };
}
