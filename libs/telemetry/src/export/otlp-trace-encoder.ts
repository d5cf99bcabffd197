import type { Attributes, HrTime, Link, SpanContext, SpanStatus } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import {
  ProtobufBuffer,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
} from './protobuf-buffer.js';

// OTLP `ExportTraceServiceRequest` (opentelemetry-proto, collector/trace/v1 and trace/v1) in protobuf,
// field for field in the order and with the defaults of the OpenTelemetry SDK's own encoder, whose
// output it reproduces byte for byte (the tests compare them). It exists because it is faster: one pass,
// native string writes, attribute keys encoded once per process.

const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;
const NANOS_PER_SECOND = 1_000_000_000;
const TWO_TO_32 = 0x1_0000_0000;
const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;
/** Bytes per span to start the buffer with: enough for a span with a dozen attributes. */
const BYTES_PER_SPAN_GUESS = 768;
/** Attribute keys kept encoded; past this many distinct keys the rest are encoded each time. */
const MAX_CACHED_KEYS = 1024;

const keyFields = new Map<string, Uint8Array>();

/** `KeyValue.key` (field 1) with its tag and length, from the cache when the key was seen before. */
function writeKey(out: ProtobufBuffer, key: string): void {
  const cached = keyFields.get(key);
  if (cached) return out.raw(cached);
  const start = out.pos;
  out.tag(1, WIRE_LENGTH_DELIMITED);
  out.string(key);
  if (keyFields.size < MAX_CACHED_KEYS) keyFields.set(key, out.copyFrom(start));
}

/** An HrTime as nanoseconds since the epoch, fixed64, without leaving exact double arithmetic. */
function writeTime(out: ProtobufBuffer, [seconds, nanos]: HrTime): void {
  const lowSeconds = seconds & 0xffff;
  const highSeconds = (seconds / 0x10000) >>> 0;
  const fromLow = lowSeconds * NANOS_PER_SECOND; // < 2^53
  const fromHigh = highSeconds * NANOS_PER_SECOND; // < 2^53, counts 2^16 times
  const low = (fromLow >>> 0) + (((fromHigh & 0xffff) * 0x10000) >>> 0) + nanos;
  const high = Math.floor(fromLow / TWO_TO_32) + ((fromHigh / 0x10000) >>> 0) + Math.floor(low / TWO_TO_32);
  out.fixed64(low >>> 0, high >>> 0);
}

function writeAnyValue(out: ProtobufBuffer, value: unknown): void {
  if (typeof value === 'string') {
    out.tag(1, WIRE_LENGTH_DELIMITED);
    out.string(value);
  } else if (typeof value === 'boolean') {
    out.tag(2, WIRE_VARINT);
    out.uint32(value ? 1 : 0);
  } else if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
      out.tag(3, WIRE_VARINT);
      out.int64(value);
    } else {
      out.tag(4, WIRE_FIXED64);
      out.double(value);
    }
  } else if (value instanceof Uint8Array) {
    out.tag(7, WIRE_LENGTH_DELIMITED);
    out.bytes(value);
  } else if (Array.isArray(value)) {
    out.tag(5, WIRE_LENGTH_DELIMITED);
    const array = out.open();
    for (const item of value) {
      out.tag(1, WIRE_LENGTH_DELIMITED);
      const element = out.open();
      writeAnyValue(out, item);
      out.close(element);
    }
    out.close(array);
  } else if (typeof value === 'object' && value !== null) {
    out.tag(6, WIRE_LENGTH_DELIMITED);
    const list = out.open();
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      out.tag(1, WIRE_LENGTH_DELIMITED);
      writeKeyValue(out, key, (value as Record<string, unknown>)[key]);
    }
    out.close(list);
  }
  // Anything else (undefined, null, functions) is an empty AnyValue.
}

/** A `KeyValue` message body, opened and closed here (its tag is the caller's). */
function writeKeyValue(out: ProtobufBuffer, key: string, value: unknown): void {
  const keyValue = out.open();
  writeKey(out, key);
  out.tag(2, WIRE_LENGTH_DELIMITED);
  const anyValue = out.open();
  writeAnyValue(out, value);
  out.close(anyValue);
  out.close(keyValue);
}

function writeAttributes(out: ProtobufBuffer, attributes: Attributes, field: number): void {
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    out.tag(field, WIRE_LENGTH_DELIMITED);
    writeKeyValue(out, key, attributes[key]);
  }
}

function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | HAS_IS_REMOTE | (isRemote ? IS_REMOTE : 0);
}

function writeStatus(out: ProtobufBuffer, status: SpanStatus): void {
  const start = out.open();
  if (status.message) {
    out.tag(2, WIRE_LENGTH_DELIMITED);
    out.string(status.message);
  }
  out.tag(3, WIRE_VARINT);
  out.uint32(status.code);
  out.close(start);
}

function writeEvent(out: ProtobufBuffer, event: TimedEvent): void {
  const start = out.open();
  out.tag(1, WIRE_FIXED64);
  writeTime(out, event.time);
  out.tag(2, WIRE_LENGTH_DELIMITED);
  out.string(event.name);
  if (event.attributes) writeAttributes(out, event.attributes, 3);
  out.tag(4, WIRE_VARINT);
  out.uint32(event.droppedAttributesCount || 0);
  out.close(start);
}

