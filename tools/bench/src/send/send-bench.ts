import { BenchChild, type RoleMessage } from '../bench-process.js';
import type { BenchReport } from '../bench-report.js';
import { SampleBuffer, type LatencySummary } from '../latency-stats.js';
import { redisCpuSeconds } from '../redis-cpu.js';
import { benchRedis, dropPrefix, scratchPrefix } from '../scratch-keyspace.js';
import { atLeast, atMost, ms, num, ratioText, type TargetCheck } from '../targets.js';
import type { ServerKind } from './agent-servers.js';
import type { LoadResult } from './load-generator.js';

/** Settings of the send benchmark. */
export interface SendBenchOptions {
  readonly redisUrl: string;
  /** Measured seconds per server, split into `slices` stretches. */
  readonly seconds: number;
  /** Warm-up seconds per server, once, before any measurement. */
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Stretches per server, the servers taking turns (rotating order), so load changes hit all alike. */
  readonly slices: number;
}

/** One server's totals over all its stretches. */
interface ServerTotals {
  readonly kind: ServerKind;
  readonly label: string;
  completed: number;
  failed: number;
  seconds: number;
  readonly latency: SampleBuffer;
  /** Server process CPU seconds over the measured stretches. */
  serverCpu: number;
  /** Redis main-thread CPU seconds over the measured stretches (ours-redis only). */
  redisCpu: number;
  firstFailure?: string;
}

interface ServerUnderTest {
  readonly totals: ServerTotals;
  readonly child: BenchChild;
  readonly port: number;
  readonly prefix: string;
}

const SERVERS: readonly { kind: ServerKind; label: string }[] = [
  { kind: 'sdk', label: '@a2a-js/sdk 1.3.0 (Express, InMemoryTaskStore)' },
  { kind: 'ours-memory', label: 'ours, memory store' },
  { kind: 'ours-redis', label: 'ours, Redis store' },
  { kind: 'bare-fastify', label: 'bare Fastify JSON route (ceiling, no A2A)' },
];

/**
 * Starts every server in its own process and one load process, warms each server up, then drives
 * them in turns: short stretches, rotating order, so that a change in the machine's load (it is
 * shared) hits every server alike.
 */
export async function runSendBench(options: SendBenchOptions): Promise<BenchReport> {
  const redis = benchRedis(options.redisUrl);
  const servers: ServerUnderTest[] = [];
  const load = BenchChild.start('load', { connections: options.connections });
  try {
    for (const { kind, label } of SERVERS) {
      const prefix = scratchPrefix('send');
      const child = BenchChild.start('server', { kind, redisUrl: options.redisUrl, prefix });
      servers.push({ totals: newTotals(kind, label), child, prefix, port: 0 });
      const { port } = await child.next<RoleMessage & { port: number }>('listening', 30_000);
      servers[servers.length - 1] = { ...servers[servers.length - 1], port };
    }
    for (const server of servers) {
      await load.ask(
        { type: 'run', port: server.port, warmupSeconds: options.warmupSeconds, seconds: 0 },
        'result',
        60_000,
      );
    }
    const stretch = options.seconds / options.slices;
    for (let slice = 0; slice < options.slices; slice++) {
      for (let i = 0; i < servers.length; i++) {
        await measureStretch(servers[(slice + i) % servers.length], load, redis, stretch);
      }
      const rates = servers.map((s) => `${s.totals.kind} ${num(s.totals.completed / s.totals.seconds)}`);
      console.log(`  send after ${slice + 1}/${options.slices} stretches, req/s so far: ${rates.join(', ')}`);
    }
  } finally {
    await load.stop();
    await Promise.all(servers.map((s) => s.child.stop()));
    for (const s of servers) if (s.totals.kind === 'ours-redis') await dropPrefix(options.redisUrl, s.prefix);
    redis.disconnect();
  }
  return report(
    options,
    servers.map((s) => s.totals),
  );
}

function newTotals(kind: ServerKind, label: string): ServerTotals {
  return {
    kind,
    label,
    completed: 0,
    failed: 0,
    seconds: 0,
    latency: new SampleBuffer(),
    serverCpu: 0,
    redisCpu: 0,
  };
}

