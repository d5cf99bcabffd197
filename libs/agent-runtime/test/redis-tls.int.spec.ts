import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@a2a-platform/a2a-protocol';
import { rpc, textMessage } from './support/a2a-calls.js';
import { freePort, startChild, stopAll } from './support/child-processes.js';
import { bundleFixtures, type FixtureBundle } from './support/fixture-bundle.js';
import { redisToolsMissing, startAgent } from './support/instances.js';

// REDIS_URL=rediss://: an agent process on a redis-server that only speaks TLS (no plain port at all),
// trusting the server's self-signed certificate through NODE_EXTRA_CA_CERTS.
const missing = redisToolsMissing(['redis-server', 'openssl']);
const describeTls = missing ? describe.skip : describe;
if (missing) {
  console.warn(`Skipping the Redis TLS test: ${missing}`);
}

let dir: string;
let bundle: FixtureBundle;

describeTls('an agent on Redis over TLS', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-runtime-tls-'));
    bundle = await bundleFixtures(['test-agent-main']);
  }, 30_000);

  afterAll(async () => {
    await stopAll();
    await bundle?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('connects with rediss://, verifies the certificate, and serves tasks', async () => {
    const cert = join(dir, 'redis.crt');
    const key = join(dir, 'redis.key');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'],
        ...['-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
    const port = await freePort();
    const redis = startChild('redis-tls', 'redis-server', [
      ...['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1'],
      ...['--tls-cert-file', cert, '--tls-key-file', key, '--tls-auth-clients', 'no'],
      ...['--save', '', '--appendonly', 'no'],
    ]);
    await redis.waitForOutput('Ready to accept connections', 10_000);

    const agent = await startAgent(bundle, 'agent', {
      REDIS_URL: `rediss://127.0.0.1:${port}`,
      REDIS_KEY_PREFIX: 'tls',
      NODE_EXTRA_CA_CERTS: cert,
    });
    expect((await fetch(`${agent.url}/ready`)).status).toBe(200);
    const { body } = await rpc<{ task: Task }>(
      agent.url,
      'SendMessage',
      textMessage('work 2', { returnImmediately: false }),
    );
    expect(body.result?.task.status.state).toBe('TASK_STATE_COMPLETED');

    // Without trusting the certificate the connection is refused: TLS is really verified.
    const untrusting = await startAgent(bundle, 'untrusting', {
      REDIS_URL: `rediss://127.0.0.1:${port}`,
      REDIS_KEY_PREFIX: 'tls',
    });
    expect((await fetch(`${untrusting.url}/ready`)).status).toBe(503);
  }, 30_000);
});
