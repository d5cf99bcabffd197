import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** One JSON object a fixture printed on a stdout line. */
export type Report = Record<string, unknown>;

/** A child process this test file started; `stopAll` kills it at the end whatever happened. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** stdout lines that were JSON objects, in order. */
  readonly reports: Report[];
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** The first report (past or future) that matches, failing after `timeoutMs`. */
  waitFor(match: (report: Report) => boolean, timeoutMs?: number, what?: string): Promise<Report>;
  /** Output (past or future) that contains `text`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** true once the process has exited. */
  readonly exited: boolean;
  /** Sends `signal` and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const children = new Set<Child>();

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Starts `command` with `env` added to this process's environment, tracked for {@link stopAll}. */
export function startChild(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Child {
  const proc = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let pending = '';
  const reports: Report[] = [];
  const watchers = new Set<() => void>();
  const notify = (): void => {
    for (const watcher of [...watchers]) watcher();
  };
  proc.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    pending += text;
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end).trim();
      pending = pending.slice(end + 1);
      if (!line.startsWith('{')) continue;
      try {
        reports.push(JSON.parse(line) as Report);
      } catch {
        // Not a report: kept in the output only.
      }
    }
    notify();
  });
  proc.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    notify();
  });
  const exit = new Promise<void>((resolve) => {
    proc.once('exit', () => {
      notify();
      resolve();
    });
  });
  proc.once('error', (err) => {
    output += `\n[spawn error] ${err.message}\n`;
  });

  const wait = <T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (proc.exitCode !== null || proc.signalCode !== null) {
          done();
          reject(
            new Error(`${name} exited (${proc.exitCode ?? proc.signalCode}) before ${what}:\n${output}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${name}: no ${what} within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        watchers.delete(check);
      };
      watchers.add(check);
      check();
    });

  const child: Child = {
    name,
    process: proc,
    reports,
    output: () => output,
    waitFor: (match, timeoutMs = 10_000, what = 'matching report') =>
      wait(() => reports.find(match), timeoutMs, what),
    waitForOutput: (text, timeoutMs = 10_000) =>
      wait(() => (output.includes(text) ? true : undefined), timeoutMs, `"${text}"`).then(() => undefined),
    get exited() {
      return proc.exitCode !== null || proc.signalCode !== null;
    },
    kill: async (signal = 'SIGKILL') => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill(signal);
        await exit;
      }
      children.delete(child);
    },
  };
  children.add(child);
  return child;
}

/** Kills (SIGKILL) every child still running; for afterAll, so nothing outlives a failed test. */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => child.kill('SIGKILL')));
}

// Last resort when jest itself exits before afterAll (a crash, a timeout of the hook).
process.once('exit', () => {
  for (const child of children) child.process.kill('SIGKILL');
});
