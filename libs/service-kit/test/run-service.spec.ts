import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

// Black-box, as STACK.md asks for OTel: a real process with the telemetry bootstrap, stopped by SIGTERM.
const workspaceRoot = resolve(__dirname, '../../..');
const serviceKitDist = resolve(__dirname, '../dist/index.js');

/** A service as the apps write one: runService, one traced route; it sends itself SIGTERM once served. */
const SERVICE = `
import Fastify from 'fastify';
import { runService, ServiceLifecycle } from '@a2a-platform/service-kit';
import { fastifyOtelPlugin } from '@a2a-platform/telemetry';
const app = Fastify({ logger: false });
await app.register(fastifyOtelPlugin());
app.get('/work', async () => ({ ok: true }));
await runService({ app, lifecycle: new ServiceLifecycle(), port: 0, host: '127.0.0.1' });
const { port } = app.server.address();
await (await fetch('http://127.0.0.1:' + port + '/work')).text();
process.kill(process.pid, 'SIGTERM');
`;

interface Received {
  spanNames: string[];
}

/** Counts the span names posted to /v1/traces (OTLP/JSON). */
async function startReceiver(): Promise<{ url: string; received: Received; server: Server }> {
  const received: Received = { spanNames: [] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        for (const match of body.matchAll(/"name":"([^"]*)"/g)) received.spanNames.push(match[1]);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, server };
}

function runChild(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', '@a2a-platform/telemetry/register', '--input-type=module', '-e', SERVICE],
      {
        cwd: workspaceRoot,
        env: { PATH: process.env['PATH'] ?? '', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(killer);
      done({ code, stderr });
    });
  });
}

describe('runService on SIGTERM', () => {
  beforeAll(() => {
    if (!existsSync(serviceKitDist)) throw new Error(`${serviceKitDist} is missing: build service-kit first`);
  });

  it('exits 0 after flushing the spans the batch processor still held', async () => {
    const { url, received, server } = await startReceiver();
    try {
      const child = await runChild({
        SERVICE_NAME: 'run-service-spec',
        OTEL_EXPORTER_OTLP_ENDPOINT: url,
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', // the receiver above reads JSON
        // Far beyond the test: only the shutdown flush can send the span before the process exits.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
      });
      expect(child).toEqual({ code: 0, stderr: '' });
      expect(received.spanNames).toContain('GET');
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  }, 30_000);
});
