import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisClientOptions } from '../src/index.js';

/** The machine's Redis (tests of outages start their own server instead). */
export const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * A client with the options the store recommends, but a longer command timeout: these machines are
 * shared, and the concurrency tests queue a thousand scripts at once.
 */
export function newRedisClient(url = REDIS_URL): Redis {
  return new Redis(url, redisClientOptions({ commandTimeoutMs: 20_000 }));
}

/** A random key prefix for one test file; every key a test writes starts with it. */
export function testPrefix(name: string): string {
  return `test:${name}:${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under `prefix` (SCAN is fine here: test cleanup only, never in the store). */
export async function deleteKeys(client: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
