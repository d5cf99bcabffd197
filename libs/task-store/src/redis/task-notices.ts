import type { Cluster, Redis } from 'ioredis';
import type { TaskState } from '@a2a-platform/a2a-protocol';

/** Largest event JSON (bytes) a notice carries; a larger event is read from the stream. */
export const NOTICE_EVENT_BYTES = 16_384;

/**
 * A "task changed" notice, published by every change script as `<eventId> <state> <taskId>`, followed,
 * when the event is at most {@link NOTICE_EVENT_BYTES}, by `\n<previous event id or ->\n<event JSON>`.
 * Task ids never contain a line break (the store refuses them).
 */
export interface TaskNotice {
  readonly taskId: string;
  readonly state: TaskState;
  readonly eventId: string;
  /** The event, when the notice carries it: the id before it ('' for the first) and its JSON. */
  readonly inline?: { readonly previousId: string; readonly json: string };
}

/** Parses a notice; undefined for anything else on the channel. */
export function parseNotice(message: string): TaskNotice | undefined {
  const lineEnd = message.indexOf('\n');
  const header = lineEnd < 0 ? message : message.slice(0, lineEnd);
  const first = header.indexOf(' ');
  const second = first < 0 ? -1 : header.indexOf(' ', first + 1);
  if (second < 0) return undefined;
  const notice = {
    eventId: header.slice(0, first),
    state: header.slice(first + 1, second) as TaskState,
    taskId: header.slice(second + 1),
  };
  if (lineEnd < 0) return notice;
  const previousEnd = message.indexOf('\n', lineEnd + 1);
  if (previousEnd < 0) return notice;
  const previous = message.slice(lineEnd + 1, previousEnd);
  return {
    ...notice,
    inline: { previousId: previous === '-' ? '' : previous, json: message.slice(previousEnd + 1) },
  };
}

/** Where the notices connection comes from; `owned` connections are closed with the store. */
export interface NoticeConnection {
  readonly connection: Redis | Cluster;
  readonly owned: boolean;
}

/**
 * The one subscriber connection of a store instance and the local listeners it feeds: watchers
 * are woken by any notice of their task, cancel listeners by a notice whose state is canceled.
 * After the connection comes back, every listener is told to catch up (`onReconnect`), because
 * notices published while it was down are lost.
 */
export class TaskNotices {
  private readonly wakers = new Map<string, Set<(notice?: TaskNotice) => void>>();
  private readonly cancelListeners = new Map<string, Set<() => void>>();
  private connection: NoticeConnection | undefined;
  private subscription: Promise<void> | undefined;
  private confirmed = false;
  private closed = false;
  private readonly onMessage = (channel: string, message: string): void => {
    if (channel === this.channel) this.dispatch(message);
  };
  // Swallowed here: commands report the failure, and ioredis keeps reconnecting.
  private readonly onConnectionError = (): void => undefined;
  private readonly onReady = (): void => this.resubscribed();

  constructor(
    private readonly open: () => NoticeConnection,
    private readonly channel: string,
    private readonly onReconnect: (cancelWatched: string[]) => void,
  ) {}

  /** true once the channel subscription has been confirmed. */
  get subscribed(): boolean {
    return this.confirmed;
  }

  /** Subscribes the channel once; later calls share the result (a failure is retried next call). */
  subscribe(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('Connection is closed.'));
    this.subscription ??= this.start().catch((err: unknown) => {
      this.subscription = undefined;
      throw err;
    });
    return this.subscription;
  }

  /**
   * Calls `wake` with every notice of the task until the returned function is called; without a notice
   * when the watcher must catch up by reading (after a reconnect, or at close).
   */
  addWaker(taskId: string, wake: (notice?: TaskNotice) => void): () => void {
    return addTo(this.wakers, taskId, wake);
  }

  /** Calls `listener` when a notice says the task is canceled, until the returned function is called. */
  addCancelListener(taskId: string, listener: () => void): () => void {
    return addTo(this.cancelListeners, taskId, listener);
  }

  /** Fires the cancel listeners of a task (each once at most per call). */
  fireCancel(taskId: string): void {
    for (const listener of [...(this.cancelListeners.get(taskId) ?? [])]) {
      try {
        listener();
      } catch {
        // One failing listener must not keep the others from seeing the cancel.
      }
    }
  }

  /** Wakes every watcher (at close, so their loops see it and end). */
  wakeAll(): void {
    for (const wakers of [...this.wakers.values()]) for (const wake of [...wakers]) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const current = this.connection;
    this.connection = undefined;
    if (!current) return;
    current.connection.off('message', this.onMessage);
    current.connection.off('ready', this.onReady);
    current.connection.off('error', this.onConnectionError);
    if (current.owned) {
      current.connection.disconnect();
    } else {
      await current.connection.unsubscribe(this.channel).catch(() => undefined);
    }
  }

  private async start(): Promise<void> {
    if (!this.connection) {
      this.connection = this.open();
      this.connection.connection.on('message', this.onMessage);
      this.connection.connection.on('error', this.onConnectionError);
      this.connection.connection.on('ready', this.onReady);
    }
    await this.connection.connection.subscribe(this.channel);
    this.confirmed = true;
  }

  /** After a reconnect: once subscribed again, everyone re-reads what the gap may have hidden. */
  private resubscribed(): void {
    const current = this.connection;
    if (!this.confirmed || this.closed || !current) return;
    // Our own SUBSCRIBE answers after ioredis's automatic one: once it has, nothing more is missed.
    current.connection
      .subscribe(this.channel)
      .then(() => {
        this.wakeAll();
        this.onReconnect([...this.cancelListeners.keys()]);
      })
      .catch(() => undefined);
  }

  private dispatch(message: string): void {
    const notice = parseNotice(message);
    if (!notice) return;
    for (const wake of [...(this.wakers.get(notice.taskId) ?? [])]) wake(notice);
    if (notice.state === 'TASK_STATE_CANCELED') this.fireCancel(notice.taskId);
  }
}

function addTo<F extends (...args: never[]) => void>(
  map: Map<string, Set<F>>,
  taskId: string,
  fn: F,
): () => void {
  let set = map.get(taskId);
  if (!set) map.set(taskId, (set = new Set()));
  const own = set;
  const wrapped = ((...args: Parameters<F>) => fn(...args)) as F;
  own.add(wrapped);
  return () => {
    own.delete(wrapped);
    if (own.size === 0 && map.get(taskId) === own) map.delete(taskId);
  };
}
