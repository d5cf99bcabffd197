import { spawn } from 'node:child_process';

/** What a child process printed and how it ended. */
export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout lines that parse as JSON objects (log lines). */
  jsonLines(): Record<string, unknown>[];
}

/** Options for {@link runNodeScript}. */
export interface RunNodeScriptOptions {
  /** Modules for `--import`, in order. */
  imports: string[];
  /** Environment on top of PATH and HOME only, so the parent's OTEL_* settings do not leak in. */
  env: Record<string, string>;
  cwd: string;
  /** The child is killed after this long. @defaultValue 20000 */
  timeoutMs?: number;
}

/** Runs `node --import … --input-type=module -e <script>` and collects its output. */
export function runNodeScript(script: string, opts: RunNodeScriptOptions): Promise<ChildResult> {
  const args = [...opts.imports.flatMap((m) => ['--import', m]), '--input-type=module', '-e', script];
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...opts.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        jsonLines: () =>
          stdout
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as Record<string, unknown>),
      });
    });
  });
}
