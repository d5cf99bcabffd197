import {
  A2A_ERROR_DOMAIN,
  A2A_ERRORS,
  A2AError,
  A2AErrors,
  BAD_REQUEST_TYPE,
  ERROR_INFO_TYPE,
  errorKindByCode,
} from './index.js';
import type { A2AErrorKind } from './index.js';

const KINDS: A2AErrorKind[] = Object.values(A2A_ERRORS);

/** Code, ErrorInfo reason, HTTP status and google.rpc code, per the v1.0 spec (sections 5.4 and 9.5). */
const EXPECTED: [number, string, number, string][] = [
  [-32700, 'JSON_PARSE', 400, 'INVALID_ARGUMENT'],
  [-32600, 'INVALID_REQUEST', 400, 'INVALID_ARGUMENT'],
  [-32601, 'METHOD_NOT_FOUND', 404, 'UNIMPLEMENTED'],
  [-32602, 'INVALID_PARAMS', 400, 'INVALID_ARGUMENT'],
  [-32603, 'INTERNAL', 500, 'INTERNAL'],
  [-32001, 'TASK_NOT_FOUND', 404, 'NOT_FOUND'],
  [-32002, 'TASK_NOT_CANCELABLE', 400, 'FAILED_PRECONDITION'],
  [-32003, 'PUSH_NOTIFICATION_NOT_SUPPORTED', 400, 'FAILED_PRECONDITION'],
  [-32004, 'UNSUPPORTED_OPERATION', 400, 'FAILED_PRECONDITION'],
  [-32005, 'CONTENT_TYPE_NOT_SUPPORTED', 400, 'INVALID_ARGUMENT'],
  [-32006, 'INVALID_AGENT_RESPONSE', 500, 'INTERNAL'],
  [-32007, 'EXTENDED_AGENT_CARD_NOT_CONFIGURED', 400, 'FAILED_PRECONDITION'],
  [-32008, 'EXTENSION_SUPPORT_REQUIRED', 400, 'FAILED_PRECONDITION'],
  [-32009, 'VERSION_NOT_SUPPORTED', 400, 'FAILED_PRECONDITION'],
];

describe('the error catalogue', () => {
  it('has exactly the JSON-RPC codes -32700..-32603 and -32001..-32009', () => {
    expect(KINDS.map((k) => k.code).sort((a, b) => a - b)).toEqual(
      EXPECTED.map(([c]) => c).sort((a, b) => a - b),
    );
  });

  it.each(EXPECTED)('maps %i to reason %s, HTTP %i and %s', (code, reason, httpStatus, grpcStatus) => {
    const kind = errorKindByCode(code);
    expect(kind).toMatchObject({ code, reason, httpStatus, grpcStatus });
    expect(kind?.defaultMessage.length).toBeGreaterThan(0);
  });

  it('has unique codes and reasons, reasons in UPPER_SNAKE_CASE without an Error suffix', () => {
    expect(new Set(KINDS.map((k) => k.code)).size).toBe(KINDS.length);
    expect(new Set(KINDS.map((k) => k.reason)).size).toBe(KINDS.length);
    for (const { reason } of KINDS) {
      expect(reason).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(reason).not.toMatch(/_ERROR$/);
    }
  });

  it('uses the spec standard messages for the JSON-RPC errors', () => {
    expect(A2A_ERRORS.JSON_PARSE.defaultMessage).toBe('Invalid JSON payload');
    expect(A2A_ERRORS.INVALID_REQUEST.defaultMessage).toBe('Request payload validation error');
    expect(A2A_ERRORS.METHOD_NOT_FOUND.defaultMessage).toBe('Method not found');
    expect(A2A_ERRORS.INVALID_PARAMS.defaultMessage).toBe('Invalid parameters');
    expect(A2A_ERRORS.INTERNAL.defaultMessage).toBe('Internal error');
  });

  it('knows no other code', () => {
    expect(errorKindByCode(-32010)).toBeUndefined();
    expect(errorKindByCode(-32000)).toBeUndefined();
  });
});

