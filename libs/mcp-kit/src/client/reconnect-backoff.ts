/** Delays between connection attempts. */
export interface BackoffOptions {
  /** @defaultValue 250 */
  initialDelayMs?: number;
  /** @defaultValue 5000 */
  maxDelayMs?: number;
  /** @defaultValue 2 */
  factor?: number;
}

/**
 * The delay before attempt `attempt + 1`: exponential, capped, with jitter in the upper half so that
 * many agents restarting together do not reconnect in step.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const initial = options.initialDelayMs ?? 250;
  const max = options.maxDelayMs ?? 5_000;
  const factor = options.factor ?? 2;
  const capped = Math.min(max, initial * Math.pow(factor, Math.max(0, attempt)));
  return Math.round(capped * (0.5 + random() * 0.5));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
