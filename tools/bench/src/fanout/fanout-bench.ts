import { randomUUID } from 'node:crypto';
import { BenchChild, type RoleMessage } from '../bench-process.js';
import type { BenchReport } from '../bench-report.js';
import type { LatencySummary } from '../latency-stats.js';
import { redisCpuSeconds } from '../redis-cpu.js';
import { benchRedis, dropPrefix, scratchPrefix } from '../scratch-keyspace.js';
import { atMost, ms, num, ratioText, type TargetCheck } from '../targets.js';
import { SseSubscribers } from './sse-subscribers.js';

/** Settings of the fan-out benchmark. */
export interface FanoutBenchOptions {
  readonly redisUrl: string;
  /** Subscribers held by instance B in each scenario. */
  readonly watchers: number;
  /** Events instance A writes in the main scenarios (the hot-task scenario writes a fifth). */
  readonly events: number;
  /** Events per second A writes in the main scenarios (the hot-task scenario a fifth). */
  readonly rate: number;
  /** Also run the scenario with real SSE clients against an agent server on B. */
  readonly sse: boolean;
}

interface Scenario {
  readonly label: string;
  readonly tasks: number;
  readonly events: number;
  readonly rate: number;
  readonly transport: 'raw' | 'watch' | 'sse';
  /** Whether the stated targets apply (1,000 subscribers spread over tasks). */
  readonly judged: boolean;
}

interface ScenarioResult {
  readonly scenario: Scenario;
  readonly written: number;
  readonly writeErrors: number;
  readonly expected: number;
  readonly received: number;
  readonly errors: number;
  readonly latency: LatencySummary;
  readonly bytesPerSubscriber: number;
  /** Redis main-thread CPU seconds while the events were written and delivered. */
  readonly redisCpu: number;
}

const HOT_TASKS = 10;
const QUIET_MS = 3000;

/** Runs the fan-out scenarios, each with fresh processes for A and B and a fresh key prefix. */
export async function runFanoutBench(options: FanoutBenchOptions): Promise<BenchReport> {
  const n = options.watchers;
  const scenarios: Scenario[] = [
    {
      label: 'baseline: raw Redis PUBLISH -> SUBSCRIBE, 1 subscriber',
      tasks: 0,
      events: options.events,
      rate: options.rate,
      transport: 'raw',
      judged: false,
    },
    {
      label: `watch(), ${num(n)} subscribers on ${num(n)} tasks`,
      tasks: n,
      events: options.events,
      rate: options.rate,
      transport: 'watch',
      judged: true,
    },
    {
      label: `watch(), ${num(n)} subscribers on ${HOT_TASKS} hot tasks`,
      tasks: Math.min(HOT_TASKS, n),
      events: Math.max(1, Math.round(options.events / 5)),
      rate: Math.max(1, Math.round(options.rate / 5)),
      transport: 'watch',
      judged: false,
    },
  ];
  if (options.sse) {
    scenarios.push({
      label: `SSE SubscribeToTask, ${num(n)} streams on ${num(n)} tasks`,
      tasks: n,
      events: options.events,
      rate: options.rate,
      transport: 'sse',
      judged: true,
    });
  }
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const result = await runScenario(scenario, options);
    results.push(result);
    console.log(
      `  fanout ${scenario.label}: p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, ` +
        `${num(result.received)}/${num(result.expected)} delivered`,
    );
  }
  return report(options, results);
}

