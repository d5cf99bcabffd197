import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const LISTENING = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/;

/** The Nx workspace the tests run in: the nearest folder above the working directory with an nx.json. */
export function workspaceRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no Nx workspace above ${process.cwd()}`);
  }
}

/**
 * The built MCP app `apps/<app>/dist/main.js`, built with Nx first when the bundle is missing (`nx test`
 * builds it through the implicit dependency).
 */
export function builtMcpApp(app: string): string {
  const workspace = workspaceRoot();
  const main = join(workspace, 'apps', app, 'dist', 'main.js');
  if (!existsSync(main)) {
    execSync(`npx nx build ${app} --skip-sync`, {
      cwd: workspace,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  }
  return main;
}

/**
 * A real MCP server process (an app's built bundle) on a free port, over its own temporary data
 * directory. It can be killed (SIGKILL, as a crash) and started again on the same port with the same data.
 */
export class McpServerProcess {
  /** The temporary folder the server keeps its data in (DATA_DIR); deleted by {@link dispose}. */
  readonly dataDir: string;
  /** The port it listens on; 0 until it first started. */
  port = 0;
  private child: ChildProcess | undefined;

  constructor(
    /** The Nx app to run, e.g. `inventory-mcp`. */
    readonly app: string,
  ) {
    this.dataDir = mkdtempSync(join(tmpdir(), `${app}-`));
  }

  /** The server's Streamable HTTP endpoint. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/mcp`;
  }

  /** Starts the server (on its previous port, if it had one) and waits until /ready answers 200. */
  async start(): Promise<void> {
    const main = builtMcpApp(this.app);
    const child = spawn(process.execPath, [main], {
      cwd: workspaceRoot(),
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    const port = await new Promise<number>((resolvePort, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.app} did not start:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = LISTENING.exec(output);
        if (match) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          resolvePort(Number(match[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.app} exited with ${code}:\n${output}`));
      });
    });
    // Keep draining the pipes so the child never blocks on a full buffer.
    child.stdout?.resume();
    child.stderr?.resume();
    this.port = port;
    await this.waitUntilReady();
  }

  /** Kills the process with SIGKILL (a crash: no session is closed) and waits for it to exit. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  /** Stops the process and deletes its data. */
  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilReady(): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${this.port}/ready`)
        .then((r) => r.status)
        .catch(() => 0);
      if (status === 200) return;
      if (Date.now() > until) throw new Error(`${this.app} never became ready`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
