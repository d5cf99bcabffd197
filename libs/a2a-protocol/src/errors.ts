/** `ErrorInfo.domain` of every A2A error. */
export const A2A_ERROR_DOMAIN = 'a2a-protocol.org';
export const ERROR_INFO_TYPE = 'type.googleapis.com/google.rpc.ErrorInfo';
export const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';

export interface A2AErrorKind {
  /** JSON-RPC error code. */
  readonly code: number;
  /** `ErrorInfo.reason`: the error type in UPPER_SNAKE_CASE without the `Error` suffix. */
  readonly reason: string;
  /** HTTP status on the HTTP+JSON binding. */
  readonly httpStatus: number;
  /** `google.rpc.Code` name, the REST `error.status`. */
  readonly grpcStatus: string;
  /** The message used when none is given. */
  readonly defaultMessage: string;
}

function kind(
  code: number,
  reason: string,
  httpStatus: number,
  grpcStatus: string,
  defaultMessage: string,
): A2AErrorKind {
  return { code, reason, httpStatus, grpcStatus, defaultMessage };
}

/** The error catalogue of A2A v1.0 (specification sections 5.4 and 9.5). */
export const A2A_ERRORS = {
  JSON_PARSE: kind(-32700, 'JSON_PARSE', 400, 'INVALID_ARGUMENT', 'Invalid JSON payload'),
  INVALID_REQUEST: kind(
    -32600,
    'INVALID_REQUEST',
    400,
    'INVALID_ARGUMENT',
    'Request payload validation error',
  ),
  METHOD_NOT_FOUND: kind(-32601, 'METHOD_NOT_FOUND', 404, 'UNIMPLEMENTED', 'Method not found'),
  INVALID_PARAMS: kind(-32602, 'INVALID_PARAMS', 400, 'INVALID_ARGUMENT', 'Invalid parameters'),
  INTERNAL: kind(-32603, 'INTERNAL', 500, 'INTERNAL', 'Internal error'),
  TASK_NOT_FOUND: kind(-32001, 'TASK_NOT_FOUND', 404, 'NOT_FOUND', 'Task not found'),
  TASK_NOT_CANCELABLE: kind(
    -32002,
    'TASK_NOT_CANCELABLE',
    400,
    'FAILED_PRECONDITION',
    'Task cannot be canceled',
  ),
  PUSH_NOTIFICATION_NOT_SUPPORTED: kind(
    -32003,
    'PUSH_NOTIFICATION_NOT_SUPPORTED',
    400,
    'FAILED_PRECONDITION',
    'Push notifications are not supported',
  ),
  UNSUPPORTED_OPERATION: kind(
    -32004,
    'UNSUPPORTED_OPERATION',
    400,
    'FAILED_PRECONDITION',
    'This operation is not supported',
  ),
  CONTENT_TYPE_NOT_SUPPORTED: kind(
    -32005,
    'CONTENT_TYPE_NOT_SUPPORTED',
    400,
    'INVALID_ARGUMENT',
    'Incompatible content types',
  ),
  INVALID_AGENT_RESPONSE: kind(-32006, 'INVALID_AGENT_RESPONSE', 500, 'INTERNAL', 'Invalid agent response'),
  EXTENDED_AGENT_CARD_NOT_CONFIGURED: kind(
    -32007,
    'EXTENDED_AGENT_CARD_NOT_CONFIGURED',
    400,
    'FAILED_PRECONDITION',
    'Extended agent card is not configured',
  ),
  EXTENSION_SUPPORT_REQUIRED: kind(
    -32008,
    'EXTENSION_SUPPORT_REQUIRED',
    400,
    'FAILED_PRECONDITION',
    'A required extension is not supported by the client',
  ),
  VERSION_NOT_SUPPORTED: kind(
    -32009,
    'VERSION_NOT_SUPPORTED',
    400,
    'FAILED_PRECONDITION',
    'Protocol version not supported',
  ),
} as const satisfies Record<string, A2AErrorKind>;

export type A2AErrorName = keyof typeof A2A_ERRORS;

const KIND_BY_CODE = new Map<number, A2AErrorKind>(Object.values(A2A_ERRORS).map((k) => [k.code, k]));
const KIND_BY_REASON = new Map<string, A2AErrorKind>(Object.values(A2A_ERRORS).map((k) => [k.reason, k]));

export interface ErrorInfo {
  '@type': typeof ERROR_INFO_TYPE;
  reason: string;
  domain: string;
  metadata?: Record<string, string>;
}

export interface FieldViolation {
  field: string;
  description: string;
}

/** The JSON-RPC `error` member. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** The HTTP+JSON binding's error body (`google.rpc.Status`). */
export interface RestErrorBody {
  error: { code: number; status: string; message: string; details: unknown[] };
}

/** An error on the wire: one catalogue entry plus a message and context. */
export class A2AError extends Error {
  readonly kind: A2AErrorKind;
  readonly metadata: Record<string, string>;
  readonly fieldViolations: readonly FieldViolation[];

