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

/** The watches of one task in this process, sharing one notice listener and their reads. */
interface TaskWatches {
  /** Notices (and forced wake-ups) seen for the task so far. */
  seq: number;
  readonly wakers: Set<() => void>;
  /** Reads in flight by cursor, with the `seq` they were sent at. */
  readonly reads: Map<string, { seq: number; result: Promise<ReadEventsResult> }>;
  readonly unlisten: () => void;
}

/**
 * Reading a task's event stream: replay with the read-events script, and live watches woken by the
 * store's notices. A woken watch reads `XRANGE (<last id> +`, so wake-ups can be merged or repeated
 * without gaps or duplicates, and the first read after subscribing catches up on anything appended
 * before the subscription took hold.
 *
 * Watches of one task share their reads: a watch that needs the events after a cursor joins a read
 * of the same cursor already in flight, if that read was sent after the latest notice of the task
 * (so it sees every event announced so far). N watches woken by one notice cost one read, and they
 * get the same event objects (read-only by the contract).
 */
export class TaskEventFeed {
  private openWatches = 0;
  private closed = false;
  private readonly watches = new Map<string, TaskWatches>();

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
    const removeWaker = this.addWaker(taskId, () => {
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
        const { events, trimmed } = await this.sharedRead(taskId, cursor).catch(unavailable);
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

  /** Registers a watch's wake-up on the task's shared notice listener. */
  private addWaker(taskId: string, wake: () => void): () => void {
    let task = this.watches.get(taskId);
    if (!task) {
      const created: TaskWatches = {
        seq: 0,
        wakers: new Set(),
        reads: new Map(),
        unlisten: this.notices.addWaker(taskId, () => {
          created.seq++;
          for (const waker of [...created.wakers]) waker();
        }),
      };
      this.watches.set(taskId, (task = created));
    }
    const own = task;
    const entry = (): void => wake();
    own.wakers.add(entry);
    return () => {
      own.wakers.delete(entry);
      if (own.wakers.size > 0) return;
      own.unlisten();
      if (this.watches.get(taskId) === own) this.watches.delete(taskId);
    };
  }

  /** The next batch after `cursor`, joining a read of the same cursor that already sees every notice. */
  private sharedRead(taskId: string, cursor: string): Promise<ReadEventsResult> {
    const task = this.watches.get(taskId);
    if (!task) return this.read(taskId, cursor, WATCH_BATCH);
    const inFlight = task.reads.get(cursor);
    if (inFlight && inFlight.seq === task.seq) return inFlight.result;
    const result = this.read(taskId, cursor, WATCH_BATCH);
    task.reads.set(cursor, { seq: task.seq, result });
    const forget = (): void => {
      if (task.reads.get(cursor)?.result === result) task.reads.delete(cursor);
    };
    result.then(forget, forget);
    return result;
  }
}

function eventOf([id, fields]: [string, string[]]): TaskEvent {
  const at = fields.indexOf('e');
  return { id, event: JSON.parse(fields[at + 1]) as StreamResponse };
}
