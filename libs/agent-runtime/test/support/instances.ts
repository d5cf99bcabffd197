import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureBundle } from './fixture-bundle.js';
import { freePort, startChild, type Child } from './child-processes.js';

/** A test agent process (test/fixtures/test-agent-main.ts) that has started listening. */
export interface AgentInstance {
  readonly child: Child;
  readonly port: number;
  /** Base URL, no trailing slash. */
  readonly url: string;
}

/**
 * Starts a test agent on a free port with `env` (REDIS_URL, REDIS_KEY_PREFIX, TASK_TIMEOUT_MS...)
 * and waits for its ready line.
 */
export async function startAgent(
  bundle: FixtureBundle,
  name: string,
  env: NodeJS.ProcessEnv,
): Promise<AgentInstance> {
  const port = await freePort();
  const child = startChild(name, process.execPath, [bundle.entry('test-agent-main')], {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    ...env,
  });
  await child.waitFor((r) => r['ready'] === true, 15_000, 'ready line');
  return { child, port, url: `http://127.0.0.1:${port}` };
}

/** A redis-server of this test on its own port, without persistence. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Starts it (again) on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** SIGKILL: the data is gone, clients see the connection drop. */
  kill(): Promise<void>;
}

/** A redis-server on a free port (not started yet). */
export async function redisServer(name: string, extraArgs: string[] = []): Promise<RedisServer> {
  const port = await freePort();
  let child: Child | undefined;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      child = startChild(name, 'redis-server', [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        ...extraArgs,
      ]);
      await child.waitForOutput('Ready to accept connections', 10_000);
    },
    kill: async () => {
      await child?.kill('SIGKILL');
      child = undefined;
    },
  };
}

/** Why cluster or TLS tests cannot run here, or undefined when redis-server, redis-cli and openssl are on PATH. */
export function redisToolsMissing(
  tools: readonly string[] = ['redis-server', 'redis-cli'],
): string | undefined {
  for (const tool of tools) {
    const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (probe.error) return `${tool} is not on PATH (${probe.error.message})`;
  }
  return undefined;
}

/** A Redis Cluster of this test: `size` masters on free loopback ports, no replicas, nothing kept. */
export interface RedisClusterServers {
  /** `host:port,...`, the form of REDIS_CLUSTER_NODES. */
  readonly nodeList: string;
  readonly nodes: { host: string; port: number }[];
  remove(): Promise<void>;
}

/** Starts the nodes, joins them with `redis-cli --cluster create` and waits for cluster_state:ok. */
export async function startRedisCluster(name: string, size = 3): Promise<RedisClusterServers> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-runtime-cluster-'));
  const ports: number[] = [];
  while (ports.length < size * 2) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const nodes = ports.slice(0, size).map((port) => ({ host: '127.0.0.1', port }));
  const servers = nodes.map((node, i) =>
    // The bus port is chosen too: the default (port + 10000) may be taken or above 65535.
    startChild(`${name}-${i}`, 'redis-server', [
      ...['--port', String(node.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...['--cluster-enabled', 'yes', '--cluster-port', String(ports[size + i])],
      ...['--cluster-config-file', join(dir, `nodes-${i}.conf`), '--dir', dir],
    ]),
  );
  const remove = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.kill('SIGKILL')));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(servers.map((server) => server.waitForOutput('Ready to accept connections')));
    const addresses = nodes.map((node) => `${node.host}:${node.port}`);
    const create = startChild(`${name}-create`, 'redis-cli', [
      ...['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'],
    ]);
    await create.waitForOutput('[OK] All 16384 slots covered', 15_000);
    for (const node of nodes) {
      for (const end = Date.now() + 15_000; ; ) {
        const info = spawnSync('redis-cli', ['-p', String(node.port), 'cluster', 'info'], {
          encoding: 'utf8',
        });
        if (info.stdout.includes('cluster_state:ok')) break;
        if (Date.now() > end) throw new Error(`cluster node ${node.port} is not ok:\n${info.stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return { nodeList: addresses.join(','), nodes, remove };
  } catch (err) {
    await remove();
    throw err;
  }
}
