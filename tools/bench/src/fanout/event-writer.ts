import { RedisTaskStore } from '@a2a-platform/task-store';
import type { RoleChannel, RoleMessage } from '../bench-process.js';
import { benchRedis } from '../scratch-keyspace.js';
import { FANOUT_SCOPE, stampNow } from './event-stamp.js';

/** Parameters of the writer role (instance A). */
export interface EventWriterParams {
  readonly redisUrl: string;
  readonly prefix: string;
}

interface CreateMessage extends RoleMessage {
  readonly taskIds: string[];
  readonly contextId: string;
}

interface WriteMessage extends RoleMessage {
  readonly taskIds: string[];
  readonly events: number;
  readonly rate: number;
  /** Publish bare stamps on this channel instead of changing tasks (the raw pub/sub floor). */
  readonly rawChannel?: string;
}

const MAX_IN_FLIGHT = 256;

/**
 * Instance A of the fan-out benchmark, in its own process with its own store and connection:
 * creates the tasks, then writes status updates to them round-robin at a fixed rate, each stamped
 * with the time of the write. For the baseline it publishes bare stamps on a channel instead.
 */
export async function eventWriterRole(params: EventWriterParams, channel: RoleChannel): Promise<void> {
  const client = benchRedis(params.redisUrl);
  const store = new RedisTaskStore({ client, prefix: params.prefix });
  try {
    for (;;) {
      const next = await channel.next();
      if (next.type === 'stop') return;
      if (next.type === 'create') {
        await createTasks(store, next as CreateMessage);
        channel.send({ type: 'created' });
      } else if (next.type === 'write') {
        const order = next as WriteMessage;
        const raw = order.rawChannel;
        const write = raw
          ? () => client.publish(raw, String(process.hrtime.bigint()))
          : (k: number) =>
              store.transition(order.taskIds[k % order.taskIds.length], FANOUT_SCOPE, {
                status: { state: 'TASK_STATE_WORKING' },
                eventMetadata: stampNow(),
              });
        channel.send({ type: 'written', ...(await writeEvents(write, order)) });
      }
    }
  } finally {
    await store.close();
    client.disconnect();
  }
}

async function createTasks(store: RedisTaskStore, { taskIds, contextId }: CreateMessage): Promise<void> {
  for (let i = 0; i < taskIds.length; i += 100) {
    await Promise.all(
      taskIds.slice(i, i + 100).map((id) =>
        store.create({
          scope: FANOUT_SCOPE,
          task: { id, contextId, status: { state: 'TASK_STATE_WORKING' } },
        }),
      ),
    );
  }
}

/** Calls `write(k)` for k = 0..events-1 at `rate` per second, without waiting for one to finish. */
async function writeEvents(
  write: (k: number) => Promise<unknown>,
  { events, rate }: WriteMessage,
): Promise<{ written: number; errors: number; seconds: number }> {
  const interval = 1000 / rate;
  const inFlight = new Set<Promise<void>>();
  let written = 0;
  let errors = 0;
  const started = performance.now();
  for (let k = 0; k < events; k++) {
    const wait = started + k * interval - performance.now();
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const change = write(k).then(
      () => void (written += 1),
      () => void (errors += 1),
    );
    inFlight.add(change);
    void change.finally(() => inFlight.delete(change));
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { written, errors, seconds: (performance.now() - started) / 1000 };
}
