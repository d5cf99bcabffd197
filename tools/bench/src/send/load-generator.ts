import { Agent, request } from 'node:http';
import type { RoleChannel } from '../bench-process.js';
import { SampleBuffer } from '../latency-stats.js';

/** Parameters of the load role. */
export interface LoadParams {
  /** Concurrent keep-alive connections, each with one request in flight. */
  readonly connections: number;
}

/** One stretch of load against one server (a `run` message). */
export interface LoadRun {
  readonly port: number;
  /** Requests that end within this first stretch are not counted. */
  readonly warmupSeconds: number;
  readonly seconds: number;
}

/** What one load run measured, over the measured window only. */
export interface LoadResult {
  readonly completed: number;
  readonly failed: number;
  readonly seconds: number;
  /** Requests the server answered over the whole run (warm-up and stragglers included, any outcome). */
  readonly answered: number;
  /** Latency of every completed request, ms, ascending. */
  readonly samples: number[];
  /** The first failure, to tell a broken setup from a slow one. */
  readonly firstFailure?: string;
}

/**
 * The load generator, in its own process: `connections` loops, each sending blocking v1.0
 * JSON-RPC `SendMessage` requests back to back over its keep-alive connection. Requests that end
 * during the warm-up are not counted; a request counts as failed unless the answer is HTTP 200
 * with a completed task. Each `run` message is one stretch of load on fresh connections, answered
 * with its `result`.
 */
export async function loadRole(params: LoadParams, channel: RoleChannel): Promise<void> {
  for (;;) {
    const message = await channel.next();
    if (message.type === 'stop') return;
    if (message.type !== 'run') continue;
    const result = await generateLoad(params.connections, message as unknown as LoadRun);
    channel.send({ type: 'result', ...result });
  }
}

/**
 * Numbers the messages of every run of this process: a messageId seen before would make the server
 * answer with the task it already created (idempotent send) instead of running a new one.
 */
let sequence = 0;

async function generateLoad(connections: number, params: LoadRun): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latency = new SampleBuffer();
  let completed = 0;
  let failed = 0;
  let answered = 0;
  let firstFailure: string | undefined;
  const measureFrom = performance.now() + params.warmupSeconds * 1000;
  const end = measureFrom + params.seconds * 1000;

  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const n = ++sequence;
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: n,
        method: 'SendMessage',
        params: {
          message: {
            messageId: `m-${process.pid}-${n}`,
            role: 'ROLE_USER',
            parts: [{ text: 'check stock of SKU-1001' }],
          },
        },
      });
      const t0 = performance.now();
      let outcome: string | undefined;
      try {
        const { status, text } = await post(agent, params.port, body);
        answered += 1;
        if (status !== 200 || !text.includes('"TASK_STATE_COMPLETED"'))
          outcome = `HTTP ${status}: ${text.slice(0, 300)}`;
      } catch (err) {
        outcome = err instanceof Error ? err.message : String(err);
      }
      const t1 = performance.now();
      if (t1 < measureFrom || t1 > end) continue;
      if (outcome === undefined) {
        completed += 1;
        latency.push(t1 - t0);
      } else {
        failed += 1;
        firstFailure ??= outcome;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  agent.destroy();
  const samples = Array.from(latency.sorted(), (x) => Math.round(x * 1000) / 1000);
  return { completed, failed, answered, seconds: params.seconds, samples, firstFailure };
}

function post(agent: Agent, port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'a2a-version': '1.0',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
