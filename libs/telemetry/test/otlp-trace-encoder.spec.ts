import { SpanKind, SpanStatusCode, type Attributes, type HrTime, type SpanContext } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { encodeTraceExportRequest } from '../src/export/otlp-trace-encoder.js';

// The encoder replaces the SDK's protobuf serializer for speed; its output must be the SDK's, byte for
// byte, for any span the SDK can hand an exporter.

const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));

/** Three-byte UTF-8 characters: 40 to 64 of them straddle the 127 bytes a one-byte length can say. */
const threeByteText = fc.string({
  unit: fc.integer({ min: 0x800, max: 0xd7ff }).map((code) => String.fromCharCode(code)),
  minLength: 40,
  maxLength: 64,
});

/** Strings of every kind: ASCII, any code point (lone surrogates too), multi-byte, long. */
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  threeByteText,
  fc.string({ minLength: 100, maxLength: 400 }),
);

const scalar = fc.oneof(
  text,
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(
    0,
    -0,
    2 ** 32,
    2 ** 40,
    -(2 ** 40),
    2 ** 53,
    -(2 ** 63),
    2 ** 63,
    1.5,
    -0.25,
    NaN,
    Infinity,
  ),
  fc.double(),
);

const attributes: fc.Arbitrary<Attributes> = fc.dictionary(
  text,
  fc.oneof(
    scalar,
    fc.array(text, { maxLength: 4 }),
    fc.array(fc.integer(), { maxLength: 4 }),
    fc.array(fc.boolean(), { maxLength: 4 }),
  ),
  { maxKeys: 6 },
);

const hrTime: fc.Arbitrary<HrTime> = fc.tuple(
  fc.integer({ min: 0, max: 4_000_000_000 }),
  fc.integer({ min: 0, max: 999_999_999 }),
);

const spanContext: fc.Arbitrary<SpanContext> = fc.record(
  {
    traceId: hex(16),
    spanId: hex(8),
    traceFlags: fc.constantFrom(0, 1),
    isRemote: fc.boolean(),
    traceState: fc.constantFrom(new TraceState('vendor=value'), new TraceState('a=1,b=2')),
  },
  { requiredKeys: ['traceId', 'spanId', 'traceFlags'] },
);

const resources = [
  resourceFromAttributes({ 'service.name': 'inventory-agent', 'process.pid': 42, 'host.arch': 'amd64' }),
  resourceFromAttributes(
    { 'service.name': 'orchestrator' },
    { schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' },
  ),
];
const scopes = [
  { name: '@a2a-platform/telemetry' },
  { name: '@opentelemetry/instrumentation-http', version: '0.223.0' },
  { name: 'scoped', version: '1', schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' },
];

const span: fc.Arbitrary<ReadableSpan> = fc
  .record({
    name: text,
    kind: fc.constantFrom(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER),
    context: spanContext,
    parent: fc.option(spanContext, { nil: undefined }),
    startTime: hrTime,
    endTime: hrTime,
    status: fc.record(
      {
        code: fc.constantFrom(SpanStatusCode.UNSET, SpanStatusCode.OK, SpanStatusCode.ERROR),
        message: text,
      },
      { requiredKeys: ['code'] },
    ),
    attributes,
    events: fc.array(
      fc.record(
        { time: hrTime, name: text, attributes, droppedAttributesCount: fc.nat(3) },
        { requiredKeys: ['time', 'name'] },
      ),
      { maxLength: 3 },
    ),
    links: fc.array(
      fc.record(
        { context: spanContext, attributes, droppedAttributesCount: fc.nat(3) },
        { requiredKeys: ['context'] },
      ),
      { maxLength: 2 },
    ),
    dropped: fc.tuple(fc.nat(300), fc.nat(3), fc.nat(3)),
    resource: fc.nat(resources.length - 1),
    scope: fc.nat(scopes.length - 1),
  })
  .map((s) => ({
    name: s.name,
    kind: s.kind,
    spanContext: () => s.context,
    parentSpanContext: s.parent,
    startTime: s.startTime,
    endTime: s.endTime,
    duration: [0, 0] as HrTime,
    ended: true,
    status: s.status,
    attributes: s.attributes,
    events: s.events,
    links: s.links,
    droppedAttributesCount: s.dropped[0],
    droppedEventsCount: s.dropped[1],
    droppedLinksCount: s.dropped[2],
    resource: resources[s.resource],
    instrumentationScope: scopes[s.scope],
  }));

function sdkBytes(spans: ReadableSpan[]): Buffer {
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
}

describe('encodeTraceExportRequest', () => {
  it('writes the bytes the SDK serializer writes, for any batch of spans', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 8 }), (spans) => {
        expect(Buffer.from(encodeTraceExportRequest(spans)).equals(sdkBytes(spans))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('writes large batches whose lengths need several bytes, the same way', () => {
    const batch = fc.sample(span, { numRuns: 600, seed: 7 });
    const ours = Buffer.from(encodeTraceExportRequest(batch));
    expect(ours.length).toBeGreaterThan(0x4000);
    expect(ours.equals(sdkBytes(batch))).toBe(true);
  });

  it('encodes a batch with no spans as an empty request', () => {
    expect(encodeTraceExportRequest([]).length).toBe(0);
  });

  it('reuses no memory between requests: an earlier result is not overwritten', () => {
    const [first, second] = fc.sample(span, { numRuns: 2, seed: 3 });
    const a = encodeTraceExportRequest([first]);
    const copy = Buffer.from(a);
    encodeTraceExportRequest([second]);
    expect(Buffer.from(a).equals(copy)).toBe(true);
  });
});
