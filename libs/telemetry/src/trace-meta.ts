import { context, trace, type Context, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { guarded } from './telemetry-state.js';

/** The `_meta` keys that carry W3C trace context in MCP requests. */
export const TRACE_META_KEYS = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

// W3C explicitly rather than the global propagator: the global one is a no-op until the SDK starts, and
// `_meta` must follow the W3C format whatever OTEL_PROPAGATORS says for HTTP headers.
const w3c = new W3CTraceContextPropagator();

type MetaCarrier = Record<string, unknown>;

const metaGetter: TextMapGetter<MetaCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    return typeof value === 'string' ? value : undefined;
  },
};

/**
 * Writes `traceparent` (and `tracestate` when there is one) of `ctx` into an MCP `params._meta` object and
 * returns that same object. Writes nothing when `ctx` holds no valid span.
 */
export function injectTraceMeta<M extends MetaCarrier>(
  meta: M = {} as M,
  ctx: Context = context.active(),
): M {
  guarded(
    'injectTraceMeta',
    () =>
      w3c.inject(ctx, meta, {
        set: (carrier, key, value) => {
          (carrier as MetaCarrier)[key] = value;
        },
      }),
    undefined,
  );
  return meta;
}

/** True when `meta` carries a `traceparent` string. */
export function hasTraceMeta(meta: unknown): meta is MetaCarrier {
  return (
    typeof meta === 'object' && meta !== null && typeof (meta as MetaCarrier)['traceparent'] === 'string'
  );
}

/**
 * The context to parent a server span on: `base` (by default the active one, e.g. from HTTP headers) with
 * its span replaced by the remote parent from `_meta` when `_meta` carries a valid `traceparent`.
 */
export function extractTraceMeta(meta: unknown, base: Context = context.active()): Context {
  if (!hasTraceMeta(meta)) return base;
  return guarded(
    'extractTraceMeta',
    () => {
      const extracted = w3c.extract(base, meta, metaGetter);
      // An invalid traceparent extracts to `base` unchanged; keep that rather than a half-parsed context.
      return trace.getSpanContext(extracted) ? extracted : base;
    },
    base,
  );
}
