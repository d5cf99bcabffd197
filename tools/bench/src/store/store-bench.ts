import { randomUUID } from 'node:crypto';
import type { Task, TaskStatus } from '@a2a-platform/a2a-protocol';
import type { BenchReport } from '../bench-report.js';
import { SampleBuffer } from '../latency-stats.js';
import { processCpuSeconds, redisCpuSeconds } from '../redis-cpu.js';
import { benchRedis, dropPrefix, scratchPrefix } from '../scratch-keyspace.js';
import type { Redis } from 'ioredis';
import { atLeast, atMost, ms, num, ratioText } from '../targets.js';
import { ContendedTasks, type TaskTally } from './contended-tasks.js';
import { baselineContender, ourContender, type Contender } from './contenders.js';

/** Settings of the store benchmark. */
export interface StoreBenchOptions {
  readonly redisUrl: string;
  /** Length of each measured run, per store. */
  readonly seconds: number;
  /** Concurrent async writers. */
  readonly writers: number;
  /** Redis connections (one store instance each) the writers are spread over. */
  readonly connections: number;
  /** Tasks shared by all writers at any moment. */
  readonly tasks: number;
  /**
   * Changes a task takes before a fresh task replaces it; one measurement per value, since the cost
   * of a change may grow with the size of the task.
   */
  readonly changesPerTask: readonly number[];
  /** Runs per store, alternated (ours, baseline, baseline, ours, ...) so drift hits both alike. */
  readonly rounds: number;
  /** Share of changes that are transitions (the rest append artifacts). */
  readonly transitionShare: number;
}

type ContenderKind = 'ours' | 'baseline';

interface ContenderRun {
  readonly label: string;
  readonly changes: number;
  readonly errors: number;
  readonly seconds: number;
  /** Latency of every change, ms. */
  readonly latency: SampleBuffer;
  readonly tasks: number;
  /** Artifacts plus history messages the writers were told were stored. */
  readonly expected: number;
  readonly found: number;
  /** CPU seconds of the bench process (the writers and their store clients) during the run. */
  readonly clientCpu: number;
  /** CPU seconds of the Redis main thread during the run. */
  readonly redisCpu: number;
}

const TEXT = 'Reorder 40 units of SKU-1001 from supplier ACME; lead time 5 days; approval not needed.';

/** One task size: both stores' totals. */
interface SizeResult {
  readonly changesPerTask: number;
  readonly ours: ContenderRun;
  readonly baseline: ContenderRun;
}

/** Runs the store benchmark: per task size, both stores in alternation, then their totals and ratio. */
export async function runStoreBench(options: StoreBenchOptions): Promise<BenchReport> {
  const results: SizeResult[] = [];
  for (const changesPerTask of options.changesPerTask) {
    const runs: Record<ContenderKind, ContenderRun[]> = { ours: [], baseline: [] };
    for (let round = 0; round < options.rounds; round++) {
      const order: ContenderKind[] = round % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
      for (const kind of order) {
        const run = await runContender(kind, changesPerTask, options);
        runs[kind].push(run);
        console.log(
          `  store ${kind}, ${changesPerTask} changes per task, round ${round + 1}: ` +
            `${num(run.changes / run.seconds)} changes/s, lost ${run.expected - run.found}, errors ${run.errors}`,
        );
      }
    }
    results.push({ changesPerTask, ours: total(runs.ours), baseline: total(runs.baseline) });
  }
  return report(options, results);
}

async function runContender(
  kind: ContenderKind,
  changesPerTask: number,
  options: StoreBenchOptions,
): Promise<ContenderRun> {
  const prefix = scratchPrefix('store');
  const clients = Array.from({ length: options.connections }, () => benchRedis(options.redisUrl));
  const contender = kind === 'ours' ? ourContender(clients, prefix) : baselineContender(clients, prefix);
  try {
    await Promise.all(clients.map((c) => c.ping()));
    return await measure(contender, clients[0], changesPerTask, options);
  } finally {
    await contender.close();
    await dropPrefix(options.redisUrl, prefix);
    for (const client of clients) client.disconnect();
  }
}

async function measure(
  contender: Contender,
  redis: Redis,
  changesPerTask: number,
  options: StoreBenchOptions,
): Promise<ContenderRun> {
  const contextId = randomUUID();
  const tasks = new ContendedTasks(options.tasks, changesPerTask, async () => {
    const task = newTask(contextId);
    await contender.create(task);
    return { taskId: task.id, contextId, issued: 0, artifacts: 0, messages: 0 };
  });
  await tasks.open();
  const latency = new SampleBuffer();
  let changes = 0;
  let errors = 0;
  const [redisStart, clientStart] = [await redisCpuSeconds(redis), processCpuSeconds()];
  const started = performance.now();
  const end = started + options.seconds * 1000;

  const writer = async (w: number): Promise<void> => {
    const lane = w % options.connections;
    for (let seq = 0; performance.now() < end; seq++) {
      const tally = await tasks.acquire(Math.floor(Math.random() * options.tasks));
      const transition = Math.random() < options.transitionShare;
      const t0 = performance.now();
      try {
        if (transition) {
          await contender.transition(lane, tally.taskId, workingStatus(`s-${w}-${seq}`, seq));
          tally.messages += 1;
        } else {
          const artifact = { artifactId: `a-${w}-${seq}`, name: 'line', parts: [{ text: TEXT }] };
          await contender.appendArtifact(lane, tally.taskId, artifact);
          tally.artifacts += 1;
        }
        changes += 1;
        latency.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)));
  const seconds = (performance.now() - started) / 1000;
  const [redisEnd, clientEnd] = [await redisCpuSeconds(redis), processCpuSeconds()];
  await tasks.settle();
  const { expected, found } = await verify(contender, tasks.all());
  return {
    label: contender.label,
    changes,
    errors,
    seconds,
    latency,
    tasks: tasks.all().length,
    expected,
    found,
    clientCpu: clientEnd - clientStart,
    redisCpu: redisEnd - redisStart,
  };
}

