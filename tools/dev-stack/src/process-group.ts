import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ServiceSpec } from './services.js';

interface Running {
  spec: ServiceSpec;
  child: ChildProcess;
  log: WriteStream;
  exited: Promise<number | null>;
}

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** Loaded before each service's entry, as in its image: tracing, metrics and log correlation. */
export const TELEMETRY_BOOTSTRAP = '@a2a-platform/telemetry/register';

/**
 * The stack's child processes, each started as `node --import @a2a-platform/telemetry/register
 * <entry>` from the repository root. Each one's output goes whole to `<logDir>/<name>.log`; warnings
 * and errors are also echoed to the terminal, prefixed with the service name.
 */
export class ProcessGroup {
  private readonly running: Running[] = [];
  private stopping = false;
  private readonly killed = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly logDir: string,
    private readonly onUnexpectedExit: (name: string, code: number | null) => void,
    private readonly options: { echo?: boolean } = {},
  ) {}

  start(spec: ServiceSpec): void {
    // A bare specifier: it resolves from cwd (the root) through node_modules, like the image's CMD.
    const child = spawn(process.execPath, ['--import', TELEMETRY_BOOTSTRAP, join(this.root, spec.entry)], {
      cwd: this.root,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(this.logDir, `${spec.name}.log`), { flags: 'a' });
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        if (this.options.echo !== false) echo(spec.name, line);
      });
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    void exited.then((code) => {
      if (!this.stopping && !this.killed.has(spec.name)) this.onUnexpectedExit(spec.name, code);
    });
    this.running.push({ spec, child, log, exited });
  }

  /** SIGKILLs one service (tests use it to simulate a crash); its exit is not reported as unexpected. */
  async kill(name: string): Promise<void> {
    const r = this.running.find((x) => x.spec.name === name);
    if (!r) return;
    this.killed.add(name);
    r.child.kill('SIGKILL');
    await r.exited;
  }

  /** SIGTERM in reverse start order, SIGKILL what is still alive after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const r of [...this.running].reverse()) {
      if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
      const timer = setTimeout(() => r.child.kill('SIGKILL'), graceMs);
      await r.exited;
      clearTimeout(timer);
      r.log.end();
    }
  }
}

function echo(name: string, line: string): void {
  let level = 'info';
  let msg = line;
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    level = LEVELS[entry.level ?? 30] ?? 'info';
    msg = entry.err?.message ? `${entry.msg ?? ''}: ${entry.err.message}` : (entry.msg ?? line);
  } catch {
    level = 'warn';
  }
  if (level === 'warn' || level === 'error' || level === 'fatal') {
    process.stderr.write(`  ${name.padEnd(18)} ${level.toUpperCase()} ${msg}\n`);
  }
}
