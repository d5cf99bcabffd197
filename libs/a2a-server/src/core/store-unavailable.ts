import { A2AError, A2A_ERRORS, type A2AErrorKind } from '@a2a-platform/a2a-protocol';

/** Seconds a client should wait before retrying a request refused with {@link STORE_UNAVAILABLE}. */
export const STORE_RETRY_AFTER_SECONDS = 1;

/**
 * This server's own error kind (not in the A2A catalogue) for "the task store cannot be reached now".
 * On JSON-RPC it is an InternalError (-32603, ErrorInfo reason INTERNAL), so any A2A client reads it;
 * on the HTTP+JSON binding it answers 503 UNAVAILABLE with `Retry-After`, which HTTP clients, proxies
 * and load balancers understand as "try again shortly". ErrorInfo metadata says `retryable: "true"`.
 */
export const STORE_UNAVAILABLE: A2AErrorKind = {
  ...A2A_ERRORS.INTERNAL,
  httpStatus: 503,
  grpcStatus: 'UNAVAILABLE',
  defaultMessage: 'The task store is unavailable; retry shortly',
};

/** The wire error of a TaskStoreError UNAVAILABLE (`cause` stays in the logs, never on the wire). */
export function storeUnavailableError(cause: unknown): A2AError {
  return new A2AError(STORE_UNAVAILABLE, STORE_UNAVAILABLE.defaultMessage, {
    metadata: { retryable: 'true' },
    cause,
  });
}

/** The `Retry-After` header value for an error answered over HTTP, if it has one. */
export function retryAfterOf(error: A2AError): string | undefined {
  return error.kind === STORE_UNAVAILABLE ? String(STORE_RETRY_AFTER_SECONDS) : undefined;
}
