import protobuf from 'protobufjs';

// OTLP trace requests (opentelemetry-proto, trace/v1 and collector/trace/v1) as a protobufjs schema, for
// in-test and bench collectors that receive `http/protobuf`. Only the fields a receiver reads back are
// typed precisely; protobufjs skips the rest.

const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });
const field = (type: string, id: number) => ({ type, id });

const OTLP_TRACES_SCHEMA = {
  nested: {
    ExportTraceServiceRequest: { fields: { resourceSpans: repeated('ResourceSpans', 1) } },
    ResourceSpans: {
      fields: {
        resource: field('Resource', 1),
        scopeSpans: repeated('ScopeSpans', 2),
        schemaUrl: field('string', 3),
      },
    },
    Resource: { fields: { attributes: repeated('KeyValue', 1), droppedAttributesCount: field('uint32', 2) } },
    ScopeSpans: {
      fields: {
        scope: field('InstrumentationScope', 1),
        spans: repeated('Span', 2),
        schemaUrl: field('string', 3),
      },
    },
    InstrumentationScope: {
      fields: {
        name: field('string', 1),
        version: field('string', 2),
        attributes: repeated('KeyValue', 3),
        droppedAttributesCount: field('uint32', 4),
      },
    },
    Span: {
      fields: {
        traceId: field('bytes', 1),
        spanId: field('bytes', 2),
        traceState: field('string', 3),
        parentSpanId: field('bytes', 4),
        name: field('string', 5),
        kind: field('int32', 6),
        startTimeUnixNano: field('fixed64', 7),
        endTimeUnixNano: field('fixed64', 8),
        attributes: repeated('KeyValue', 9),
        droppedAttributesCount: field('uint32', 10),
        events: repeated('Event', 11),
        droppedEventsCount: field('uint32', 12),
        links: repeated('Link', 13),
        droppedLinksCount: field('uint32', 14),
        status: field('Status', 15),
        flags: field('fixed32', 16),
      },
    },
    Event: {
      fields: {
        timeUnixNano: field('fixed64', 1),
        name: field('string', 2),
        attributes: repeated('KeyValue', 3),
        droppedAttributesCount: field('uint32', 4),
      },
    },
    Link: {
      fields: {
        traceId: field('bytes', 1),
        spanId: field('bytes', 2),
        traceState: field('string', 3),
        attributes: repeated('KeyValue', 4),
        droppedAttributesCount: field('uint32', 5),
        flags: field('fixed32', 6),
      },
    },
    Status: { fields: { message: field('string', 2), code: field('int32', 3) } },
    KeyValue: { fields: { key: field('string', 1), value: field('AnyValue', 2) } },
    AnyValue: {
      fields: {
        stringValue: field('string', 1),
        boolValue: field('bool', 2),
        intValue: field('int64', 3),
        doubleValue: field('double', 4),
        arrayValue: field('ArrayValue', 5),
        kvlistValue: field('KeyValueList', 6),
        bytesValue: field('bytes', 7),
      },
    },
    ArrayValue: { fields: { values: repeated('AnyValue', 1) } },
    KeyValueList: { fields: { values: repeated('KeyValue', 1) } },
  },
};

const ExportTraceServiceRequest =
  protobuf.Root.fromJSON(OTLP_TRACES_SCHEMA).lookupType('ExportTraceServiceRequest');

/** An attribute value as OTLP/JSON spells it (64-bit integers as decimal strings, or numbers from JS SDKs). */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}

export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

/** A span as OTLP/JSON spells it: ids in lowercase hex, times as decimal strings. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: OtlpKeyValue[];
  events?: { timeUnixNano?: string; name?: string; attributes?: OtlpKeyValue[] }[];
  links?: { traceId: string; spanId: string; traceState?: string; attributes?: OtlpKeyValue[] }[];
  status?: { code?: number; message?: string };
  flags?: number;
}

/** An OTLP traces request in the shape of its JSON encoding, whichever encoding it arrived in. */
export interface OtlpTracesBody {
  resourceSpans?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: { scope?: { name?: string; version?: string }; spans?: OtlpSpan[] }[];
  }[];
}

const hex = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? Buffer.from(value, 'base64').toString('hex') : undefined;

/** Rewrites the base64 ids protobufjs produced as the lowercase hex OTLP/JSON uses. */
function hexIds(body: OtlpTracesBody): OtlpTracesBody {
  for (const rs of body.resourceSpans ?? []) {
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        span.traceId = hex(span.traceId) ?? '';
        span.spanId = hex(span.spanId) ?? '';
        span.parentSpanId = hex(span.parentSpanId);
        for (const link of span.links ?? []) {
          link.traceId = hex(link.traceId) ?? '';
          link.spanId = hex(link.spanId) ?? '';
        }
      }
    }
  }
  return body;
}

/**
 * Decodes an OTLP `http/protobuf` traces request (`ExportTraceServiceRequest`) into the shape
 * `JSON.parse` gives for its `http/json` encoding, so a receiver reads both the same way. Throws on a body
 * that is not a valid request.
 */
export function decodeOtlpTraces(body: Uint8Array): OtlpTracesBody {
  const message = ExportTraceServiceRequest.decode(body);
  const object = ExportTraceServiceRequest.toObject(message, { longs: String, bytes: String });
  return hexIds(object as OtlpTracesBody);
}

/** True when an OTLP/HTTP request's content type is the protobuf encoding. */
export function isOtlpProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').includes('application/x-protobuf');
}
