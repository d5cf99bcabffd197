import { injectTraceMeta, isTelemetryStarted } from '@a2a-platform/telemetry';
import { A2ATimeoutError, A2ATransportError } from './client-errors.js';
import { readSseEvents, type SseEvent } from './sse-parser.js';

/** What a headers hook learns about the request it decorates. */
export interface HttpRequestContext {
  url: string;
  /** The HTTP method. */
  method: string;
  /** The A2A operation (`SendMessage`, `GetTask`, ...) or `GetAgentCard`. */
  operation: string;
}

/** Adds headers (auth tokens, trace context) to every request; called once per HTTP request. */
export type HeadersHook = (
  ctx: HttpRequestContext,
) => Promise<Record<string, string>> | Record<string, string>;

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Unary calls: the whole exchange. Streams: the wait for the response headers. */
  timeoutMs?: number;
  /** Streams only: the longest silence tolerated between two chunks (heartbeats count). */
  idleTimeoutMs?: number;
  /** Extra headers for this call only; they win over the hook's. */
  headers?: Record<string, string>;
}

/** How the client talks HTTP. */
export interface HttpOptions {
  /** Replaces the global `fetch`. */
  fetch?: typeof fetch;
  headers?: HeadersHook;
  /** @defaultValue 30000 */
  timeoutMs?: number;
  /** @defaultValue 120000 */
  streamIdleTimeoutMs?: number;
  /**
   * Write the active trace context (W3C `traceparent`, `tracestate`) into each request that carries none
   * yet. By default only while the platform's telemetry is not started: once it is, its instrumentation
   * of `fetch` injects the header itself, and a second `traceparent` would make both unreadable. Set it
   * to `true` when telemetry is started but `fetch` is one the instrumentation does not see.
   * @defaultValue `!isTelemetryStarted()`, checked per request
   */
  propagateTraceContext?: boolean;
}

/** One HTTP request as a transport describes it. */
export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'DELETE';
  operation: string;
  headers: Record<string, string>;
  body?: string;
  call?: CallOptions;
}

/** A response read whole. */
export interface HttpResult {
  response: Response;
  text: string;
}

/** An open response whose body is an event stream (or, when `events` is undefined, a text body). */
export interface HttpStream {
  response: Response;
  /** Present when the response is `text/event-stream`. */
  events?: AsyncGenerator<SseEvent, void, undefined>;
  /** The body when the response was not an event stream (an error, usually). */
  text?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/** Sends requests with the configured fetch, headers hook, timeouts and cancellation. */
export class HttpChannel {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: HttpOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.idleTimeoutMs = options.streamIdleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  }

  /** Sends a request and reads the whole body within the call's timeout. */
  async exchange(req: HttpRequest): Promise<HttpResult> {
    const timeoutMs = req.call?.timeoutMs ?? this.timeoutMs;
    const guard = new CallGuard(req.url, req.call?.signal, timeoutMs);
    try {
      const response = await this.send(req, guard);
      const text = await guard.run(() => response.text());
      return { response, text };
    } finally {
      guard.dispose();
    }
  }

  /**
   * Sends a request that should answer with an event stream. The call's timeout covers the wait for the
   * response headers; after that the idle timeout runs between chunks.
   */
  async openStream(req: HttpRequest): Promise<HttpStream> {
    const timeoutMs = req.call?.timeoutMs ?? this.timeoutMs;
    const idleMs = req.call?.idleTimeoutMs ?? this.idleTimeoutMs;
    const guard = new CallGuard(req.url, req.call?.signal, timeoutMs);
    let handedOver = false;
    try {
      const response = await this.send(req, guard);
      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.toLowerCase().startsWith('text/event-stream') || !response.body) {
        const text = await guard.run(() => response.text());
        return { response, text };
      }
      guard.switchToIdle(idleMs);
      handedOver = true;
      return { response, events: guardedEvents(response.body, guard, req.url) };
    } finally {
      if (!handedOver) guard.dispose();
    }
  }

  private async send(req: HttpRequest, guard: CallGuard): Promise<Response> {
    const headersHook = this.options.headers;
    const hooked = headersHook
      ? await guard.run(async () =>
          headersHook({ url: req.url, method: req.method, operation: req.operation }),
        )
      : {};
    // Headers are case-insensitive: later sources replace earlier ones whatever their spelling.
    const headers = new Headers(req.headers);
    for (const source of [hooked, req.call?.headers ?? {}]) {
      for (const [name, value] of Object.entries(source)) headers.set(name, value);
    }
    this.propagateTraceContext(headers);
    return guard.run(() =>
      this.fetchImpl(req.url, { method: req.method, headers, body: req.body, signal: guard.signal }),
    );
  }

  private propagateTraceContext(headers: Headers): void {
    try {
      const wanted = this.options.propagateTraceContext ?? !isTelemetryStarted();
      if (!wanted || headers.has('traceparent')) return;
      // injectTraceMeta writes nothing when no span is active.
      const carrier = injectTraceMeta<Record<string, string>>({});
      for (const [name, value] of Object.entries(carrier)) headers.set(name, value);
    } catch {
      // Trace context is best effort; the request goes out without it.
    }
  }
}

async function* guardedEvents(
  body: ReadableStream<Uint8Array>,
  guard: CallGuard,
  url: string,
): AsyncGenerator<SseEvent, void, undefined> {
  const events = readSseEvents(body, () => guard.touch());
  try {
    for (;;) {
      const next = await guard.run(() => events.next());
      if (next.done) return;
      yield next.value;
    }
  } catch (err) {
    if (err instanceof A2ATransportError && err.code === 'NETWORK_ERROR') {
      throw new A2ATransportError('STREAM_LOST', `Event stream from ${url} broke: ${err.message}`, {
        url,
        cause: err.cause,
      });
    }
    throw err;
  } finally {
    guard.abortQuietly();
    guard.dispose();
    await events.return(undefined).catch(() => undefined);
  }
}

/** Ties a request to the caller's signal and to a timer, and turns failures into typed errors. */
class CallGuard {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = () => this.controller.abort(this.callerSignal?.reason);

  constructor(
    private readonly url: string,
    private readonly callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.timer = setTimeout(
      () => this.controller.abort(new A2ATimeoutError(url, timeoutMs, 'request')),
      timeoutMs,
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  switchToIdle(idleMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => this.controller.abort(new A2ATimeoutError(this.url, idleMs, 'idle')),
      idleMs,
    );
  }

  /** Restarts the idle timer. */
  touch(): void {
    this.timer?.refresh();
  }

  /** Runs one step; an abort surfaces as its reason (the caller's, or our timeout). */
  async run<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      if (this.controller.signal.aborted) throw this.controller.signal.reason;
      if (err instanceof A2ATransportError) throw err;
      throw new A2ATransportError('NETWORK_ERROR', `Request to ${this.url} failed: ${describe(err)}`, {
        url: this.url,
        cause: err,
      });
    }
  }

  /** Closes the connection when the consumer stops early. */
  abortQuietly(): void {
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
