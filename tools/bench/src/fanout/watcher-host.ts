import { setMaxListeners } from 'node:events';
import { RedisTaskStore } from '@a2a-platform/task-store';
import type { RoleChannel, RoleMessage } from '../bench-process.js';
import { SampleBuffer } from '../latency-stats.js';
import { benchRedis } from '../scratch-keyspace.js';
import { stampOf } from './event-stamp.js';
import { heapAfterGc, waitFor, waitForDeliveries } from '../process-heap.js';

/** Parameters of the watcher role (instance B). */
export interface WatcherHostParams {
  readonly redisUrl: string;
  readonly prefix: string;
}

interface WatchMessage extends RoleMessage {
  /** One task id per watcher. */
  readonly taskIds: string[];
}

interface ListenMessage extends RoleMessage {
  /** Channel of the raw pub/sub baseline: each message is a bare stamp. */
  readonly channel: string;
}

interface CollectMessage extends RoleMessage {
  readonly expected: number;
  /** Give up waiting after this long without a new delivery. */
  readonly quietMs: number;
}

/**
 * Instance B of the fan-out benchmark: its own process, store and connections, holding one
 * `watch()` loop per watcher. Measures the heap the idle watchers take, then the delay between each
 * event's write on A (its stamp) and its delivery to each watcher here. For the baseline it
 * subscribes to a plain channel instead and times bare published stamps.
 */
export async function watcherHostRole(params: WatcherHostParams, channel: RoleChannel): Promise<void> {
  const client = benchRedis(params.redisUrl);
  const store = new RedisTaskStore({ client, prefix: params.prefix });
  const controller = new AbortController();
  // Every watch loop listens on this one signal.
  setMaxListeners(0, controller.signal);
  const latency = new SampleBuffer();
  let errors = 0;
  const loops: Promise<void>[] = [];
  const subscriber = client.duplicate();
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel: string, stamp: string) => {
    latency.push(Number(process.hrtime.bigint() - BigInt(stamp)) / 1e6);
  });

  const follow = async (taskId: string): Promise<void> => {
    try {
      for await (const { event } of store.watch(taskId, { signal: controller.signal })) {
        const sent = stampOf(event);
        if (sent !== undefined) latency.push(Number(process.hrtime.bigint() - sent) / 1e6);
      }
    } catch {
      errors += 1;
    }
  };

  try {
    for (;;) {
      const message = await channel.next();
      if (message.type === 'stop') return;
      if (message.type === 'watch') {
        const { taskIds } = message as WatchMessage;
        const before = await heapAfterGc();
        for (const taskId of taskIds) loops.push(follow(taskId));
        await waitFor(() => store.watcherCount === taskIds.length, 30_000);
        // Let every loop finish its first read and go idle before weighing them.
        await client.ping();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const after = await heapAfterGc();
        channel.send({ type: 'watching', watchers: store.watcherCount, heapBytes: after - before });
      } else if (message.type === 'listen') {
        await subscriber.subscribe((message as ListenMessage).channel);
        channel.send({ type: 'listening' });
      } else if (message.type === 'collect') {
        const { expected, quietMs } = message as CollectMessage;
        await waitForDeliveries(() => latency.length, expected, quietMs);
        channel.send({ type: 'collected', received: latency.length, errors, latency: latency.summary() });
      }
    }
  } finally {
    controller.abort();
    await store.close();
    await Promise.all(loops);
    subscriber.disconnect();
    client.disconnect();
  }
}