async function measureStretch(
  server: ServerUnderTest,
  load: BenchChild,
  redis: ReturnType<typeof benchRedis>,
  seconds: number,
): Promise<void> {
  const cpu = async (): Promise<[number, number]> => {
    const [own, shared] = await Promise.all([
      server.child.ask<RoleMessage & { seconds: number }>({ type: 'cpu' }, 'cpu', 10_000),
      redisCpuSeconds(redis),
    ]);
    return [own.seconds, shared];
  };
  const [cpuStart, redisStart] = await cpu();
  const result = await load.ask<RoleMessage & LoadResult>(
    { type: 'run', port: server.port, warmupSeconds: 0, seconds },
    'result',
    seconds * 1000 + 60_000,
  );
  const [cpuEnd, redisEnd] = await cpu();
  const totals = server.totals;
  totals.completed += result.completed;
  totals.failed += result.failed;
  totals.seconds += result.seconds;
  totals.serverCpu += cpuEnd - cpuStart;
  if (totals.kind === 'ours-redis') totals.redisCpu += redisEnd - redisStart;
  for (const sample of result.samples) totals.latency.push(sample);
  totals.firstFailure ??= result.firstFailure;
}

function report(options: SendBenchOptions, totals: readonly ServerTotals[]): BenchReport {
  const summaries = new Map(totals.map((t) => [t.kind, t.latency.summary()]));
  const latency = (t: ServerTotals): LatencySummary => summaries.get(t.kind) as LatencySummary;
  const rate = (t: ServerTotals): number => t.completed / t.seconds;
  const cpuPerRequest = (t: ServerTotals): number => (t.serverCpu / t.completed) * 1e6;
  const find = (kind: ServerKind): ServerTotals => totals.find((t) => t.kind === kind) as ServerTotals;
  const sdk = find('sdk');
  const checks: TargetCheck[] = [];
  for (const [kind, factor] of [
    ['ours-memory', 3],
    ['ours-redis', 2],
  ] as const) {
    const t = find(kind);
    checks.push(
      atLeast(
        rate(t) / rate(sdk),
        factor,
        `>= ${factor}x SDK`,
        `${t.label}: ${ratioText(rate(t), rate(sdk))} SDK req/s`,
      ),
      atMost(
        latency(t).p99 / latency(sdk).p99,
        1 / 3,
        "p99 <= 1/3 of the SDK's",
        `${t.label}: p99 ${ms(latency(t).p99)} = ${ratioText(latency(t).p99, latency(sdk).p99)} SDK p99`,
      ),
    );
  }
  const redisRun = find('ours-redis');
  return {
    name: 'send',
    title: 'Blocking SendMessage throughput (send)',
    method:
      `Each server runs in its own process on 127.0.0.1 (only the one under load is busy); a separate ` +
      `load process keeps ` +
      `${options.connections} keep-alive connections busy with blocking v1.0 JSON-RPC \`SendMessage\` ` +
      `(header \`A2A-Version: 1.0\`, a new task per request). All servers stay up; after ` +
      `${options.warmupSeconds} s of warm-up each, they take turns in ${options.slices} stretches of ` +
      `${num(options.seconds / options.slices, 1)} s (rotating order, fresh connections each stretch), ` +
      `${options.seconds} s measured per server in total, so that the shared machine's changing load hits ` +
      `every server alike. ` +
      `The executor is trivial on both sides: it completes the task with an "ok" status message. A request ` +
      `counts only when it answers HTTP 200 with a completed task. Server CPU per request is the server ` +
      `process's CPU time over its stretches divided by the requests it completed: it does not ` +
      `depend on how much CPU the machine could give, unlike req/s. The bare Fastify route (parse JSON, ` +
      `answer a task-shaped object) shows the ceiling of this machine and load generator.`,
    tables: [
      {
        caption: 'Blocking SendMessage, per server (all stretches):',
        table: {
          headers: [
            'server',
            'req/s',
            'p50',
            'p99',
            'failed',
            'server CPU/req',
            'req/s vs SDK',
            'p99 vs SDK',
            'CPU/req vs SDK',
          ],
          rows: totals.map((t) => [
            t.label,
            num(rate(t)),
            ms(latency(t).p50),
            ms(latency(t).p99),
            num(t.failed),
            `${num(cpuPerRequest(t))} us`,
            ratioText(rate(t), rate(sdk)),
            ratioText(latency(t).p99, latency(sdk).p99),
            ratioText(cpuPerRequest(t), cpuPerRequest(sdk)),
          ]),
        },
      },
    ],
    checks,
    notes: [
      `Redis main-thread CPU during the ours-redis stretches: ${num((redisRun.redisCpu / redisRun.completed) * 1e6)} us per ` +
        'request (includes any other client of that Redis meanwhile).',
      ...totals.filter((t) => t.firstFailure).map((t) => `${t.label}: first failure: ${t.firstFailure}`),
    ],
  };
}
