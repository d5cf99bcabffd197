import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProcessGroup } from '../src/process-group.js';
import { waitUntilReady } from '../src/readiness.js';
import { serviceUrl, stackServices, type ServiceName, type ServiceSpec } from '../src/services.js';

const ROOT = resolve(__dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Options of {@link TestStack.start}. */
export interface TestStackOptions {
  /** Environment for all five services (an OTLP endpoint...); the per-service `extraEnv` wins over it. */
  commonEnv?: Record<string, string>;
}

/**
 * The five services as real processes on free ports (started with the telemetry bootstrap, as
 * `npm start` does), with their own data folder, where each one's output goes to `<name>.log`.
 */
export class TestStack {
  private constructor(
    /** Services that exited without being asked to. */
    readonly exits: { name: string; code: number | null }[],
    readonly services: ServiceSpec[],
    private readonly group: ProcessGroup,
    private readonly dataDir: string,
  ) {}

  static async start(
    extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
    options: TestStackOptions = {},
  ): Promise<TestStack> {
    const names: ServiceName[] = [
      'inventory-mcp',
      'erp-mcp',
      'inventory-agent',
      'procurement-agent',
      'orchestrator',
    ];
    const ports: Partial<Record<ServiceName, number>> = {};
    for (const name of names) ports[name] = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'a2a-stack-'));
    const services = stackServices({
      dataDir,
      logLevel: 'info',
      ports,
      commonEnv: options.commonEnv,
      extraEnv,
    });
    const exits: { name: string; code: number | null }[] = [];
    const group = new ProcessGroup(ROOT, dataDir, (name, code) => exits.push({ name, code }), {
      echo: false,
    });
    const stack = new TestStack(exits, services, group, dataDir);
    for (const spec of services) {
      group.start(spec);
      await waitUntilReady(spec.name, serviceUrl(spec.port), 30_000);
    }
    return stack;
  }

  url(name: ServiceName): string {
    const spec = this.services.find((s) => s.name === name);
    if (!spec) throw new Error(`no service ${name}`);
    return serviceUrl(spec.port);
  }

  /** The JSON log lines one service has written so far (other output is skipped). */
  logLines(name: ServiceName): Record<string, unknown>[] {
    const text = readFileSync(join(this.dataDir, `${name}.log`), 'utf8');
    return text.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** SIGKILLs one service, as a crash would. */
  kill(name: ServiceName): Promise<void> {
    return this.group.kill(name);
  }

  async stop(): Promise<void> {
    await this.group.stopAll(5_000);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
