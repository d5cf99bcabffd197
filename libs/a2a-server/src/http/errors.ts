import { A2AError, A2AErrors, A2A_ERRORS } from '@a2a-platform/a2a-protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

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
    // The kind carries the real status so that the REST body's `code` is the HTTP status sent.
    const error =
      status === 413
        ? new A2AError(
            { ...A2A_ERRORS.INVALID_REQUEST, httpStatus: status },
            `The request body is larger than the server accepts`,
          )
        : status === 415
          ? new A2AError(
              { ...A2A_ERRORS.CONTENT_TYPE_NOT_SUPPORTED, httpStatus: status },
              e.message ?? 'Unsupported media type',
            )
          : new A2AError({ ...A2A_ERRORS.INVALID_REQUEST, httpStatus: status }, e.message ?? 'Bad request');
    return { error, httpStatus: status, internal: false };
  }
  return { error: A2AErrors.internal(), httpStatus: 500, internal: true };
}

/**
 * A Fastify `frameworkErrors` option for servers that serve A2A. The router refuses some URLs
 * before any route (and so before the plugin's error handler) runs: a malformed percent-encoding
 * (400) or a path segment longer than `maxParamLength` (414). With this option those answers
 * carry the HTTP+JSON binding's google.rpc.Status body instead of Fastify's own.
 */
export function a2aFrameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const { error, httpStatus } = toA2AError(err);
  void reply.code(httpStatus).type('application/json').send(error.toRestError());
}
