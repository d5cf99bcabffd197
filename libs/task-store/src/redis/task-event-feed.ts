import type { StreamResponse } from '@a2a-platform/a2a-protocol';
import type { Cluster, Redis } from 'ioredis';
import { TaskStoreError, type ReadEventsResult, type TaskEvent, type WatchOptions } from '../task-store.js';
import { toStoreError } from './store-errors.js';
import type { TaskKeyspace } from './task-keys.js';
import type { TaskNotice, TaskNotices } from './task-notices.js';
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
  readonly wakers: Set<(announced?: AnnouncedEvent) => void>;
  /** Reads in flight by cursor, with the `seq` they were sent at. */
  readonly reads: Map<string, { seq: number; result: Promise<ReadEventsResult> }>;
  readonly unlisten: () => void;
}

/**
 * Reading a task's event stream: replay with the read-events script, and live watches fed by the
 * store's notices. A notice carries its event and the id of the one before it (unless the event is
 * large): a watch whose cursor is that id delivers the event at once, without a read. Otherwise (a
 * gap, a large event, a reconnect) it reads `XRANGE (<last id> +`, so wake-ups can be merged or
 * repeated without gaps or duplicates, and the first read after subscribing catches up on anything
 * appended before the subscription took hold.
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
    // Events announced with their notice, in arrival order; read from the stream only when they do not
    // follow on from the cursor (a gap, an event too large to announce, a reconnect).
    const inbox: AnnouncedEvent[] = [];
    let mustRead = true;
    let wake: (() => void) | undefined;
    const removeWaker = this.addWaker(taskId, (announced) => {
      // A reader that does not keep up gets its events from the stream instead: the inbox stays bounded.
      if (announced && inbox.length < WATCH_BATCH) {
        inbox.push(announced);
      } else {
        inbox.length = 0;
        mustRead = true;
      }
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
        // Announced events the cursor has passed (read from the stream meanwhile) are dropped.
        while (inbox.length > 0 && compareEventIds(inbox[0].event.id, cursor) <= 0) inbox.shift();
        if (!mustRead && inbox.length > 0) {
          // A gap (a notice lost, or an event too large to announce): the stream has it.
          if (inbox[0].previousId !== cursor) {
            mustRead = true;
            continue;
          }
          const { event } = inbox.shift() as AnnouncedEvent;
          yield event;
          cursor = event.id;
          continue;
        }
        if (mustRead) {
          mustRead = false;
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
          if (events.length === WATCH_BATCH) mustRead = true;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (mustRead || inbox.length > 0 || signal?.aborted || this.closed) resolve();
        });
        wake = undefined;
      }
    } finally {
      removeWaker();
      signal?.removeEventListener('abort', onAbort);
      this.openWatches--;
    }
  }

  /**
   * Registers a watch on the task's shared notice listener: `wake` gets the event a notice carries
   * (parsed once for all the task's watches), or nothing when the watch must read the stream.
   */
  private addWaker(taskId: string, wake: (announced?: AnnouncedEvent) => void): () => void {
    let task = this.watches.get(taskId);
    if (!task) {
      const created: TaskWatches = {
        seq: 0,
        wakers: new Set(),
        reads: new Map(),
        unlisten: this.notices.addWaker(taskId, (notice) => {
          created.seq++;
          const announced = announcedEvent(notice);
          for (const waker of [...created.wakers]) waker(announced);
        }),
      };
      this.watches.set(taskId, (task = created));
    }
    const own = task;
    const entry = (announced?: AnnouncedEvent): void => wake(announced);
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

/** An event a notice carried, with the id of the event before it in the stream. */
interface AnnouncedEvent {
  readonly event: TaskEvent;
  readonly previousId: string;
}

/** The event a notice carries, parsed; undefined when it carries none (the watch reads the stream). */
function announcedEvent(notice: TaskNotice | undefined): AnnouncedEvent | undefined {
  if (!notice?.inline) return undefined;
  try {
    const event = JSON.parse(notice.inline.json) as StreamResponse;
    return { event: { id: notice.eventId, event }, previousId: notice.inline.previousId };
  } catch {
    return undefined;
  }
}

/** Orders two stream entry ids (`<ms>-<seq>`, each up to 20 digits); '' comes before every id. */
function compareEventIds(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? -1 : 1;
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am < bm || (am === bm && as < bs) ? -1 : 1;
}

function eventOf([id, fields]: [string, string[]]): TaskEvent {
  const at = fields.indexOf('e');
  return { id, event: JSON.parse(fields[at + 1]) as StreamResponse };
}
