/**
 * Deep copy of a JSON value (what the Redis store would read back): objects and arrays are
 * copied, `undefined` properties are dropped, primitives are kept. About ten times faster than
 * `structuredClone` on task-sized objects, which matters because every returned record is a copy.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = copyJson(item);
  }
  return out as T;
}

/**
 * Freezes a value and everything it holds. Stops at objects that are already frozen: the store
 * only freezes whole trees, so a frozen object's children are frozen too.
 */
export function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) freezeDeep((value as Record<string, unknown>)[key]);
  return value;
}
