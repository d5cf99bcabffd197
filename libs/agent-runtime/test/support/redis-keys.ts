import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The machine's shared Redis: tests use it only under a random key prefix. */
export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

/** A random key prefix for one test file. */
export function testPrefix(name: string): string {
  return `test:${name}:${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under `prefix` (SCAN: test cleanup only). */
export async function deleteKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== '0');
}
