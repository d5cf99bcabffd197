import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why the cluster tests cannot run here, or undefined when redis-server and redis-cli are on PATH. */
export function clusterToolsMissing(): string | undefined {
  for (const tool of ['redis-server', 'redis-cli']) {
    const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (probe.error) return `${tool} is not on PATH (${probe.error.message})`;
  }
  return undefined;
}

/** A Redis Cluster of this test: masters on loopback ports, no replicas, no data on disk. */
export interface LocalCluster {
  readonly nodes: { host: string; port: number }[];
  /** Kills every node (SIGKILL): the data is gone, the node config files stay. */
  kill(): Promise<void>;
  /** Starts the killed nodes again on their ports and config files; resolves at cluster_state:ok. */
  restart(): Promise<void>;
  /** Kills every node and removes the node config files. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

function startNode(dir: string, port: number, busPort: number, index: number): Promise<ChildProcess> {
  // The bus port is chosen too: the default (port + 10000) may be taken or above 65535.
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-port',
      String(busPort),
      '--cluster-config-file',
      join(dir, `nodes-${index}.conf`),
      '--cluster-node-timeout',
      '2000',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`redis-server on ${port} exited (${code}):\n${output}`)));
  });
}

async function waitForClusterOk(nodes: readonly { port: number }[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const node of nodes) {
    for (;;) {
      const info = await run('redis-cli', ['-p', String(node.port), 'cluster', 'info']).catch(String);
      if (info.includes('cluster_state:ok')) break;
      if (Date.now() > deadline) throw new Error(`the cluster did not become ok:\n${info}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Starts `size` cluster nodes, joins them with `redis-cli --cluster create`, and waits for cluster_state:ok. */
export async function startLocalCluster(size = 3): Promise<LocalCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'task-store-cluster-'));
  const ports: number[] = [];
  let servers: ChildProcess[] = [];
  const kill = async (): Promise<void> => {
    await Promise.all(
      servers.map(async (server) => {
        if (server.exitCode !== null || server.signalCode !== null) return;
        server.kill('SIGKILL');
        await once(server, 'exit');
      }),
    );
    servers = [];
  };
  const startAll = async (): Promise<void> => {
    for (let i = 0; i < size; i++) servers.push(await startNode(dir, ports[i], ports[size + i], i));
  };
  const stop = async (): Promise<void> => {
    await kill();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    while (ports.length < size * 2) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const nodes = ports.slice(0, size).map((port) => ({ host: '127.0.0.1', port }));
    await startAll();
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes.map((node) => `${node.host}:${node.port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitForClusterOk(nodes, 15_000);
    return {
      nodes,
      kill,
      restart: async () => {
        await startAll();
        await waitForClusterOk(nodes, 15_000);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
