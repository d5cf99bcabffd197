import { BenchChild, type RoleMessage } from '../bench-process.js';
import type { BenchReport } from '../bench-report.js';
import { SampleBuffer, type LatencySummary } from '../latency-stats.js';
import { ms, num, type TargetCheck } from '../targets.js';
import type { LoadResult } from '../send/load-generator.js';
import type { ServerHostParams } from '../send/server-host.js';
import type { ReceiverCounts, ReceiverReport } from './otlp-receiver.js';

/** Settings of the tracing benchmark. */
export interface TracingBenchOptions {
  /** Measured seconds per server, split into `slices` stretches. */
  readonly seconds: number;
  /** Warm-up seconds per server, once, before any measurement. */
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Stretches per server, the servers taking turns (rotating order). */
  readonly slices: number;
}

/** The bootstrap a traced service is started with, as in production. */
export const TELEMETRY_BOOTSTRAP = '@a2a-platform/telemetry/register';

/** The highest throughput loss the design allows for tracing every request. */
const MAX_LOSS_PERCENT = 10;

/**
 * A span batch leaves the server up to OTEL_BSP_SCHEDULE_DELAY (1 s by default) after its spans ended:
 * the span count must stand still longer than that before the traced server counts as idle.
 */
const EXPORT_QUIET_MS = 1_500;
const EXPORT_SETTLE_TIMEOUT_MS = 30_000;

type CpuReply = RoleMessage & { seconds: number };
type CountsReply = RoleMessage & ReceiverCounts & { cpuSeconds: number };
type ReportReply = RoleMessage & ReceiverReport & { cpuSeconds: number };

/**
 * How a server under test runs: `bare` without the telemetry bootstrap; `sampled-off` with it, as every
 * service runs, but with tracing switched off the way an operator does (`OTEL_TRACES_SAMPLER=always_off`:
 * metrics, log correlation and trace-context propagation stay); `traced` with every request sampled and
 * exported.
 */
type TelemetryMode = 'bare' | 'sampled-off' | 'traced';

const MODE_LABELS: Record<TelemetryMode, string> = {
  bare: 'no telemetry (no bootstrap)',
  'sampled-off': 'tracing off (bootstrap, always_off)',
  traced: 'tracing on (bootstrap, always_on, OTLP/HTTP export)',
};

/** One server under test and its totals over all its stretches. */
interface Contender {
  readonly mode: TelemetryMode;
  readonly traced: boolean;
  readonly label: string;
  readonly child: BenchChild;
  port: number;
  completed: number;
  failed: number;
  seconds: number;
  /** Every request it answered, warm-up included: the spans it exported came from these. */
  answered: number;
  readonly latency: SampleBuffer;
  serverCpu: number;
  /** CPU seconds of the receiver over this server's stretches (traced server only). */
  receiverCpu: number;
  firstFailure?: string;
}

/** This process's environment without any OTEL_* setting, so only what the bench sets applies. */
function serverEnv(mode: TelemetryMode, otlpEndpoint: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OTEL_')) env[key] = value;
  if (mode === 'bare') return env;
  return {
    ...env,
    SERVICE_NAME: 'bench-agent',
    OTEL_TRACES_SAMPLER: mode === 'traced' ? 'always_on' : 'always_off',
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
  };
}

function startContender(mode: TelemetryMode, otlpEndpoint: string): Contender {
  // The memory-store server uses no Redis.
  const params: ServerHostParams = { kind: 'ours-memory', redisUrl: '', prefix: '' };
  const child = BenchChild.start('server', params, {
    execArgv: mode === 'bare' ? [] : ['--import', TELEMETRY_BOOTSTRAP],
    env: serverEnv(mode, otlpEndpoint),
  });
  return {
    mode,
    traced: mode === 'traced',
    label: MODE_LABELS[mode],
    child,
    port: 0,
    completed: 0,
    failed: 0,
    seconds: 0,
    answered: 0,
    latency: new SampleBuffer(),
    serverCpu: 0,
    receiverCpu: 0,
  };
}

/** Waits until the receiver's span count has stood still for {@link EXPORT_QUIET_MS}. */
async function exportsSettled(receiver: BenchChild): Promise<CountsReply> {
  const ask = (): Promise<CountsReply> => receiver.ask<CountsReply>({ type: 'counts' }, 'counts', 10_000);
  const deadline = Date.now() + EXPORT_SETTLE_TIMEOUT_MS;
  let last = await ask();
  let movedAt = Date.now();
  while (Date.now() - movedAt < EXPORT_QUIET_MS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await ask();
    if (now.spans !== last.spans || now.tracePosts !== last.tracePosts) movedAt = Date.now();
    last = now;
  }
  return last;
}

