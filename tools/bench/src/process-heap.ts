/**
 * Heap in use after a full collection (the process must run with `--expose-gc`; without it the
 * figure includes garbage and is only indicative).
 */
export async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3 && gc; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** Resolves once `condition()` holds; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until `count()` reaches `expected`, or until it has not moved for `quietMs`. */
export async function waitForDeliveries(
  count: () => number,
  expected: number,
  quietMs: number,
): Promise<void> {
  let last = count();
  let movedAt = Date.now();
  while (count() < expected && Date.now() - movedAt < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (count() !== last) {
      last = count();
      movedAt = Date.now();
    }
  }
}
