import type { DependencyCheck } from '@a2a-platform/service-kit';
import { withMcpClientSpan } from '@a2a-platform/telemetry';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  describeFailure,
  isConnectionFailure,
  isRequestTimeout,
  isSessionLoss,
  SessionLostError,
} from './connection-failures.js';
import { McpClientError } from './mcp-client-errors.js';
import { abortableDelay, backoffDelay, type BackoffOptions } from './reconnect-backoff.js';
import { toToolResult, type McpCallOptions, type McpToolCaller, type McpToolResult } from './tool-result.js';

/** The pino-style logger the client reports connection events to. */
export interface McpClientLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** Options of an {@link McpToolClient}. */
export interface McpToolClientOptions {
  /** The server's Streamable HTTP endpoint, e.g. `http://127.0.0.1:3101/mcp`. */
  url: string | URL;
  /** The server's name in logs, errors and the readiness check. @defaultValue 'mcp' */
  name?: string;
  /** `clientInfo` sent at initialize. @defaultValue `{ name: 'a2a-platform-mcp-client', version: '0.0.1' }` */
  clientInfo?: { name: string; version: string };
  /** Timeout of one tool call. @defaultValue 30000 */
  callTimeoutMs?: number;
  /** Timeout of one connection attempt (the initialize exchange). @defaultValue 5000 */
  connectTimeoutMs?: number;
  /** Timeout of the readiness ping. @defaultValue 800 */
  probeTimeoutMs?: number;
  /** Delays between the attempts of {@link McpToolClient.connect}. */
  backoff?: BackoffOptions;
  /** fetch to send requests with (token injection, tests). @defaultValue the global fetch */
  fetch?: FetchLike;
  /** Where connection events go. Can be set later through {@link McpToolClient.logger}. */
  logger?: McpClientLogger;
}

interface Session {
  readonly client: Client;
  readonly transport: StreamableHTTPClientTransport;
  /** Aborted when the session breaks: rejects its pending calls so they can be retried. */
  readonly lost: AbortController;
}

const silentLogger: McpClientLogger = {
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
};

// The client replaces a broken session itself; the SDK's own GET-stream retries would only hit a dead one.
const NO_STREAM_RETRIES = {
  maxRetries: 0,
  initialReconnectionDelay: 1_000,
  maxReconnectionDelay: 1_000,
  reconnectionDelayGrowFactor: 1,
};

/** Bounds the DELETE of a session, so closing never waits on a server that does not answer. */
const TERMINATE_TIMEOUT_MS = 2_000;

/**
 * A client of one MCP server over Streamable HTTP. It connects with retries, replaces its session when
 * the server restarted or the connection broke (retrying the interrupted call once: our write tools are
 * idempotent by key), traces each call (`tools/call {tool}` with `traceparent` in `params._meta`) and
 * offers a readiness check. Tool refusals (`isError`) are returned, not thrown.
 */
export class McpToolClient implements McpToolCaller {
  /** Where connection events go; set it once the service's logger exists. */
  logger: McpClientLogger;
  readonly name: string;
  private readonly url: URL;
  private session: Session | undefined;
  private connecting: Promise<Session> | undefined;
  private closed = false;
  private readonly stopped = new AbortController();

  constructor(private readonly options: McpToolClientOptions) {
    this.url = new URL(options.url);
    this.name = options.name ?? 'mcp';
    this.logger = options.logger ?? silentLogger;
  }

  /** true while a session is open (it may still turn out broken on the next call). */
  get connected(): boolean {
    return this.session !== undefined;
  }

  /** The current session's `Mcp-Session-Id`. */
  get sessionId(): string | undefined {
    return this.session?.transport.sessionId;
  }