async function measureStretch(
  contender: Contender,
  load: BenchChild,
  receiver: BenchChild,
  seconds: number,
): Promise<void> {
  const cpu = async (): Promise<number> =>
    (await contender.child.ask<CpuReply>({ type: 'cpu' }, 'cpu', 10_000)).seconds;
  const receiverCpuStart = (await receiver.ask<CountsReply>({ type: 'counts' }, 'counts', 10_000)).cpuSeconds;
  const cpuStart = await cpu();
  const result = await load.ask<RoleMessage & LoadResult>(
    { type: 'run', port: contender.port, warmupSeconds: 0, seconds },
    'result',
    seconds * 1000 + 60_000,
  );
  // The traced server's last batches are part of its cost, and must not spill into the next stretch.
  const receiverCpuEnd = contender.traced ? (await exportsSettled(receiver)).cpuSeconds : receiverCpuStart;
  const cpuEnd = await cpu();
  contender.completed += result.completed;
  contender.failed += result.failed;
  contender.seconds += result.seconds;
  contender.answered += result.answered;
  contender.serverCpu += cpuEnd - cpuStart;
  contender.receiverCpu += receiverCpuEnd - receiverCpuStart;
  for (const sample of result.samples) contender.latency.push(sample);
  contender.firstFailure ??= result.firstFailure;
}

/**
 * Runs our agent server (memory store) twice, each in its own process: once started with the telemetry
 * bootstrap, every request sampled and its spans exported over OTLP/HTTP to a receiver process, once
 * without the bootstrap. A separate load process drives them in turns, as in the send benchmark.
 */
export async function runTracingBench(options: TracingBenchOptions): Promise<BenchReport> {
  const receiver = BenchChild.start('otlp-receiver', {});
  const load = BenchChild.start('load', { connections: options.connections });
  const contenders: Contender[] = [];
  let spans: ReportReply;
  try {
    const { port: receiverPort } = await receiver.next<RoleMessage & { port: number }>('listening', 30_000);
    const endpoint = `http://127.0.0.1:${receiverPort}`;
    for (const mode of ['bare', 'sampled-off', 'traced'] as const) {
      const contender = startContender(mode, endpoint);
      contenders.push(contender);
      contender.port = (await contender.child.next<RoleMessage & { port: number }>('listening', 30_000)).port;
    }
    for (const contender of contenders) {
      const warmup = await load.ask<RoleMessage & LoadResult>(
        { type: 'run', port: contender.port, warmupSeconds: options.warmupSeconds, seconds: 0 },
        'result',
        60_000,
      );
      contender.answered += warmup.answered;
      if (contender.traced) await exportsSettled(receiver);
    }
    const stretch = options.seconds / options.slices;
    for (let slice = 0; slice < options.slices; slice++) {
      for (let i = 0; i < contenders.length; i++) {
        await measureStretch(contenders[(slice + i) % contenders.length], load, receiver, stretch);
      }
      const rates = contenders.map((c) => `${c.mode} ${num(c.completed / c.seconds)}`);
      console.log(
        `  tracing after ${slice + 1}/${options.slices} stretches, req/s so far: ${rates.join(', ')}`,
      );
    }
    await exportsSettled(receiver);
    spans = await receiver.ask<ReportReply>({ type: 'report' }, 'report', 10_000);
  } finally {
    await load.stop();
    await Promise.all(contenders.map((c) => c.child.stop()));
    await receiver.stop();
  }
  if (spans.spans === 0) {
    throw new Error(
      `the receiver got no spans (${spans.tracePosts} trace posts, ${spans.rejectedPosts} rejected): ` +
        "tracing did not run, see the traced server's stderr",
    );
  }
  return report(options, contenders, spans);
}

