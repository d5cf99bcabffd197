import protobuf from 'protobufjs';

// Counting the spans of an OTLP `http/protobuf` traces request without building its messages: the
// receiver of the tracing benchmark stands in for a collector, and the benchmark measures the traced
// service, so the receiver should cost as little of the shared cores as it can while still checking what
// arrived. Field numbers: opentelemetry-proto, collector/trace/v1 and trace/v1.

const LENGTH_DELIMITED = 2;
const REQUEST_RESOURCE_SPANS = 1; // ExportTraceServiceRequest.resource_spans
const RESOURCE_SPANS_SCOPE_SPANS = 2; // ResourceSpans.scope_spans
const SCOPE_SPANS_SPANS = 2; // ScopeSpans.spans
const SPAN_TRACE_ID = 1; // Span.trace_id
const SPAN_NAME = 5; // Span.name

/** What one span contributes to the tallies. */
export interface SpanSighting {
  traceId: string;
  name: string;
}

/** Calls `visit` for each length-delimited field `field` of the message in `reader` up to `end`. */
function eachEmbedded(
  reader: protobuf.Reader,
  end: number,
  field: number,
  visit: (end: number) => void,
): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === field && (tag & 7) === LENGTH_DELIMITED) {
      const length = reader.uint32(); // read before pos: it moves pos past the length
      const stop = reader.pos + length;
      if (stop > end) throw new Error(`field ${field} runs past its message`);
      visit(stop); // reads exactly to `stop` or throws
    } else {
      reader.skipType(tag & 7);
    }
  }
  if (reader.pos !== end) throw new Error(`a field runs past its message`);
}

function readSpan(reader: protobuf.Reader, end: number): SpanSighting {
  let traceId = '';
  let name = '';
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === SPAN_TRACE_ID && (tag & 7) === LENGTH_DELIMITED) {
      const bytes = reader.bytes();
      traceId = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
    } else if (field === SPAN_NAME && (tag & 7) === LENGTH_DELIMITED) {
      name = reader.string();
    } else {
      reader.skipType(tag & 7);
    }
  }
  if (reader.pos !== end) throw new Error('a span field runs past the span');
  return { traceId, name };
}

/**
 * Walks an `ExportTraceServiceRequest` and calls `onSpan` with each span's trace id (hex) and name;
 * returns the number of spans. Every field is stepped over by its wire type, so a truncated or malformed
 * body throws instead of being half counted.
 */
export function tallyProtobufSpans(body: Uint8Array, onSpan: (span: SpanSighting) => void): number {
  const reader = protobuf.Reader.create(body);
  let spans = 0;
  eachEmbedded(reader, body.length, REQUEST_RESOURCE_SPANS, (resourceEnd) =>
    eachEmbedded(reader, resourceEnd, RESOURCE_SPANS_SCOPE_SPANS, (scopeEnd) =>
      eachEmbedded(reader, scopeEnd, SCOPE_SPANS_SPANS, (spanEnd) => {
        onSpan(readSpan(reader, spanEnd));
        spans += 1;
      }),
    ),
  );
  return spans;
}
