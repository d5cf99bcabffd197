import { context, createContextKey } from '@opentelemetry/api';
import { guarded } from './telemetry-state.js';

/**
 * Fastify route `config` for a route whose handler makes the request's SERVER span itself (the A2A
 * routes): `@fastify/otel` then starts no `request` span for it, so each call costs one span, not two.
 */
export const OWN_SERVER_SPAN_ROUTE_CONFIG: Readonly<{ otel: false }> = Object.freeze({ otel: false });

/** The HTTP facts of an incoming request that a handler's own SERVER span records. */
export interface HttpServerCall {
  /** `http.request.method`, e.g. `POST`. */
  readonly method: string;
  /** `http.route`: the route template, e.g. `/tasks/:id`. */
  readonly route?: string;
}

// Symbol.for inside: the bootstrap's copy of this lib and the app's bundled one share the key.
const HTTP_SERVER_CALL = createContextKey('@a2a-platform/telemetry.http-server-call');

/**
 * Runs `fn` with `call` in the active context, for a server span started inside it (see
 * {@link activeHttpServerCall}). A plain call of `fn` when telemetry is not started.
 */
export function runInHttpServerCall<T>(call: HttpServerCall, fn: () => T): T {
  let ctx;
  try {
    ctx = context.active().setValue(HTTP_SERVER_CALL, call);
  } catch {
    return fn();
  }
  return context.with(ctx, fn);
}

/** The HTTP request {@link runInHttpServerCall} put in the active context, if any. */
export function activeHttpServerCall(): HttpServerCall | undefined {
  return guarded(
    'activeHttpServerCall',
    () => context.active().getValue(HTTP_SERVER_CALL) as HttpServerCall | undefined,
    undefined,
  );
}
