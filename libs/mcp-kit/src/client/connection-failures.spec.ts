import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import {
  describeFailure,
  isConnectionFailure,
  isRequestTimeout,
  isSessionLoss,
  networkErrorCode,
  SessionLostError,
} from './connection-failures.js';
import { McpToolError } from './mcp-client-errors.js';
import { abortableDelay, backoffDelay } from './reconnect-backoff.js';

function refused(): TypeError {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3101'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause });
}

describe('connection failure classification', () => {
  it.each([
    ['connection refused', refused()],
    ['an unknown session (404)', new StreamableHTTPError(404, 'Session not found')],
    ['a gateway error (503)', new StreamableHTTPError(503, 'unavailable')],
    ['a closed connection', new McpError(ErrorCode.ConnectionClosed, 'Connection closed')],
    ['a reset socket', new TypeError('terminated')],
    ['a lost session', new SessionLostError()],
  ])('treats %s as a connection failure', (_what, err) => {
    expect(isConnectionFailure(err)).toBe(true);
    expect(isSessionLoss(err)).toBe(true);
  });

  it.each([
    ['a bad request (400)', new StreamableHTTPError(400, 'bad')],
    ['a server error (500)', new StreamableHTTPError(500, 'boom')],
    ['a timeout', new McpError(ErrorCode.RequestTimeout, 'Request timed out')],
    ['invalid params', new McpError(ErrorCode.InvalidParams, 'bad args')],
    ['a plain error', new Error('nope')],
  ])('does not treat %s as a connection failure', (_what, err) => {
    expect(isConnectionFailure(err)).toBe(false);
  });

  it('treats the SDK stream-loss reports as a lost session', () => {
    expect(isSessionLoss(new Error('SSE stream disconnected: TypeError: terminated'))).toBe(true);
    expect(isSessionLoss(new Error('Maximum reconnection attempts (0) exceeded.'))).toBe(true);
    expect(isSessionLoss(new Error('Failed to send cancellation: x'))).toBe(false);
  });

  it('finds the socket code in the cause chain and describes failures briefly', () => {
    expect(networkErrorCode(refused())).toBe('ECONNREFUSED');
    expect(describeFailure(refused())).toBe('ECONNREFUSED');
    expect(describeFailure(new StreamableHTTPError(404, 'x'))).toBe('HTTP 404');
    expect(describeFailure('text')).toBe('text');
    expect(describeFailure(new Error('Maximum reconnection attempts (0) exceeded.'))).toBe(
      'the server closed the event stream',
    );
  });

  it('recognises the SDK timeout', () => {
    expect(isRequestTimeout(new McpError(ErrorCode.RequestTimeout, 'Request timed out'))).toBe(true);
    expect(isRequestTimeout(new McpError(ErrorCode.InternalError, 'x'))).toBe(false);
  });
});

describe('McpToolError', () => {
  it('reads field and code from a refusal', () => {
    const err = new McpToolError(
      'get_stock_levels',
      'Invalid argument "skus" (UNKNOWN_SKU): unknown skus: X-1',
    );
    expect(err).toMatchObject({ field: 'skus', code: 'UNKNOWN_SKU', toolName: 'get_stock_levels' });
    expect(err.message).toBe(
      'get_stock_levels refused: Invalid argument "skus" (UNKNOWN_SKU): unknown skus: X-1',
    );
  });

  it('falls back to TOOL_ERROR for other texts', () => {
    expect(new McpToolError('t', 'Internal error while running t')).toMatchObject({
      field: undefined,
      code: 'TOOL_ERROR',
    });
  });
});

describe('reconnect backoff', () => {
  it('grows exponentially up to the cap, with jitter in the upper half', () => {
    const top = () => 0.999999;
    const bottom = () => 0;
    expect(backoffDelay(0, {}, top)).toBe(250);
    expect(backoffDelay(0, {}, bottom)).toBe(125);
    expect(backoffDelay(3, {}, top)).toBe(2_000);
    expect(backoffDelay(10, {}, top)).toBe(5_000);
    expect(backoffDelay(50, { initialDelayMs: 10, maxDelayMs: 40, factor: 3 }, bottom)).toBe(20);
  });

  it('abortableDelay rejects with the reason when aborted', async () => {
    const controller = new AbortController();
    const waiting = abortableDelay(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(abortableDelay(1)).resolves.toBeUndefined();
  });
});
