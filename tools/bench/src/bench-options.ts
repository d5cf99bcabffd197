import { parseArgs } from 'node:util';
import type { FanoutBenchOptions } from './fanout/fanout-bench.js';
import type { SendBenchOptions } from './send/send-bench.js';
import type { StoreBenchOptions } from './store/store-bench.js';
import type { TracingBenchOptions } from './tracing/tracing-bench.js';

/** The benchmarks, in the order `npm run bench` runs them. */
export const BENCHMARKS = ['store', 'fanout', 'send', 'tracing'] as const;
export type BenchName = (typeof BENCHMARKS)[number];

/** Everything the command line decides. */
export interface BenchOptions {
  readonly benchmarks: readonly BenchName[];
  readonly redisUrl: string;
  /** Results file to update, or undefined with --no-doc. */
  readonly doc: string | undefined;
  readonly store: StoreBenchOptions;
  readonly fanout: FanoutBenchOptions;
  readonly send: SendBenchOptions;
  readonly tracing: TracingBenchOptions;
}

export const USAGE = `Usage: npm run bench -- [store] [fanout] [send] [tracing] [options]

Runs the named benchmarks (all of them when none is named), prints their tables and updates their
sections of docs/benchmarks.md. Everything runs on loopback against the Redis at --redis-url.

  --redis-url URL               Redis to use (random key prefix, cleaned up)  [redis://127.0.0.1:6379]
  --doc PATH                    results file                                  [docs/benchmarks.md]
  --no-doc                      print only

  store   --store-seconds N     seconds per run and store                     [2]
          --store-rounds N      runs per store, alternated                    [4]
          --store-writers N     concurrent writers                            [32]
          --store-connections N Redis connections (store instances)           [4]
          --store-tasks N       shared tasks at a time                        [8]
          --store-changes N,M   changes per task before it is replaced, one
                                run per value                                 [20,200]
  fanout  --fanout-watchers N   watch() subscribers (and SSE streams) on B    [1000]
          --fanout-events N     events written by A per scenario              [3000]
          --fanout-rate N       events per second written by A                [1000]
          --no-sse              skip the SSE scenario
  send    --send-seconds N      measured seconds per server, in total         [10]
          --send-slices N       stretches per server, servers taking turns    [10]
          --send-warmup N       warm-up seconds per server, once              [2]
          --send-connections N  concurrent keep-alive connections             [32]
  tracing --tracing-seconds N   measured seconds per server, in total         [20]
          --tracing-slices N    stretches per server, servers taking turns    [20]
          --tracing-warmup N    warm-up seconds per server, once              [2]
          --tracing-connections N concurrent keep-alive connections           [32]
`;

function count(value: string | undefined, fallback: number, name: string, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, got "${value}"`);
  return n;
}

/** Parses the command line; throws an Error whose message says what is wrong. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'redis-url': { type: 'string' },
      doc: { type: 'string' },
      'no-doc': { type: 'boolean' },
      'store-seconds': { type: 'string' },
      'store-rounds': { type: 'string' },
      'store-writers': { type: 'string' },
      'store-connections': { type: 'string' },
      'store-tasks': { type: 'string' },
      'store-changes': { type: 'string' },
      'fanout-watchers': { type: 'string' },
      'fanout-events': { type: 'string' },
      'fanout-rate': { type: 'string' },
      'no-sse': { type: 'boolean' },
      'send-seconds': { type: 'string' },
      'send-warmup': { type: 'string' },
      'send-connections': { type: 'string' },
      'send-slices': { type: 'string' },
      'tracing-seconds': { type: 'string' },
      'tracing-warmup': { type: 'string' },
      'tracing-connections': { type: 'string' },
      'tracing-slices': { type: 'string' },
    },
  });
  if (values.help) return 'help';
  for (const name of positionals) {
    if (!(BENCHMARKS as readonly string[]).includes(name)) {
      throw new Error(`unknown benchmark "${name}" (expected ${BENCHMARKS.join(', ')})`);
    }
  }
  const redisUrl = values['redis-url'] ?? 'redis://127.0.0.1:6379';
  const v = values as Record<string, string | undefined>;
  return {
    benchmarks: positionals.length > 0 ? BENCHMARKS.filter((b) => positionals.includes(b)) : [...BENCHMARKS],
    redisUrl,
    doc: values['no-doc'] ? undefined : (values.doc ?? 'docs/benchmarks.md'),
    store: {
      redisUrl,
      seconds: count(v['store-seconds'], 2, 'store-seconds'),
      rounds: count(v['store-rounds'], 4, 'store-rounds'),
      writers: count(v['store-writers'], 32, 'store-writers'),
      connections: count(v['store-connections'], 4, 'store-connections'),
      tasks: count(v['store-tasks'], 8, 'store-tasks'),
      changesPerTask: (v['store-changes'] ?? '20,200').split(',').map((x) => count(x, 0, 'store-changes')),
      transitionShare: 0.25,
    },
    fanout: {
      redisUrl,
      watchers: count(v['fanout-watchers'], 1000, 'fanout-watchers'),
      events: count(v['fanout-events'], 3000, 'fanout-events'),
      rate: count(v['fanout-rate'], 1000, 'fanout-rate'),
      sse: !values['no-sse'],
    },
    send: {
      redisUrl,
      seconds: count(v['send-seconds'], 10, 'send-seconds'),
      warmupSeconds: count(v['send-warmup'], 2, 'send-warmup', 0),
      connections: count(v['send-connections'], 32, 'send-connections'),
      slices: count(v['send-slices'], 10, 'send-slices'),
    },
    tracing: {
      seconds: count(v['tracing-seconds'], 20, 'tracing-seconds'),
      warmupSeconds: count(v['tracing-warmup'], 2, 'tracing-warmup', 0),
      connections: count(v['tracing-connections'], 32, 'tracing-connections'),
      slices: count(v['tracing-slices'], 20, 'tracing-slices'),
    },
  };
}
