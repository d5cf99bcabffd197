/** One server-sent event as a raw client sees it. */
export interface RawSseEvent {
  /** The `id:` field, when the event had one. */
  readonly id?: string;
  readonly event?: string;
  /** `data:` lines joined with newlines, parsed as JSON. */
  readonly data: unknown;
}

/** An open SSE response: its HTTP status and headers, and its events. */
export interface SseResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Events until the server ends the stream (or `stop` is called). */
  readonly events: AsyncGenerator<RawSseEvent>;
  /** Drops the connection. */
  stop(): void;
}

/** Parses SSE blocks from a byte stream; comment lines (heartbeats) are skipped. */
async function* parseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<RawSseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parseBlock(block);
        if (event) yield event;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function parseBlock(block: string): RawSseEvent | undefined {
  let id: string | undefined;
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { id, event, data: JSON.parse(data.join('\n')) };
}

/** Opens an SSE request with plain fetch; fails when no response head arrives within `timeoutMs`. */
export async function openSse(url: string, init: RequestInit = {}, timeoutMs = 5_000): Promise<SseResponse> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`no response from ${url} in ${timeoutMs} ms`)),
    timeoutMs,
  );
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      signal: controller.signal,
      headers: { accept: 'text/event-stream', ...(init.headers as Record<string, string> | undefined) },
    });
  } finally {
    clearTimeout(timer);
  }
  if (!res.body) throw new Error(`no body from ${url}`);
  const body = res.body;
  async function* events(): AsyncGenerator<RawSseEvent> {
    try {
      yield* parseEvents(body);
    } catch (err) {
      if (!controller.signal.aborted) throw err;
    }
  }
  return { status: res.status, headers: res.headers, events: events(), stop: () => controller.abort() };
}

/** Every event until the stream ends, failing after `timeoutMs` so that a hang is a test failure. */
export async function collect(
  events: AsyncIterable<RawSseEvent>,
  timeoutMs = 5_000,
  limit = Infinity,
): Promise<RawSseEvent[]> {
  const out: RawSseEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stream still open after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        for await (const e of events) {
          out.push(e);
          if (out.length >= limit) break;
        }
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
  return out;
}