function report(
  options: TracingBenchOptions,
  contenders: readonly Contender[],
  spans: ReportReply,
): BenchReport {
  const bare = contenders.find((c) => c.mode === 'bare') as Contender;
  const off = contenders.find((c) => c.mode === 'sampled-off') as Contender;
  const on = contenders.find((c) => c.mode === 'traced') as Contender;
  const summaries = new Map(contenders.map((c) => [c, c.latency.summary()]));
  const latency = (c: Contender): LatencySummary => summaries.get(c) as LatencySummary;
  const rate = (c: Contender): number => c.completed / c.seconds;
  const cpuPerRequest = (c: Contender): number => (c.serverCpu / c.completed) * 1e6;
  const lossPercent = (1 - rate(on) / rate(off)) * 100;
  const bareLossPercent = (1 - rate(on) / rate(bare)) * 100;
  const percent = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)}%` : 'n/a');
  const check: TargetCheck = {
    target: `< ${MAX_LOSS_PERCENT}% throughput loss`,
    measured:
      `tracing on: ${num(rate(on))} req/s vs ${num(rate(off))} with tracing off = ${percent(lossPercent)} loss ` +
      `(vs ${num(rate(bare))} with no telemetry at all: ${percent(bareLossPercent)})`,
    met: lossPercent < MAX_LOSS_PERCENT,
  };
  const perRequest = (count: number): string => num(count / on.answered, 2);
  const names = Object.entries(spans.spansByName)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `\`${name}\` ${perRequest(count)}`);
  return {
    name: 'tracing',
    title: 'Cost of tracing every request (tracing)',
    method:
      `Our agent server (\`buildAgentApp\`, trivial executor, memory store: the send benchmark's "ours, ` +
      `memory store") runs three times, each in its own process on 127.0.0.1. Tracing on: started with ` +
      `\`node --import ${TELEMETRY_BOOTSTRAP}\`, \`OTEL_TRACES_SAMPLER=always_on\` (every request ` +
      `sampled) and \`OTEL_EXPORTER_OTLP_ENDPOINT\` pointing at a receiver process of the bench ` +
      `(\`tools/bench/src/tracing/otlp-receiver.ts\`: accepts OTLP/HTTP on \`/v1/traces\` and ` +
      `\`/v1/metrics\`, walks every protobuf traces body field by field without building messages, and ` +
      `counts the spans, their trace ids and names); every other setting at its default (OTLP ` +
      `\`http/protobuf\`, span batches of up to 512 every 1 s, queue of 2048, metrics pushed every 60 s). ` +
      `Tracing off: the ` +
      `same, with \`OTEL_TRACES_SAMPLER=always_off\`, which is how tracing is switched off in a ` +
      `deployment (every service loads the bootstrap: metrics, log correlation and trace-context ` +
      `propagation stay on); the target compares these two. No telemetry: the same server without the ` +
      `bootstrap, so that what the bootstrap costs by itself (context manager, instrumentations, metrics, ` +
      `ESM loader hook) is shown too. All get the bench's environment without any \`OTEL_*\` variable ` +
      `besides those. A separate load process keeps ` +
      `${options.connections} keep-alive connections busy with blocking v1.0 JSON-RPC \`SendMessage\` ` +
      `(a new task per request); after ${options.warmupSeconds} s of warm-up each, the servers take ` +
      `turns in ${options.slices} stretches of ${num(options.seconds / options.slices, 1)} s (rotating ` +
      `order), ${options.seconds} s measured per server. After each traced stretch the bench waits ` +
      `until the receiver's span count has stood still for ${EXPORT_QUIET_MS / 1000} s, so the last ` +
      `batches are counted in the traced server's CPU and do not run during the other server's stretch. ` +
      `The receiver shares the machine's cores with the server and the load generator, as a collector ` +
      `agent on the same host would.`,
    tables: [
      {
        caption: 'Blocking SendMessage, tracing on vs off, and without telemetry (all stretches):',
        table: {
          headers: ['server', 'req/s', 'p50', 'p99', 'failed', 'server CPU/req', 'req/s vs tracing off'],
          rows: [bare, off, on].map((c) => [
            c.label,
            num(rate(c)),
            ms(latency(c).p50),
            ms(latency(c).p99),
            num(c.failed),
            `${num(cpuPerRequest(c))} us`,
            percent((rate(c) / rate(off)) * 100),
          ]),
        },
      },
    ],
    checks: [check],
    notes: [
      `Spans received: ${num(spans.spans)} in ${num(spans.tracePosts)} OTLP posts, for ${num(on.answered)} ` +
        `requests the traced server answered (warm-up included) = ${perRequest(spans.spans)} spans per ` +
        `request; ${num(spans.traces)} distinct traces = ${perRequest(spans.traces)} per request ` +
        `(below 1.00 means spans were dropped). Metrics posts: ${num(spans.metricsPosts)}; posts ` +
        `rejected: ${num(spans.rejectedPosts)}.`,
      `Spans per request by name: ${names.join(', ')}.`,
      `Server CPU per request: ${num(cpuPerRequest(on))} us traced vs ${num(cpuPerRequest(off))} us with ` +
        `tracing off (${percent((cpuPerRequest(on) / cpuPerRequest(off) - 1) * 100)} more) and ` +
        `${num(cpuPerRequest(bare))} us without telemetry; receiver CPU during the ` +
        `traced stretches: ${num((on.receiverCpu / on.completed) * 1e6)} us per request.`,
      `Latency: p50 ${ms(latency(on).p50)} on vs ${ms(latency(off).p50)} off, p99 ${ms(latency(on).p99)} ` +
        `on vs ${ms(latency(off).p99)} off.`,
      ...contenders.filter((c) => c.firstFailure).map((c) => `${c.label}: first failure: ${c.firstFailure}`),
    ],
  };
}
