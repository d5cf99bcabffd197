import type { StreamResponse } from '@a2a-platform/a2a-protocol';
import { TaskStoreError, type TaskEvent } from '../task-store.js';
import { freezeDeep } from './json-copy.js';

const ID_DIGITS = 12;
const EVENT_ID = /^\d{1,15}$/;

/** The id of the event with sequence number `seq` (1-based); zero-padded so ids also sort as strings. */
export function formatEventId(seq: number): string {
  return String(seq).padStart(ID_DIGITS, '0');
}

/** Sequence number of an event id; '' is 0, before the first event. Throws INVALID_CURSOR. */
export function parseEventId(id: string): number {
  if (id === '') return 0;
  if (!EVENT_ID.test(id)) throw new TaskStoreError('INVALID_CURSOR', `"${id}" is not an event id`);
  return Number(id);
}

/** Events after a sequence number, and whether some of them were trimmed away. */
export interface EventSlice {
  readonly events: TaskEvent[];
  readonly trimmed: boolean;
}

/**
 * The bounded event stream of one task. Like `XADD ... MAXLEN n`, appending past the bound drops
 * the oldest entries; readers that asked for dropped entries are told so (`trimmed`).
 * Events are frozen and shared by every reader.
 */
export class TaskEventLog {
  private entries: TaskEvent[] = [];
  /** Index in `entries` of the oldest kept event; the array is compacted when half is dead. */
  private head = 0;
  private seq = 0;

  constructor(private readonly maxEvents: number) {}

  /** Sequence number of the last event (0 when none). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Id of the last event ('' when none). */
  get lastId(): string {
    return this.seq === 0 ? '' : formatEventId(this.seq);
  }

  append(event: StreamResponse): TaskEvent {
    this.seq++;
    const entry = freezeDeep({ id: formatEventId(this.seq), event });
    this.entries.push(entry);
    if (this.entries.length - this.head > this.maxEvents) {
      this.head++;
      if (this.head >= this.maxEvents) {
        this.entries = this.entries.slice(this.head);
        this.head = 0;
      }
    }
    return entry;
  }

  /** Events with a sequence number above `afterSeq`, oldest first. */
  after(afterSeq: number): EventSlice {
    const kept = this.entries.length - this.head;
    const firstSeq = this.seq - kept + 1;
    const start = Math.max(0, afterSeq + 1 - firstSeq);
    return {
      events: start >= kept ? [] : this.entries.slice(this.head + start),
      trimmed: afterSeq + 1 < firstSeq,
    };
  }
}
