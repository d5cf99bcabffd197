import type { StreamResponse } from '@a2a-platform/a2a-protocol';
import type { Cluster, Redis } from 'ioredis';
import { TaskStoreError, type ReadEventsResult, type TaskEvent, type WatchOptions } from '../task-store.js';
import { toStoreError } from './store-errors.js';
import type { TaskKeyspace } from './task-keys.js';
import type { TaskNotices } from './task-notices.js';
import { TASK_SCRIPTS } from './task-scripts.js';

const WATCH_BATCH = 100;
const EVENT_ID = /^\d{1,20}-\d{1,20}$/;

/** Throws INVALID_CURSOR unless `id` is '' or a stream entry id. */
export function checkEventId(id: string): void {
  if (id !== '' && !EVENT_ID.test(id))
    throw new TaskStoreError('INVALID_CURSOR', `"${id}" is not an event id`);
}

/**
 * Reading a task's event stream: replay with the read-events script, and live watches woken by the
 * store's notices. A woken watch reads `XRANGE (<last id> +`, so wake-ups can be merged or repeated
 * without gaps or duplicates, and the first read after subscribing catches up on anything appended
 * before the subscription took hold.
 */
export class TaskEventFeed {
  private openWatches = 0;
  private closed = false;

  constructor(
    private readonly client: Redis | Cluster,
    private readonly keys: TaskKeyspace,
    private readonly notices: TaskNotices,
    private readonly now: () => number,
  ) {}

  /** Watch loops currently open. */
  get watcherCount(): number {
    return this.openWatches;
  }

  /** Events after `after` (at most `count`, 0 for all) and whether some after it were trimmed. */
  async read(taskId: string, after: string, count: number): Promise<ReadEventsResult> {
    const keys = this.keys.task(taskId);
    const [trimmed, entries] = (await TASK_SCRIPTS.readEvents.run(
      this.client,
      [keys.task, keys.events],
      [this.now(), after, count],
    )) as [number, [string, string[]][]];
    return { trimmed: trimmed === 1, events: entries.map(eventOf) };
  }

  watch(taskId: string, options: WatchOptions): AsyncIterable<TaskEvent> {
    // "From now on" is fixed at the call: the read is queued before any later command of this process.
    const start = options.after === undefined ? this.lastEventId(taskId) : Promise.resolve(options.after);
    const subscribed = this.closed ? Promise.resolve() : this.notices.subscribe();
    start.catch(() => undefined);
    subscribed.catch(() => undefined);
    return this.follow(taskId, start, subscribed, options.signal);
  }

  /** Ends every watch loop (the notices' close wakes the waiting ones). */
  close(): void {
    this.closed = true;
  }

  private async lastEventId(taskId: string): Promise<string> {
    const last = await this.client.xrevrange(this.keys.task(taskId).events, '+', '-', 'COUNT', 1);
    return last.length > 0 ? last[0][0] : '';
  }

  private async *follow(
    taskId: string,
    start: Promise<string>,
    subscribed: Promise<void>,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<TaskEvent> {
    if (signal?.aborted || this.closed) return;
    let dirty = true;
    let wake: (() => void) | undefined;
    const removeWaker = this.notices.addWaker(taskId, () => {
      dirty = true;
      wake?.();
    });
    const onAbort = (): void => wake?.();
    signal?.addEventListener('abort', onAbort);
    this.openWatches++;
    const unavailable = (err: unknown): Promise<never> => Promise.reject(toStoreError(err, taskId));
    try {
      let cursor = await start.catch(unavailable);
      checkEventId(cursor);
      await subscribed.catch(unavailable);
      while (!signal?.aborted && !this.closed) {
        dirty = false;
        const { events, trimmed } = await this.read(taskId, cursor, WATCH_BATCH).catch(unavailable);
        if (trimmed) {
          const message = `events of task ${taskId} after "${cursor}" were trimmed`;
          throw new TaskStoreError('TRIMMED', message, { taskId });
        }
        for (const event of events) {
          if (signal?.aborted || this.closed) return;
          yield event;
          cursor = event.id;
        }
        if (events.length === WATCH_BATCH || dirty) continue;
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (dirty || signal?.aborted || this.closed) resolve();
        });
        wake = undefined;
      }
    } finally {
      removeWaker();
      signal?.removeEventListener('abort', onAbort);
      this.openWatches--;
    }
  }
}

function eventOf([id, fields]: [string, string[]]): TaskEvent {
  const at = fields.indexOf('e');
  return { id, event: JSON.parse(fields[at + 1]) as StreamResponse };
}
