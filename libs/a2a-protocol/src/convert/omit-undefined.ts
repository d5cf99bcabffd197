/**
 * A shallow copy of `value` without its `undefined` members. Converters build objects field by field;
 * this keeps absent fields absent on the wire (and in `toStrictEqual`) instead of present-but-undefined.
 */
export function omitUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) out[key] = member;
  }
  return out as T;
}
