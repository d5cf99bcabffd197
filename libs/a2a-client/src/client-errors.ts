/**
 * Local failures of the client: what went wrong between us and the agent, as opposed to an `A2AError`,
 * which the agent itself answered.
 */

/** Stable codes of the client's local errors. */
export type A2AClientErrorCode =
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR'
  | 'INVALID_RESPONSE'
  | 'TIMEOUT'
  | 'STREAM_LOST'
  | 'NO_COMPATIBLE_INTERFACE'
  | 'INVALID_AGENT_CARD';

/** Base of every error the client raises itself (never one the agent answered with). */
export class A2AClientError extends Error {
  readonly code: A2AClientErrorCode;

  constructor(code: A2AClientErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'A2AClientError';
    this.code = code;
  }
}

/** An HTTP exchange that failed without an A2A error body: a bad status, a dropped socket, garbage. */
export class A2ATransportError extends A2AClientError {
  /** The URL that was called. */
  readonly url: string;
  /** HTTP status when a response arrived. */
  readonly status: number | undefined;

  constructor(
    code: A2AClientErrorCode,
    message: string,
    options: { url: string; status?: number; cause?: unknown },
  ) {
    super(code, message, { cause: options.cause });
    this.name = 'A2ATransportError';
    this.url = options.url;
    this.status = options.status;
  }
}

/** A call that took longer than its timeout, or a stream that stayed silent longer than its idle timeout. */
export class A2ATimeoutError extends A2ATransportError {
  readonly timeoutMs: number;
  /** `request`: the whole unary call (or a stream's response headers); `idle`: silence inside a stream. */
  readonly phase: 'request' | 'idle';

  constructor(url: string, timeoutMs: number, phase: 'request' | 'idle') {
    super(
      'TIMEOUT',
      phase === 'idle'
        ? `Stream from ${url} was idle for more than ${timeoutMs} ms`
        : `Request to ${url} timed out after ${timeoutMs} ms`,
      { url },
    );
    this.name = 'A2ATimeoutError';
    this.timeoutMs = timeoutMs;
    this.phase = phase;
  }
}
