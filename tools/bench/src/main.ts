import { loadavg } from 'node:os';
import { parentChannel, type RoleChannel } from './bench-process.js';
import { parseBenchOptions, USAGE, type BenchName, type BenchOptions } from './bench-options.js';
import { reportMarkdown, reportText, type BenchReport, type RunContext } from './bench-report.js';
import { writeSection } from './benchmarks-doc.js';
import { eventWriterRole, type EventWriterParams } from './fanout/event-writer.js';
import { runFanoutBench } from './fanout/fanout-bench.js';
import { watcherHostRole, type WatcherHostParams } from './fanout/watcher-host.js';
import { describeMachine, readMachineInfo } from './machine-info.js';
import { loadRole, type LoadParams } from './send/load-generator.js';
import { runSendBench } from './send/send-bench.js';
import { serverHostRole, type ServerHostParams } from './send/server-host.js';
import { runStoreBench } from './store/store-bench.js';
import { otlpReceiverRole } from './tracing/otlp-receiver.js';
import { runTracingBench } from './tracing/tracing-bench.js';

/** The child-process roles, started by {@link BenchChild} as `main.js --role <name> --params <json>`. */
const ROLES: Record<string, (params: never, channel: RoleChannel) => Promise<void>> = {
  'fanout-writer': (params: EventWriterParams, channel) => eventWriterRole(params, channel),
  'fanout-watchers': (params: WatcherHostParams, channel) => watcherHostRole(params, channel),
  server: (params: ServerHostParams, channel) => serverHostRole(params, channel),
  load: (params: LoadParams, channel) => loadRole(params, channel),
  'otlp-receiver': (params: unknown, channel) => otlpReceiverRole(params, channel),
};

const RUNNERS: Record<BenchName, (options: BenchOptions) => Promise<BenchReport>> = {
  store: (options) => runStoreBench(options.store),
  fanout: (options) => runFanoutBench(options.fanout),
  send: (options) => runSendBench(options.send),
  tracing: (options) => runTracingBench(options.tracing),
};

async function runRole(name: string, params: unknown): Promise<void> {
  const role = ROLES[name];
  if (!role) throw new Error(`unknown role "${name}"`);
  // The bench died: nobody will ask this child to stop.
  process.on('disconnect', () => process.exit(0));
  const channel = parentChannel();
  try {
    await role(params as never, channel);
    // Disconnecting drops messages still queued: the last one (a result) may be large.
    await channel.flush();
    process.disconnect?.();
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.send?.({ type: 'error', message }, () => process.exit(1));
  }
}

async function runBenchmarks(argv: readonly string[]): Promise<number> {
  const parsed = parseBenchOptions(argv);
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const options = parsed;
  const machine = await readMachineInfo(options.redisUrl);
  if (machine.redis === 'unreachable') {
    console.error(`Redis at ${options.redisUrl} does not answer; every benchmark needs it.`);
    return 1;
  }
  const run: RunContext = {
    machine,
    command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
    startedAt: new Date(),
  };
  console.log(`Machine: ${describeMachine(machine)}`);
  let failures = 0;
  for (const name of options.benchmarks) {
    console.log(`\nRunning ${name}...`);
    // The machine's load moves during a run: record it as each benchmark starts.
    const context: RunContext = {
      ...run,
      machine: { ...machine, load1: loadavg()[0] },
      startedAt: new Date(),
    };
    try {
      const report = await RUNNERS[name](options);
      console.log(reportText(report));
      if (options.doc) {
        writeSection(options.doc, name, reportMarkdown(report, context));
        console.log(`\n(section "${name}" of ${options.doc} updated)`);
      }
    } catch (err) {
      failures += 1;
      console.error(`benchmark ${name} failed:`, err instanceof Error ? (err.stack ?? err.message) : err);
    }
  }
  return failures === 0 ? 0 : 1;
}

const argv = process.argv.slice(2);
const roleAt = argv.indexOf('--role');
if (roleAt >= 0) {
  const params: unknown = JSON.parse(argv[argv.indexOf('--params') + 1] ?? '{}');
  void runRole(argv[roleAt + 1], params);
} else {
  runBenchmarks(argv).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      console.error(`\n${USAGE}`);
      process.exit(2);
    },
  );
}
