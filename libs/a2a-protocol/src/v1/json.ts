import { z } from 'zod';

/** A JSON object (`google.protobuf.Struct`). */
export const JsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = Record<string, unknown>;

/** ISO 8601 timestamp (`google.protobuf.Timestamp` in ProtoJSON). */
export const TimestampSchema = z.iso.datetime({ offset: true });
