import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { Redis } from 'ioredis';

/** What the figures were measured on; written next to them. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly redis: string;
  /** 1-minute load average when the benchmark started: other work on a shared machine skews absolute figures. */
  readonly load1: number;
}

/** Reads the machine's figures and the Redis server's version (`unreachable` when it does not answer). */
export async function readMachineInfo(redisUrl: string): Promise<MachineInfo> {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    redis: await redisVersion(redisUrl),
    load1: loadavg()[0],
  };
}

async function redisVersion(url: string): Promise<string> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch {
    return 'unreachable';
  } finally {
    client.disconnect();
  }
}

/** One line for the report: `2 cores (model), 8 GB, Node v20.20.2, Redis 7.0.15, load 4.7`. */
export function describeMachine(info: MachineInfo): string {
  return (
    `${info.cores} cores (${info.cpuModel}), ${info.memoryGb} GB RAM, Node ${info.node}, ` +
    `Redis ${info.redis}, 1-min load average at start ${info.load1.toFixed(2)} (${info.cores} cores)`
  );
}