/** Compares what each task holds with what its writers were told. */
async function verify(
  contender: Contender,
  tallies: readonly TaskTally[],
): Promise<{ expected: number; found: number }> {
  let expected = 0;
  let found = 0;
  for (const tally of tallies) {
    // The task starts with one message in its history (the user's).
    expected += tally.artifacts + tally.messages + 1;
    const kept = await contender.read(tally.taskId);
    if (kept) found += kept.artifacts + kept.history;
  }
  return { expected, found };
}

function newTask(contextId: string): Task {
  const id = randomUUID();
  return {
    id,
    contextId,
    status: { state: 'TASK_STATE_WORKING', timestamp: new Date().toISOString() },
    history: [
      { messageId: randomUUID(), role: 'ROLE_USER', taskId: id, contextId, parts: [{ text: 'check stock' }] },
    ],
  };
}

function workingStatus(messageId: string, seq: number): TaskStatus {
  return {
    state: 'TASK_STATE_WORKING',
    message: { messageId, role: 'ROLE_AGENT', parts: [{ text: `step ${seq}` }] },
    timestamp: new Date().toISOString(),
  };
}

/** Sums the runs of one store. */
function total(runs: readonly ContenderRun[]): ContenderRun {
  const latency = new SampleBuffer();
  for (const run of runs) for (const sample of run.latency.sorted()) latency.push(sample);
  const sum = (
    field: 'changes' | 'errors' | 'seconds' | 'tasks' | 'expected' | 'found' | 'clientCpu' | 'redisCpu',
  ) => runs.reduce((s, r) => s + r[field], 0);
  return {
    label: runs[0].label,
    changes: sum('changes'),
    errors: sum('errors'),
    seconds: sum('seconds'),
    latency,
    tasks: sum('tasks'),
    expected: sum('expected'),
    found: sum('found'),
    clientCpu: sum('clientCpu'),
    redisCpu: sum('redisCpu'),
  };
}

function report(options: StoreBenchOptions, results: readonly SizeResult[]): BenchReport {
  const rate = (run: ContenderRun): number => run.changes / run.seconds;
  const row = (size: number, run: ContenderRun): string[] => {
    const latency = run.latency.summary();
    return [
      run.label,
      num(size),
      num(rate(run)),
      ms(latency.p50),
      ms(latency.p99),
      `${num((run.clientCpu / run.changes) * 1e6)} us`,
      `${num((run.redisCpu / run.changes) * 1e6)} us`,
      num(run.errors),
      num(run.tasks),
      num(run.expected),
      num(run.found),
      num(run.expected - run.found),
    ];
  };
  const lostOurs = results.reduce((s, r) => s + r.ours.expected - r.ours.found, 0);
  return {
    name: 'store',
    title: 'Task store under contention (store)',
    method:
      `${options.writers} async writers in one process, spread over ${options.connections} Redis connections ` +
      `(one store instance per connection, as separate service instances would be), hammer ` +
      `${options.tasks} shared tasks for ${options.seconds} s per run, ${options.rounds} runs per store ` +
      `alternated. ${Math.round(options.transitionShare * 100)}% of changes are transitions (working -> ` +
      `working with a status message, which joins the history), the rest append a new artifact. Each task ` +
      `takes a fixed number of changes and is then replaced, so both stores work on tasks of the same ` +
      `sizes; the run is repeated per size. Lost updates = artifacts + history messages the writers were ` +
      `told were stored, minus those the tasks hold at the end. The baseline ` +
      `(\`tools/bench/src/store/rmw-task-store.ts\`) is written in the bench for comparison only: GET the ` +
      `task JSON, change it in JS, then MULTI SET + XADD + PUBLISH. CPU per change: CPU time of the bench ` +
      `process (writers and store clients) and of the Redis main thread over the runs, divided by the ` +
      `changes; they do not depend on how much CPU the machine could give (the Redis figure includes ` +
      `any other client of that Redis meanwhile).`,
    tables: [
      {
        caption: 'Totals over all runs (latency: per change):',
        table: {
          headers: [
            'store',
            'changes per task',
            'changes/s',
            'p50',
            'p99',
            'bench CPU/change',
            'Redis CPU/change',
            'errors',
            'tasks',
            'expected',
            'found',
            'lost updates',
          ],
          rows: results.flatMap((r) => [row(r.changesPerTask, r.ours), row(r.changesPerTask, r.baseline)]),
        },
      },
    ],
    checks: [
      ...results.map((r) =>
        atLeast(
          rate(r.ours) / rate(r.baseline),
          2,
          '>= 2x the read-modify-write baseline',
          `${r.changesPerTask} changes per task: throughput ${ratioText(rate(r.ours), rate(r.baseline))}`,
        ),
      ),
      atMost(lostOurs, 0, 'zero lost updates for ours', `lost updates ${num(lostOurs)}`),
    ],
    notes: [],
  };
}