async function runScenario(scenario: Scenario, options: FanoutBenchOptions): Promise<ScenarioResult> {
  const prefix = scratchPrefix('fanout');
  const taskIds = Array.from({ length: scenario.tasks }, () => randomUUID());
  const watched =
    scenario.transport === 'raw'
      ? []
      : Array.from({ length: options.watchers }, (_, w) => taskIds[w % taskIds.length]);
  const perTask = new Map<string, number>();
  for (const id of watched) perTask.set(id, (perTask.get(id) ?? 0) + 1);
  const writer = BenchChild.start('fanout-writer', { redisUrl: options.redisUrl, prefix });
  const redis = benchRedis(options.redisUrl);
  let host: BenchChild | undefined;
  let clients: SseSubscribers | undefined;
  try {
    await writer.ask({ type: 'create', taskIds, contextId: randomUUID() }, 'created', 60_000);
    let bytes = NaN;
    if (scenario.transport === 'raw') {
      host = BenchChild.start('fanout-watchers', { redisUrl: options.redisUrl, prefix });
      await host.ask({ type: 'listen', channel: `${prefix}:raw` }, 'listening', 30_000);
    } else if (scenario.transport === 'watch') {
      host = BenchChild.start(
        'fanout-watchers',
        { redisUrl: options.redisUrl, prefix },
        { execArgv: ['--expose-gc'] },
      );
      const watching = await host.ask<RoleMessage & { heapBytes: number }>(
        { type: 'watch', taskIds: watched },
        'watching',
        60_000,
      );
      bytes = watching.heapBytes;
    } else {
      host = BenchChild.start(
        'server',
        { kind: 'ours-redis', redisUrl: options.redisUrl, prefix },
        { execArgv: ['--expose-gc'] },
      );
      const { port } = await host.next<RoleMessage & { port: number }>('listening', 30_000);
      const before = await host.ask<RoleMessage & { heapUsed: number }>({ type: 'heap' }, 'heap', 30_000);
      clients = await SseSubscribers.open(port, watched);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const after = await host.ask<RoleMessage & { heapUsed: number }>({ type: 'heap' }, 'heap', 30_000);
      bytes = after.heapUsed - before.heapUsed;
    }
    const timeoutMs = (scenario.events / scenario.rate) * 1000 * 3 + 60_000;
    const cpuStart = await redisCpuSeconds(redis);
    const written = await writer.ask<RoleMessage & { written: number; errors: number }>(
      {
        type: 'write',
        taskIds,
        events: scenario.events,
        rate: scenario.rate,
        rawChannel: scenario.transport === 'raw' ? `${prefix}:raw` : undefined,
      },
      'written',
      timeoutMs,
    );
    let expected = scenario.transport === 'raw' ? scenario.events : 0;
    for (let k = 0; k < scenario.events && taskIds.length > 0; k++) {
      expected += perTask.get(taskIds[k % taskIds.length]) ?? 0;
    }
    const delivered = clients
      ? await clients.collect(expected, QUIET_MS)
      : await host.ask<RoleMessage & { received: number; errors: number; latency: LatencySummary }>(
          { type: 'collect', expected, quietMs: QUIET_MS },
          'collected',
          timeoutMs,
        );
    const redisCpu = (await redisCpuSeconds(redis)) - cpuStart;
    return {
      scenario,
      redisCpu,
      written: written.written,
      writeErrors: written.errors,
      expected,
      received: delivered.received,
      errors: delivered.errors,
      latency: delivered.latency,
      bytesPerSubscriber: bytes / Math.max(1, watched.length),
    };
  } finally {
    clients?.close();
    await Promise.all([writer.stop(), host?.stop()]);
    redis.disconnect();
    await dropPrefix(options.redisUrl, prefix);
  }
}

function report(options: FanoutBenchOptions, results: readonly ScenarioResult[]): BenchReport {
  const raw = results.find((r) => r.scenario.transport === 'raw');
  const checks: TargetCheck[] = [];
  for (const r of results.filter((x) => x.scenario.judged)) {
    checks.push(
      atMost(r.latency.p99, 5, 'p99 < 5 ms on loopback', `${r.scenario.label}: p99 ${ms(r.latency.p99)}`),
    );
    if (r.scenario.transport === 'sse') {
      const kb = r.bytesPerSubscriber / 1024;
      checks.push(
        atMost(kb, 20, '< 20 KB per idle SSE stream', `server heap per idle SSE stream ${kb.toFixed(1)} KB`),
      );
    }
  }
  return {
    name: 'fanout',
    title: 'Cross-instance event delivery (fanout)',
    method:
      'Two RedisTaskStore instances in two processes with their own connections: instance A writes status ' +
      'updates (working -> working) round-robin over the tasks at a fixed rate, each stamped in its event ' +
      'metadata with `process.hrtime.bigint()` (a machine-wide monotonic clock); instance B holds the ' +
      'subscribers and records, for every delivery, receive time minus stamp. The SSE scenario puts an agent ' +
      'server (`buildAgentApp`, Redis store) on B and real HTTP clients in a third process (the bench) that ' +
      'open `SubscribeToTask` streams; its latency includes the server writing SSE and the client parsing it. ' +
      'Redis CPU/event: Redis main-thread CPU while the events were written and delivered, per event ' +
      '(all its deliveries included; other clients of that Redis count too). ' +
      `Memory: B's heap after a full GC with the subscribers idle, minus before, divided by ${num(options.watchers)}. ` +
      'The baseline row is the floor of one hop between two processes through this Redis on this machine ' +
      '(A publishes bare stamps, B subscribes, no store). The hot-task scenario (many subscribers per task, ' +
      'a fifth of the rate) is reported for information.',
    tables: [
      {
        caption: 'Per-delivery latency (write on A to receipt on B):',
        table: {
          headers: [
            'scenario',
            'events',
            'rate/s',
            'delivered',
            'p50',
            'p90',
            'p99',
            'max',
            'p99 vs raw pub/sub',
            'Redis CPU/event',
            'heap per idle subscriber',
          ],
          rows: results.map((r) => [
            r.scenario.label,
            num(r.written) + (r.writeErrors > 0 ? ` (+${r.writeErrors} failed)` : ''),
            num(r.scenario.rate),
            `${num(r.received)}/${num(r.expected)}` + (r.errors > 0 ? ` (${r.errors} stream errors)` : ''),
            ms(r.latency.p50),
            ms(r.latency.p90),
            ms(r.latency.p99),
            ms(r.latency.max),
            raw ? ratioText(r.latency.p99, raw.latency.p99) : 'n/a',
            `${num((r.redisCpu / r.written) * 1e6)} us`,
            Number.isNaN(r.bytesPerSubscriber) ? 'n/a' : `${(r.bytesPerSubscriber / 1024).toFixed(1)} KB`,
          ]),
        },
      },
    ],
    checks,
    notes: [],
  };
}
