import { randomUUID } from 'node:crypto';
import type { StreamResponse, Task } from '@a2a-platform/a2a-protocol';

const V1 = { 'a2a-version': '1.0' };

/** An HTTP answer: status, headers and the parsed JSON body. */
export interface HttpAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** A JSON-RPC response body as the tests read it. */
export interface RpcBody<T> {
  readonly result?: T;
  readonly error?: { code: number; message: string; data?: unknown };
}

/** Calls a v1.0 JSON-RPC method on the agent at `url`. */
export async function rpc<T = unknown>(
  url: string,
  method: string,
  params: unknown,
  timeoutMs = 10_000,
): Promise<HttpAnswer<RpcBody<T>>> {
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...V1 },
    body: JSON.stringify({ jsonrpc: '2.0', id: randomUUID(), method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as RpcBody<T> };
}

/** Calls the HTTP+JSON binding: `path` under the agent's URL. */
export async function rest<T = unknown>(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<HttpAnswer<T>> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...V1, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A SendMessageRequest with one text part. */
export function textMessage(
  text: string,
  options: { messageId?: string; contextId?: string; returnImmediately?: boolean } = {},
): Record<string, unknown> {
  return {
    message: {
      messageId: options.messageId ?? randomUUID(),
      role: 'ROLE_USER',
      parts: [{ text }],
      ...(options.contextId ? { contextId: options.contextId } : {}),
    },
    ...(options.returnImmediately === false ? {} : { configuration: { returnImmediately: true } }),
  };
}

/** Sends `text` over JSON-RPC without waiting for the work: the new task. */
export async function startTask(
  url: string,
  text: string,
  options: { messageId?: string; contextId?: string } = {},
): Promise<Task> {
  const { body } = await rpc<{ task: Task }>(url, 'SendMessage', textMessage(text, options));
  if (!body.result) throw new Error(`SendMessage failed: ${JSON.stringify(body.error)}`);
  return body.result.task;
}

/** Every member of a union of one-member objects, each optional: `data.task?.id` reads without narrowing. */
type Members<U> = { [K in U extends unknown ? keyof U : never]?: Extract<U, Record<K, unknown>>[K] };

/** A StreamResponse as a test reads it (or an error sent in the stream). */
export type SseData = Members<StreamResponse> & { error?: unknown };

/** One server-sent event: its `id:` (when it had one) and its data parsed as JSON. */
export interface SseEvent {
  readonly id?: string;
  readonly data: SseData;
}

/** An open SSE response. */
export interface SseStream {
  readonly status: number;
  readonly events: AsyncGenerator<SseEvent>;
  /** Drops the connection (the server sees the client go away). */
  cut(): void;
}

/** Opens an SSE request on the agent (REST subscribe or message:stream), raw: every id is kept. */
export async function openSse(
  url: string,
  path: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; lastEventId?: string } = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { ...V1, accept: 'text/event-stream' };
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: controller.signal,
  });
  const body = res.body;
  async function* events(): AsyncGenerator<SseEvent> {
    if (!body) return;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseBlock(block);
          if (event) yield event;
        }
      }
    } catch (err) {
      if (!controller.signal.aborted) throw err;
    } finally {
      controller.abort();
    }
  }
  return { status: res.status, events: events(), cut: () => controller.abort() };
}

function parseBlock(block: string): SseEvent | undefined {
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { ...(id ? { id } : {}), data: JSON.parse(data.join('\n')) as SseEvent['data'] };
}

/** The state an event moves the task to, if it is a task snapshot or a status update. */
export function stateOf(event: StreamResponse | SseData): string | undefined {
  const loose = event as SseData;
  return loose.statusUpdate?.status.state ?? loose.task?.status.state;
}

/** Reads events until the stream ends, failing after `timeoutMs` so that a hang fails the test. */
export async function readAll(stream: SseStream, timeoutMs: number): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stream.cut();
  }, timeoutMs);
  try {
    for await (const event of stream.events) out.push(event);
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw new Error(`the stream was still open after ${timeoutMs} ms (${out.length} events)`);
  if (out.length > 0 && 'error' in out[out.length - 1].data) {
    throw new Error(`the stream ended with an error: ${JSON.stringify(out[out.length - 1].data)}`);
  }
  return out;
}