describe('A2AError on the wire', () => {
  it('carries an ErrorInfo with the a2a-protocol.org domain and its metadata', () => {
    const err = A2AErrors.taskNotFound('nonexistent-task-id');
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe(-32001);
    expect(err.httpStatus).toBe(404);
    expect(err.details()).toEqual([
      {
        '@type': ERROR_INFO_TYPE,
        reason: 'TASK_NOT_FOUND',
        domain: A2A_ERROR_DOMAIN,
        metadata: { taskId: 'nonexistent-task-id' },
      },
    ]);
    expect(A2A_ERROR_DOMAIN).toBe('a2a-protocol.org');
    expect(ERROR_INFO_TYPE).toBe('type.googleapis.com/google.rpc.ErrorInfo');
  });

  it('leaves metadata out of ErrorInfo when there is none', () => {
    const [info] = new A2AError(A2A_ERRORS.UNSUPPORTED_OPERATION).details();
    expect(info).toEqual({
      '@type': ERROR_INFO_TYPE,
      reason: 'UNSUPPORTED_OPERATION',
      domain: A2A_ERROR_DOMAIN,
    });
    expect(Object.keys(info as object)).not.toContain('metadata');
  });

  it('adds a google.rpc.BadRequest after ErrorInfo when fields are named', () => {
    const err = A2AErrors.invalidParams('Invalid parameters', [
      { field: 'message.parts', description: 'At least one part is required' },
    ]);
    expect(err.details()).toEqual([
      { '@type': ERROR_INFO_TYPE, reason: 'INVALID_PARAMS', domain: A2A_ERROR_DOMAIN },
      {
        '@type': BAD_REQUEST_TYPE,
        fieldViolations: [{ field: 'message.parts', description: 'At least one part is required' }],
      },
    ]);
  });

  it('builds the JSON-RPC error member: code, message, data = details', () => {
    const err = A2AErrors.taskNotFound('t1');
    expect(err.toJsonRpcError()).toEqual({
      code: -32001,
      message: 'Task t1 was not found',
      data: err.details(),
    });
  });

  it('builds the REST error body: HTTP code, google.rpc status name, message, details', () => {
    const err = A2AErrors.versionNotSupported('0.5', ['1.0', '0.3']);
    expect(err.toRestError()).toEqual({
      error: { code: 400, status: 'FAILED_PRECONDITION', message: err.message, details: err.details() },
    });
    expect(err.metadata).toEqual({ version: '0.5', supported: '1.0,0.3' });
  });

  it('uses the default message when none is given', () => {
    expect(new A2AError(A2A_ERRORS.INTERNAL).message).toBe('Internal error');
    expect(A2AErrors.pushNotSupported().message).toBe(
      A2A_ERRORS.PUSH_NOTIFICATION_NOT_SUPPORTED.defaultMessage,
    );
  });
});

describe('A2AError round trips', () => {
  it.each(KINDS.map((k) => [k.reason, k] as const))(
    '%s survives toJsonRpcError -> fromJsonRpc',
    (_r, kind) => {
      const sent = new A2AError(kind, 'the message', { metadata: { taskId: 't1' } });
      const received = A2AError.fromJsonRpc(sent.toJsonRpcError());
      expect(received.kind).toEqual(kind);
      expect(received.message).toBe('the message');
      expect(received.metadata).toEqual({ taskId: 't1' });
    },
  );

  it.each(KINDS.map((k) => [k.reason, k] as const))('%s survives toRestError -> fromRest', (_r, kind) => {
    const sent = new A2AError(kind, 'the message', { metadata: { k: 'v' } });
    const received = A2AError.fromRest(kind.httpStatus, sent.toRestError());
    expect(received.kind).toEqual(kind);
    expect(received.message).toBe('the message');
    expect(received.metadata).toEqual({ k: 'v' });
  });

  it('parses the spec example JSON-RPC error (9.5)', () => {
    const err = A2AError.fromJsonRpc({
      code: -32001,
      message: 'Task not found',
      data: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'TASK_NOT_FOUND',
          domain: 'a2a-protocol.org',
          metadata: { taskId: 'nonexistent-task-id', timestamp: '2025-11-09T10:30:00.000Z' },
        },
      ],
    });
    expect(err.kind).toBe(A2A_ERRORS.TASK_NOT_FOUND);
    expect(err.metadata.taskId).toBe('nonexistent-task-id');
  });

  it('keeps an unknown JSON-RPC code and its reason, as an INTERNAL-like error', () => {
    const err = A2AError.fromJsonRpc({
      code: -32050,
      message: 'custom',
      data: [{ '@type': ERROR_INFO_TYPE, reason: 'CUSTOM_THING', domain: 'example.com' }],
    });
    expect(err.code).toBe(-32050);
    expect(err.kind.reason).toBe('CUSTOM_THING');
    expect(err.httpStatus).toBe(500);
    expect(A2AError.fromJsonRpc({ code: -32050, message: 'bare' }).kind.reason).toBe('UNKNOWN');
  });

  it('falls back to the HTTP status, then to INTERNAL, for REST bodies without ErrorInfo', () => {
    const gone = A2AError.fromRest(409, { error: { code: 409, message: 'gone', details: [] } });
    expect(gone.kind).toBe(A2A_ERRORS.INTERNAL);
    expect(gone.message).toBe('gone');
    expect(A2AError.fromRest(404, { error: { code: 404, message: 'gone', details: [] } }).httpStatus).toBe(
      404,
    );
    expect(A2AError.fromRest(418, 'not json').kind).toBe(A2A_ERRORS.INTERNAL);
    expect(A2AError.fromRest(502, undefined).message).toBe('HTTP 502');
  });
});