function writeIds(out: ProtobufBuffer, ctx: SpanContext): void {
  out.tag(1, WIRE_LENGTH_DELIMITED);
  out.hexBytes(ctx.traceId);
  out.tag(2, WIRE_LENGTH_DELIMITED);
  out.hexBytes(ctx.spanId);
  const traceState = ctx.traceState?.serialize();
  if (traceState) {
    out.tag(3, WIRE_LENGTH_DELIMITED);
    out.string(traceState);
  }
}

function writeLink(out: ProtobufBuffer, link: Link): void {
  const start = out.open();
  writeIds(out, link.context);
  if (link.attributes) writeAttributes(out, link.attributes, 4);
  out.tag(5, WIRE_VARINT);
  out.uint32(link.droppedAttributesCount || 0);
  out.tag(6, WIRE_FIXED32);
  out.fixed32(spanFlags(link.context.traceFlags, link.context.isRemote));
  out.close(start);
}

function writeSpan(out: ProtobufBuffer, span: ReadableSpan): void {
  const start = out.open();
  const ctx = span.spanContext();
  writeIds(out, ctx);
  const parentSpanId = span.parentSpanContext?.spanId;
  if (parentSpanId) {
    out.tag(4, WIRE_LENGTH_DELIMITED);
    out.hexBytes(parentSpanId);
  }
  out.tag(5, WIRE_LENGTH_DELIMITED);
  out.string(span.name);
  // OTLP numbers kinds from 1 (0 is unspecified); the API from 0.
  const kind = span.kind == null ? 0 : span.kind + 1;
  if (kind !== 0) {
    out.tag(6, WIRE_VARINT);
    out.uint32(kind);
  }
  out.tag(7, WIRE_FIXED64);
  writeTime(out, span.startTime);
  out.tag(8, WIRE_FIXED64);
  writeTime(out, span.endTime);
  writeAttributes(out, span.attributes, 9);
  out.tag(10, WIRE_VARINT);
  out.uint32(span.droppedAttributesCount);
  for (const event of span.events) {
    out.tag(11, WIRE_LENGTH_DELIMITED);
    writeEvent(out, event);
  }
  out.tag(12, WIRE_VARINT);
  out.uint32(span.droppedEventsCount);
  for (const link of span.links) {
    out.tag(13, WIRE_LENGTH_DELIMITED);
    writeLink(out, link);
  }
  out.tag(14, WIRE_VARINT);
  out.uint32(span.droppedLinksCount);
  out.tag(15, WIRE_LENGTH_DELIMITED);
  writeStatus(out, span.status);
  out.tag(16, WIRE_FIXED32);
  out.fixed32(spanFlags(ctx.traceFlags, span.parentSpanContext?.isRemote));
  out.close(start);
}

function writeScope(out: ProtobufBuffer, scope: InstrumentationScope): void {
  out.tag(1, WIRE_LENGTH_DELIMITED);
  const start = out.open();
  out.tag(1, WIRE_LENGTH_DELIMITED);
  out.string(scope.name);
  if (scope.version) {
    out.tag(2, WIRE_LENGTH_DELIMITED);
    out.string(scope.version);
  }
  // Newer scopes carry attributes; the type here may not name them yet.
  const { attributes, droppedAttributesCount } = scope as {
    attributes?: Attributes;
    droppedAttributesCount?: number;
  };
  if (attributes) writeAttributes(out, attributes, 3);
  if (droppedAttributesCount) {
    out.tag(4, WIRE_VARINT);
    out.uint32(droppedAttributesCount);
  }
  out.close(start);
}

function writeResource(out: ProtobufBuffer, resource: Resource): void {
  out.tag(1, WIRE_LENGTH_DELIMITED);
  const start = out.open();
  writeAttributes(out, resource.attributes, 1);
  out.tag(2, WIRE_VARINT);
  out.uint32(0);
  out.close(start);
}

/** Spans grouped by resource, then by instrumentation scope, in order of first appearance. */
function groupSpans(
  spans: readonly ReadableSpan[],
): Map<Resource, Map<InstrumentationScope, ReadableSpan[]>> {
  const byResource = new Map<Resource, Map<InstrumentationScope, ReadableSpan[]>>();
  for (const span of spans) {
    let byScope = byResource.get(span.resource);
    if (!byScope) byResource.set(span.resource, (byScope = new Map()));
    let group = byScope.get(span.instrumentationScope);
    if (!group) byScope.set(span.instrumentationScope, (group = []));
    group.push(span);
  }
  return byResource;
}

/** Encodes ended spans as an OTLP `ExportTraceServiceRequest` in protobuf. */
export function encodeTraceExportRequest(spans: readonly ReadableSpan[]): Uint8Array {
  const out = new ProtobufBuffer(1024 + spans.length * BYTES_PER_SPAN_GUESS);
  for (const [resource, byScope] of groupSpans(spans)) {
    out.tag(1, WIRE_LENGTH_DELIMITED);
    const resourceSpans = out.open();
    writeResource(out, resource);
    for (const [scope, group] of byScope) {
      out.tag(2, WIRE_LENGTH_DELIMITED);
      const scopeSpans = out.open();
      writeScope(out, scope);
      for (const span of group) {
        out.tag(2, WIRE_LENGTH_DELIMITED);
        writeSpan(out, span);
      }
      if (scope.schemaUrl) {
        out.tag(3, WIRE_LENGTH_DELIMITED);
        out.string(scope.schemaUrl);
      }
      out.close(scopeSpans);
    }
    if (resource.schemaUrl) {
      out.tag(3, WIRE_LENGTH_DELIMITED);
      out.string(resource.schemaUrl);
    }
    out.close(resourceSpans);
  }
  return out.finish();
}
