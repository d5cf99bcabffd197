import type { Redis } from 'ioredis';

/**
 * CPU seconds the Redis server's main thread has used so far (user + system, from `INFO cpu`). The
 * difference over a run is the Redis work that run caused, plus whatever other clients of the same
 * server did meanwhile.
 */
export async function redisCpuSeconds(client: Redis): Promise<number> {
  const info = await client.info('cpu');
  const field = (name: string): number => Number(new RegExp(`${name}:(\\S+)`).exec(info)?.[1] ?? NaN);
  const user = field('used_cpu_user_main_thread');
  const sys = field('used_cpu_sys_main_thread');
  // Servers before 6.2 report only the whole process.
  return Number.isFinite(user) ? user + sys : field('used_cpu_user') + field('used_cpu_sys');
}

/** This process's CPU seconds so far (user + system). */
export function processCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
