/** Distribution of a set of samples (milliseconds unless said otherwise). */
export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Collects samples without boxing them; grows by doubling. */
export class SampleBuffer {
  private data = new Float64Array(1024);
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  /** The samples collected so far, sorted ascending (a copy). */
  sorted(): Float64Array {
    return this.data.slice(0, this.size).sort();
  }

  summary(): LatencySummary {
    return summarize(this.sorted());
  }
}

/** Nearest-rank percentile of ascending samples (`q` in 0..1); NaN when there are none. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Summary of ascending samples. */
export function summarize(sorted: Float64Array): LatencySummary {
  let total = 0;
  for (const value of sorted) total += value;
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? NaN : total / sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.length === 0 ? NaN : sorted[sorted.length - 1],
  };
}

/** Milliseconds elapsed since a `process.hrtime.bigint()` reading taken on this machine (any process). */
export function msSince(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e6;
}