  /**
   * Connects, retrying with capped exponential backoff until connected, `signal` aborts (rejects with
   * its reason) or the client is closed (rejects with `CLOSED`). Resolves at once when connected.
   */
  async connect(options: { signal?: AbortSignal } = {}): Promise<void> {
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.stopped.signal])
      : this.stopped.signal;
    for (let attempt = 0; ; attempt++) {
      signal.throwIfAborted();
      try {
        await this.ensureSession(signal);
        return;
      } catch (err) {
        if (signal.aborted) throw signal.reason;
        const delayMs = backoffDelay(attempt, this.options.backoff);
        this.logger.warn(
          {
            mcpServer: this.name,
            url: this.url.href,
            attempt: attempt + 1,
            delayMs,
            reason: describeFailure(err),
          },
          'MCP server not reachable, retrying',
        );
        await abortableDelay(delayMs, signal);
      }
    }
  }

  /**
   * Starts {@link connect} in the background (it keeps retrying until connected or closed) and resolves,
   * after at most `waitMs`, with whether the client is connected by then.
   */
  async startConnecting(waitMs: number): Promise<boolean> {
    const done = this.connect().then(
      () => true,
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
      timer.unref();
    });
    const result = await Promise.race([done, waited]);
    clearTimeout(timer);
    return result;
  }

  /**
   * Calls a tool. When not connected it makes one connection attempt; when the session turns out lost
   * (server restarted: 404, connection refused or reset) it opens a new one and retries once. Rejects
   * with `McpClientError` (`UNAVAILABLE`, `TIMEOUT`, `PROTOCOL`, `CLOSED`) or, when `options.signal`
   * aborts, with the signal's reason. Each call is logged once, with its outcome and duration: inside a
   * task, the line carries the task's trace and task ids.
   */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: McpCallOptions = {},
  ): Promise<McpToolResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const result = await this.callWithRetry(name, args, options);
      this.logger.info(
        { mcpServer: this.name, tool: name, isError: result.isError, durationMs: elapsed() },
        'MCP tool call',
      );
      return result;
    } catch (err) {
      const code = err instanceof McpClientError ? err.code : 'ABORTED';
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn(
        { mcpServer: this.name, tool: name, code, reason, durationMs: elapsed() },
        'MCP tool call failed',
      );
      throw err;
    }
  }

  private async callWithRetry(
    name: string,
    args: Record<string, unknown>,
    options: McpCallOptions,
  ): Promise<McpToolResult> {
    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      const session = await this.sessionForCall(options.signal);
      try {
        return await this.invoke(session, name, args, options);
      } catch (err) {
        if (options.signal?.aborted) throw options.signal.reason ?? err;
        if (this.closed) throw this.closedError();
        // The SDK reports an aborted request as a timeout whatever the reason: look at which signal fired.
        const lost = session.lost.signal.aborted || isConnectionFailure(err);
        if (!lost) throw this.translate(err, name, options);
        this.dropSession(session, err);
        if (attempt >= 2) throw this.unavailable(err);
        this.logger.info({ mcpServer: this.name, tool: name }, 'MCP session lost; retrying the call once');
      }
    }
  }

  /** A readiness check for `/ready`: pings the server, and reconnects when the session was lost. */
  dependencyCheck(name: string = this.name): DependencyCheck {
    return { name, check: () => this.probe() };
  }

  /** Ends the session (HTTP DELETE) and stops connection attempts; later calls reject with `CLOSED`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopped.abort(this.closedError());
    const session = this.session ?? (await this.connecting?.catch(() => undefined));
    this.session = undefined;
    if (session) await this.endSession(session, true);
  }

  private async probe(): Promise<boolean> {
    for (let attempt = 1; attempt <= 2 && !this.closed; attempt++) {
      const session = this.session ?? (await this.ensureSession().catch(() => undefined));
      if (!session) return false;
      try {
        await session.client.ping({ timeout: this.options.probeTimeoutMs ?? 800 });
        return true;
      } catch (err) {
        if (!isConnectionFailure(err)) return false;
        this.dropSession(session, err);
      }
    }
    return false;
  }

  private async sessionForCall(signal: AbortSignal | undefined): Promise<Session> {
    if (this.closed) throw this.closedError();
    if (this.session) return this.session;
    try {
      return await this.ensureSession(signal);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (this.closed) throw this.closedError();
      throw this.unavailable(err);
    }
  }

  /** The open session, or one connection attempt shared by every caller waiting for it. */
  private ensureSession(signal?: AbortSignal): Promise<Session> {
    if (this.session) return Promise.resolve(this.session);
    this.connecting ??= this.openSession().finally(() => (this.connecting = undefined));
    if (!signal) return this.connecting;
    // One caller giving up must not abort the attempt the others wait on.
    const attempt = this.connecting;
    return new Promise<Session>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      attempt.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private async openSession(): Promise<Session> {
    const transport = new StreamableHTTPClientTransport(this.url, {
      fetch: this.options.fetch,
      reconnectionOptions: NO_STREAM_RETRIES,
    });
    const client = new Client(
      this.options.clientInfo ?? { name: 'a2a-platform-mcp-client', version: '0.0.1' },
    );
    const session: Session = { client, transport, lost: new AbortController() };
    client.onerror = (err) => this.onSessionError(session, err);
    client.onclose = () => this.onSessionClosed(session);
    try {
      await client.connect(transport, {
        timeout: this.options.connectTimeoutMs ?? 5_000,
        signal: this.stopped.signal,
      });
    } catch (err) {
      await client.close().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await this.endSession(session, true);
      throw this.closedError();
    }
    this.session = session;
    this.logger.info(
      { mcpServer: this.name, url: this.url.href, sessionId: transport.sessionId },
      'MCP connected',
    );
    return session;
  }

  private async invoke(
    session: Session,
    name: string,
    args: Record<string, unknown>,
    options: McpCallOptions,
  ): Promise<McpToolResult> {
    const signal = options.signal
      ? AbortSignal.any([options.signal, session.lost.signal])
      : session.lost.signal;
    const meta: Record<string, unknown> = {};
    const raw = await withMcpClientSpan(
      {
        method: 'tools/call',
        toolName: name,
        sessionId: session.transport.sessionId,
        protocolVersion: session.transport.protocolVersion,
        meta,
      },
      () =>
        session.client.callTool(
          { name, arguments: args, ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}) },
          undefined,
          { signal, timeout: options.timeoutMs ?? this.options.callTimeoutMs ?? 30_000 },
        ),
    );
    return toToolResult(raw);
  }

  private onSessionError(session: Session, err: Error): void {
    if (session !== this.session) return;
    if (isSessionLoss(err)) this.dropSession(session, err);
    else this.logger.debug({ mcpServer: this.name, err }, 'MCP transport error');
  }

  private onSessionClosed(session: Session): void {
    if (session !== this.session) return;
    this.session = undefined;
    session.lost.abort(new SessionLostError());
    this.logger.warn({ mcpServer: this.name }, 'MCP session closed');
  }

  /** Forgets a broken session: its pending calls reject (to be retried), and it is closed in the background. */
  private dropSession(session: Session, reason: unknown): void {
    if (session !== this.session) return;
    this.session = undefined;
    session.lost.abort(new SessionLostError({ cause: reason }));
    this.logger.warn(
      { mcpServer: this.name, sessionId: session.transport.sessionId, reason: describeFailure(reason) },
      'MCP session lost',
    );
    // The DELETE tells a server that is still up (a dropped stream, not a restart) to free the session.
    void this.endSession(session, true);
  }

  private async endSession(session: Session, terminate: boolean): Promise<void> {
    if (terminate && session.transport.sessionId) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        session.transport.terminateSession().catch(() => undefined),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, TERMINATE_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
    }
    await session.client.close().catch(() => undefined);
  }

  private translate(err: unknown, tool: string, options: McpCallOptions): McpClientError {
    if (err instanceof McpClientError) return err;
    if (isRequestTimeout(err)) {
      const ms = options.timeoutMs ?? this.options.callTimeoutMs ?? 30_000;
      return new McpClientError(
        'TIMEOUT',
        `${tool} on ${this.name} did not answer within ${ms} ms`,
        this.name,
        {
          cause: err,
        },
      );
    }
    return new McpClientError(
      'PROTOCOL',
      `${tool} on ${this.name} failed: ${describeFailure(err)}`,
      this.name,
      {
        cause: err,
      },
    );
  }

  private unavailable(err: unknown): McpClientError {
    if (err instanceof McpClientError) return err;
    return new McpClientError(
      'UNAVAILABLE',
      `MCP server ${this.name} (${this.url.href}) is unavailable: ${describeFailure(err)}`,
      this.name,
      { cause: err },
    );
  }

  private closedError(): McpClientError {
    return new McpClientError('CLOSED', `The client of MCP server ${this.name} is closed`, this.name);
  }
}
