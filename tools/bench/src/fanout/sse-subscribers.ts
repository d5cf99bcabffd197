import { Agent, request, type ClientRequest } from 'node:http';
import { SampleBuffer, type LatencySummary } from '../latency-stats.js';
import { waitForDeliveries } from '../process-heap.js';
import { SENT_AT } from './event-stamp.js';

/** What the SSE clients saw. */
export interface SseDeliveries {
  readonly received: number;
  readonly errors: number;
  readonly latency: LatencySummary;
}

interface StreamItemWire {
  result?: { task?: unknown; statusUpdate?: { metadata?: Record<string, unknown> } };
  error?: unknown;
}

/**
 * Real SSE clients of an agent server: one `SubscribeToTask` JSON-RPC stream per task id given,
 * each reading events as they come and timing status updates against their write stamp.
 */
export class SseSubscribers {
  private readonly agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  private readonly requests: ClientRequest[] = [];
  private readonly latency = new SampleBuffer();
  private errors = 0;

  private constructor(private readonly port: number) {}

  /** Opens the streams, `batch` at a time, and resolves once every one has received its task snapshot. */
  static async open(port: number, taskIds: readonly string[], batch = 100): Promise<SseSubscribers> {
    const subscribers = new SseSubscribers(port);
    for (let i = 0; i < taskIds.length; i += batch) {
      await Promise.all(taskIds.slice(i, i + batch).map((id) => subscribers.subscribe(id)));
    }
    return subscribers;
  }

  /** Waits until `expected` updates arrived, or none came for `quietMs`. */
  async collect(expected: number, quietMs: number): Promise<SseDeliveries> {
    await waitForDeliveries(() => this.latency.length, expected, quietMs);
    return { received: this.latency.length, errors: this.errors, latency: this.latency.summary() };
  }

  close(): void {
    for (const req of this.requests) req.destroy();
    this.agent.destroy();
  }

  private subscribe(taskId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: taskId,
        method: 'SubscribeToTask',
        params: { id: taskId },
      });
      const timer = setTimeout(() => reject(new Error(`no snapshot for task ${taskId} within 30 s`)), 30_000);
      const req = request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            accept: 'text/event-stream',
            'a2a-version': '1.0',
          },
        },
        (res) => {
          if (res.statusCode !== 200) {
            clearTimeout(timer);
            reject(new Error(`SubscribeToTask ${taskId}: HTTP ${res.statusCode}`));
            return;
          }
          res.setEncoding('utf8');
          let pending = '';
          res.on('data', (chunk: string) => {
            pending += chunk;
            let end: number;
            while ((end = pending.indexOf('\n\n')) >= 0) {
              const item = dataOf(pending.slice(0, end));
              pending = pending.slice(end + 2);
              if (!item) continue;
              if (item.result?.task) {
                clearTimeout(timer);
                resolve();
              }
              const stamp = item.result?.statusUpdate?.metadata?.[SENT_AT];
              if (typeof stamp === 'string')
                this.latency.push(Number(process.hrtime.bigint() - BigInt(stamp)) / 1e6);
              if (item.error) this.errors += 1;
            }
          });
          res.on('error', () => undefined);
        },
      );
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.end(body);
      this.requests.push(req);
    });
  }
}

/** The JSON of the `data:` lines of one SSE event block, or undefined (comments, heartbeats). */
function dataOf(block: string): StreamItemWire | undefined {
  const data = block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
    .join('\n');
  return data === '' ? undefined : (JSON.parse(data) as StreamItemWire);
}
