import {
  A2AError,
  A2A_ERRORS,
  isFinalForStream,
  isInterruptedState,
  isTerminalState,
  type StreamResponse,
  type Task,
  type TaskStatus,
} from '@a2a-platform/a2a-protocol';
import { A2ATransportError } from './client-errors.js';
import type { StreamItem } from './transport.js';

/** How a stream that drops before its task settles is resumed with SubscribeToTask. */
export interface ResumeOptions {
  /** Resubscriptions tried in a row without receiving an event. @defaultValue 3 */
  maxAttempts?: number;
  /** Wait before the first resubscription; doubles after each failed one. @defaultValue 200 */
  initialDelayMs?: number;
  /** @defaultValue 5000 */
  maxDelayMs?: number;
}

/** What the resumable stream needs from a transport. */
export interface ResumeSource {
  /** Opens the original stream. */
  open(): AsyncIterable<StreamItem>;
  /** Resubscribes to a task, passing the last SSE id seen. */
  subscribe(taskId: string, lastEventId: string | undefined): AsyncIterable<StreamItem>;
  /** Reads the task when it settled while we were away (subscribing to a terminal task is an error). */
  getTask(taskId: string): Promise<Task>;
}

/** Where the stream stands: the task it follows and the last state it delivered. */
class StreamProgress {
  taskId: string | undefined;
  lastEventId: string | undefined;
  final = false;
  /** The latest state delivered is interrupted (input or auth required). */
  interrupted = false;
  private statusKey: string | undefined;
  private readonly artifactIds = new Set<string>();

  constructor(taskId?: string) {
    this.taskId = taskId;
  }

  /** Records a delivered event; `interruptedEnds` is false only for a subscription's opening snapshot. */
  record(event: StreamResponse, interruptedEnds: boolean): void {
    const ends = (status: TaskStatus) =>
      interruptedEnds ? isFinalForStream(status.state) : isTerminalState(status.state);
    if ('message' in event) {
      this.final = true;
    } else if ('task' in event) {
      this.taskId = event.task.id;
      this.statusKey = JSON.stringify(event.task.status);
      for (const artifact of event.task.artifacts ?? []) this.artifactIds.add(artifact.artifactId);
      this.final = ends(event.task.status);
      this.interrupted = isInterruptedState(event.task.status.state);
    } else if ('statusUpdate' in event) {
      this.taskId = event.statusUpdate.taskId;
      this.statusKey = JSON.stringify(event.statusUpdate.status);
      this.final = ends(event.statusUpdate.status);
      this.interrupted = isInterruptedState(event.statusUpdate.status.state);
    } else {
      this.taskId = event.artifactUpdate.taskId;
      this.artifactIds.add(event.artifactUpdate.artifact.artifactId);
    }
  }

  /** A resubscription's opening snapshot that tells nothing new (same status, no unseen artifact). */
  isStaleSnapshot(task: Task): boolean {
    return (
      JSON.stringify(task.status) === this.statusKey &&
      (task.artifacts ?? []).every((a) => this.artifactIds.has(a.artifactId))
    );
  }
}

/**
 * Yields a stream's events and, when the connection drops (or the server closes it) before a terminal or
 * interrupted state, resubscribes to the task with bounded retries and exponential backoff. The
 * resubscription's opening Task snapshot is skipped when it adds nothing to what was delivered.
 */
export async function* resumableStream(
  source: ResumeSource,
  options: { url: string; resume: ResumeOptions | false; signal?: AbortSignal; subscribeTaskId?: string },
): AsyncGenerator<StreamResponse, void, undefined> {
  const maxAttempts = options.resume === false ? 0 : (options.resume.maxAttempts ?? 3);
  const initialDelay = options.resume === false ? 0 : (options.resume.initialDelayMs ?? 200);
  const maxDelay = options.resume === false ? 0 : (options.resume.maxDelayMs ?? 5000);
  const progress = new StreamProgress(options.subscribeTaskId);
  let stream = source.open();
  let resumed = false;
  let attempts = 0;
  for (;;) {
    let lost: unknown;
    let first = true;
    try {
      for await (const item of stream) {
        if (item.id !== undefined) progress.lastEventId = item.id;
        const opening = first;
        first = false;
        if (resumed && opening && 'task' in item.event && progress.isStaleSnapshot(item.event.task)) continue;
        // A subscription's first snapshot in an interrupted state does not end it: the task may resume.
        const interruptedEnds = !(opening && !resumed && options.subscribeTaskId !== undefined);
        progress.record(item.event, interruptedEnds);
        attempts = 0;
        yield item.event;
        if (progress.final) return;
      }
      // An interrupted state closes a stream (the server may also keep a subscription open until the
      // task resumes): a clean end there is the end, not a lost connection.
      if (progress.interrupted) return;
      lost = new A2ATransportError(
        'STREAM_LOST',
        `The event stream from ${options.url} ended before the task settled`,
        {
          url: options.url,
        },
      );
    } catch (err) {
      if (resumed && progress.taskId && isTerminalTaskRefusal(err)) {
        // The task settled while we were away; SubscribeToTask refuses terminal tasks.
        const task = await source.getTask(progress.taskId);
        if (!isTerminalState(task.status.state)) throw err;
        if (!progress.isStaleSnapshot(task)) yield { task };
        return;
      }
      if (!isResumable(err)) throw err;
      lost = err;
    }
    if (progress.taskId === undefined || attempts >= maxAttempts) throw lost;
    attempts++;
    await sleep(backoff(attempts, initialDelay, maxDelay), options.signal);
    resumed = true;
    stream = source.subscribe(progress.taskId, progress.lastEventId);
  }
}

function isResumable(err: unknown): boolean {
  if (!(err instanceof A2ATransportError) || err.code === 'TIMEOUT') return false;
  if (err.code === 'STREAM_LOST' || err.code === 'NETWORK_ERROR') return true;
  return err.code === 'HTTP_ERROR' && err.status !== undefined && err.status >= 502 && err.status <= 504;
}

function isTerminalTaskRefusal(err: unknown): boolean {
  return err instanceof A2AError && err.code === A2A_ERRORS.UNSUPPORTED_OPERATION.code;
}

function backoff(attempt: number, initial: number, max: number): number {
  const exp = Math.min(max, initial * 2 ** (attempt - 1));
  return exp / 2 + Math.random() * (exp / 2);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
