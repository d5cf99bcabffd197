import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: the CLI runs from there, as `node tools/a2a-cli/dist/main.js`. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const PROJECT = resolve(__dirname, '../..');
/** The built CLI. */
export const CLI_MAIN = join(PROJECT, 'dist', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the CLI when dist is missing or older than its sources (jest run without `nx test`). */
export function ensureCliBuilt(): void {
  if (existsSync(CLI_MAIN) && statSync(CLI_MAIN).mtimeMs >= newestSource(join(PROJECT, 'src'))) return;
  execFileSync('npx', ['nx', 'build', 'a2a-cli', '--skip-sync'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'pipe',
  });
}

/** What a finished CLI run printed, and its exit status. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cliEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env['FORCE_COLOR'];
  return env;
}

/** A running CLI process with helpers to wait for its output and its end. */
export interface CliChild {
  child: ChildProcessWithoutNullStreams;
  /** Resolves once stdout matches `pattern` (rejects when the process ends first). */
  waitForStdout(pattern: RegExp): Promise<string>;
  finished: Promise<CliRun>;
}

/** Starts `node tools/a2a-cli/dist/main.js ...args` from the repository root. */
export function startCli(args: readonly string[], env: Record<string, string | undefined> = {}): CliChild {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: WORKSPACE_ROOT, env: cliEnv(env) });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (s: string) => void; reject: (e: Error) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const w of waiters.filter((w) => w.pattern.test(stdout))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(stdout);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const finished = new Promise<CliRun>((resolveRun) => {
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) {
        w.reject(new Error(`CLI exited (${code}) before printing ${w.pattern}\n${stdout}\n${stderr}`));
      }
      resolveRun({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    finished,
    waitForStdout: (pattern) =>
      pattern.test(stdout)
        ? Promise.resolve(stdout)
        : new Promise((resolveWait, reject) => waiters.push({ pattern, resolve: resolveWait, reject })),
  };
}

/** Runs the CLI to its end. */
export function runCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  return startCli(args, env).finished;
}
