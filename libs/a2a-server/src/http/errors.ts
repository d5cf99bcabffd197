import { A2AError, A2AErrors, A2A_ERRORS } from '@a2a-platform/a2a-protocol';

/** Which binding a route serves; it decides the shape of its errors. */
export type Binding = 'jsonrpc' | 'rest';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Turns anything thrown while serving a request into an A2AError: A2A errors stay as they are,
 * Fastify's own client errors (body too large, bad media type) keep their HTTP status, and
 * everything else is an internal error whose details stay in the log.
 */
export function toA2AError(err: unknown): { error: A2AError; httpStatus: number; internal: boolean } {
  if (err instanceof A2AError) return { error: err, httpStatus: err.httpStatus, internal: false };
  const e = err as FastifyLikeError;
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const status = e.statusCode;
    const error =
      status === 413
        ? new A2AError(A2A_ERRORS.INVALID_REQUEST, `The request body is larger than the server accepts`)
        : status === 415
          ? A2AErrors.contentTypeNotSupported(e.message ?? 'Unsupported media type')
          : A2AErrors.invalidRequest(e.message ?? 'Bad request');
    return { error, httpStatus: status, internal: false };
  }
  return { error: A2AErrors.internal(), httpStatus: 500, internal: true };
}
