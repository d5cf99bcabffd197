/** One dispatched server-sent event. */
export interface SseEvent {
  /** The event type; `message` when the server named none. */
  event: string;
  /** The data lines joined with `\n`. */
  data: string;
  /** The last event id seen on the stream when this event was dispatched (ids persist across events). */
  id: string | undefined;
  /** The reconnection time the server asked for, when it sent `retry:`. */
  retry: number | undefined;
}

const LF = 10;
const CR = 13;

/**
 * An incremental parser for `text/event-stream` (the WHATWG event-stream interpretation rules):
 * feed it decoded text in chunks split anywhere, it returns the events each chunk completes.
 */
export class SseParser {
  /** The last `id:` the stream set; survives across events as the spec says. */
  lastEventId = '';
  /** The last valid `retry:` value. */
  retry: number | undefined;

  private partialLine = '';
  /** A chunk ended in CR: a LF at the start of the next chunk belongs to the same line ending. */
  private skipLeadingLf = false;
  private atStreamStart = true;
  private data = '';
  private hasData = false;
  private eventType = '';

  /** Parses one chunk and returns the events it completed. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (this.atStreamStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.atStreamStart = false;
    }
    const events: SseEvent[] = [];
    let start = 0;
    if (this.skipLeadingLf && text.length > 0) {
      if (text.charCodeAt(0) === LF) start = 1;
      this.skipLeadingLf = false;
    }
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      const line = this.partialLine + text.slice(start, i);
      this.partialLine = '';
      if (c === CR) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === LF) i++;
        } else {
          this.skipLeadingLf = true;
        }
      }
      start = i + 1;
      this.processLine(line, events);
    }
    this.partialLine += text.slice(start);
    return events;
  }

  /** Ends the stream. An event without its closing blank line is discarded, as the spec requires. */
  end(): void {
    this.partialLine = '';
    this.resetEvent();
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 0x3a /* ':' */) return; // a comment, usually a heartbeat
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data += value + '\n';
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  private dispatch(events: SseEvent[]): void {
    if (this.hasData) {
      events.push({
        event: this.eventType === '' ? 'message' : this.eventType,
        data: this.data.endsWith('\n') ? this.data.slice(0, -1) : this.data,
        id: this.lastEventId === '' ? undefined : this.lastEventId,
        retry: this.retry,
      });
    }
    this.resetEvent();
  }

  private resetEvent(): void {
    this.data = '';
    this.hasData = false;
    this.eventType = '';
  }
}

/**
 * Reads a response body as server-sent events. `onActivity` runs on every chunk received, comments and
 * heartbeats included, so a caller can keep an idle timer. Returning early cancels the body.
 */
export async function* readSseEvents(
  body: ReadableStream<Uint8Array>,
  onActivity?: () => void,
): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        const rest = decoder.decode();
        if (rest) yield* parser.push(rest);
        parser.end();
        return;
      }
      onActivity?.();
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