  constructor(
    kind: A2AErrorKind,
    message?: string,
    options: { metadata?: Record<string, string>; fieldViolations?: FieldViolation[]; cause?: unknown } = {},
  ) {
    super(message ?? kind.defaultMessage, { cause: options.cause });
    this.name = 'A2AError';
    this.kind = kind;
    this.metadata = options.metadata ?? {};
    this.fieldViolations = options.fieldViolations ?? [];
  }

  get code(): number {
    return this.kind.code;
  }

  get httpStatus(): number {
    return this.kind.httpStatus;
  }

  /** `error.data` (JSON-RPC) and `error.details` (REST): ErrorInfo, then BadRequest when fields are named. */
  details(): unknown[] {
    const info: ErrorInfo = { '@type': ERROR_INFO_TYPE, reason: this.kind.reason, domain: A2A_ERROR_DOMAIN };
    if (Object.keys(this.metadata).length > 0) info.metadata = this.metadata;
    const details: unknown[] = [info];
    if (this.fieldViolations.length > 0) {
      details.push({ '@type': BAD_REQUEST_TYPE, fieldViolations: this.fieldViolations });
    }
    return details;
  }

  toJsonRpcError(): JsonRpcErrorObject {
    return { code: this.kind.code, message: this.message, data: this.details() };
  }

  toRestError(): RestErrorBody {
    return {
      error: {
        code: this.kind.httpStatus,
        status: this.kind.grpcStatus,
        message: this.message,
        details: this.details(),
      },
    };
  }

  /** Rebuilds an error from a JSON-RPC `error` member (unknown codes become INTERNAL-like kinds). */
  static fromJsonRpc(error: JsonRpcErrorObject): A2AError {
    const known = KIND_BY_CODE.get(error.code);
    const info = findErrorInfo(error.data);
    const k = known ?? { ...A2A_ERRORS.INTERNAL, code: error.code, reason: info?.reason ?? 'UNKNOWN' };
    return new A2AError(k, error.message, { metadata: info?.metadata });
  }

  /** Rebuilds an error from an HTTP+JSON error body; the ErrorInfo reason picks the kind. */
  static fromRest(status: number, body: unknown): A2AError {
    const err = (body as Partial<RestErrorBody> | undefined)?.error;
    const info = findErrorInfo(err?.details);
    const k =
      (info && KIND_BY_REASON.get(info.reason)) ??
      Object.values(A2A_ERRORS).find((c) => c.httpStatus === status) ??
      A2A_ERRORS.INTERNAL;
    return new A2AError(k, err?.message ?? `HTTP ${status}`, { metadata: info?.metadata });
  }
}

function findErrorInfo(details: unknown): ErrorInfo | undefined {
  if (!Array.isArray(details)) return undefined;
  return details.find(
    (d): d is ErrorInfo =>
      typeof d === 'object' && d !== null && (d as ErrorInfo)['@type'] === ERROR_INFO_TYPE,
  );
}

export function errorKindByCode(code: number): A2AErrorKind | undefined {
  return KIND_BY_CODE.get(code);
}

/** Factories for the errors the server raises most. */
export const A2AErrors = {
  taskNotFound: (taskId: string) =>
    new A2AError(A2A_ERRORS.TASK_NOT_FOUND, `Task ${taskId} was not found`, { metadata: { taskId } }),
  taskNotCancelable: (taskId: string, state: string) =>
    new A2AError(A2A_ERRORS.TASK_NOT_CANCELABLE, `Task ${taskId} is ${state} and cannot be canceled`, {
      metadata: { taskId, state },
    }),
  invalidParams: (message: string, fieldViolations: FieldViolation[] = []) =>
    new A2AError(A2A_ERRORS.INVALID_PARAMS, message, { fieldViolations }),
  invalidRequest: (message: string) => new A2AError(A2A_ERRORS.INVALID_REQUEST, message),
  parseError: (message: string) => new A2AError(A2A_ERRORS.JSON_PARSE, message),
  methodNotFound: (method: string) =>
    new A2AError(A2A_ERRORS.METHOD_NOT_FOUND, `Method ${method} does not exist`, { metadata: { method } }),
  unsupportedOperation: (message: string) => new A2AError(A2A_ERRORS.UNSUPPORTED_OPERATION, message),
  pushNotSupported: () => new A2AError(A2A_ERRORS.PUSH_NOTIFICATION_NOT_SUPPORTED),
  extendedCardNotConfigured: () => new A2AError(A2A_ERRORS.EXTENDED_AGENT_CARD_NOT_CONFIGURED),
  versionNotSupported: (version: string, supported: readonly string[]) =>
    new A2AError(
      A2A_ERRORS.VERSION_NOT_SUPPORTED,
      `A2A-Version ${version} is not supported; supported versions: ${supported.join(', ')}`,
      { metadata: { version, supported: supported.join(',') } },
    ),
  contentTypeNotSupported: (message: string) => new A2AError(A2A_ERRORS.CONTENT_TYPE_NOT_SUPPORTED, message),
  internal: (message = A2A_ERRORS.INTERNAL.defaultMessage, cause?: unknown) =>
    new A2AError(A2A_ERRORS.INTERNAL, message, { cause }),
};
