import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** A key prefix no other run uses: `bench:<what>:<random>`. */
export function scratchPrefix(what: string): string {
  return `bench:${what}:${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under `prefix` (SCAN, so Redis stays responsive); returns how many. */
export async function dropPrefix(redisUrl: string, prefix: string): Promise<number> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  let dropped = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) dropped += await client.unlink(...keys);
    } while (cursor !== '0');
    return dropped;
  } finally {
    client.disconnect();
  }
}

/** A Redis connection for a benchmark; connection errors are left to the commands to report. */
export function benchRedis(redisUrl: string): Redis {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 10_000 });
  client.on('error', () => undefined);
  return client;
}
