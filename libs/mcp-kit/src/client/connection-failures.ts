import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

/** Internal: rejects the calls of a session whose connection broke, so they can be retried on a new one. */
export class SessionLostError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('MCP session lost', options);
    this.name = 'SessionLostError';
  }
}

// Socket-level failures, as Node and undici name them, anywhere in the cause chain.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// HTTP answers meaning "this session is gone" (404, spec 2025-11-25) or "the server is not there now".
const SESSION_GONE_STATUSES = new Set([404, 502, 503, 504]);

// The SDK reports a broken SSE stream only through `onerror`, with these messages (1.32): the pending
// request is never rejected, so the client must treat them as a lost session itself.
const STREAM_LOSS_PREFIXES = [
  'SSE stream disconnected',
  'Failed to reconnect SSE stream',
  'Maximum reconnection attempts',
];

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** The first socket error code in the cause chain (`ECONNREFUSED`...), if any. */
export function networkErrorCode(err: unknown): string | undefined {
  for (const link of causes(err)) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  }
  return undefined;
}

/**
 * true when `err` means the connection or the session is gone (server down, restarted, or the socket
 * broke): the caller should open a new session and may retry once.
 */
export function isConnectionFailure(err: unknown): boolean {
  if (err instanceof SessionLostError) return true;
  if (err instanceof StreamableHTTPError)
    return err.code !== undefined && SESSION_GONE_STATUSES.has(err.code);
  if (err instanceof McpError) return err.code === ErrorCode.ConnectionClosed;
  if (networkErrorCode(err) !== undefined) return true;
  // undici's generic network failures carry no code of their own.
  return err instanceof TypeError && (err.message === 'fetch failed' || err.message === 'terminated');
}

/** true for an error the SDK reports through `onerror` that means the session can no longer be used. */
export function isSessionLoss(err: unknown): boolean {
  if (isConnectionFailure(err)) return true;
  const message = err instanceof Error ? err.message : '';
  return STREAM_LOSS_PREFIXES.some((prefix) => message.startsWith(prefix));
}

/** true for the SDK's request timeout. */
export function isRequestTimeout(err: unknown): boolean {
  return err instanceof McpError && err.code === ErrorCode.RequestTimeout;
}

/** A short reason for logs and error messages: the socket code when there is one, else the message. */
export function describeFailure(err: unknown): string {
  const code = networkErrorCode(err);
  if (code) return code;
  if (err instanceof StreamableHTTPError && err.code !== undefined) return `HTTP ${err.code}`;
  const message = err instanceof Error ? err.message : String(err);
  // What the SDK says when the server ends the session's event stream (it shut down or dropped the session).
  return message.startsWith('Maximum reconnection attempts') ? 'the server closed the event stream' : message;
}
