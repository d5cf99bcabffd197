import { SampleBuffer, percentile, summarize } from './latency-stats.js';

describe('latency stats', () => {
  it('takes nearest-rank percentiles of ascending samples', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile(sorted, 1)).toBe(100);
    expect(percentile(new Float64Array(0), 0.5)).toBeNaN();
  });

  it('keeps every sample past its initial capacity and sorts them numerically', () => {
    const buffer = new SampleBuffer();
    for (let i = 5000; i > 0; i--) buffer.push(i / 10);
    const summary = buffer.summary();
    expect(summary.count).toBe(5000);
    expect(summary.max).toBe(500);
    expect(summary.p50).toBe(250);
    expect(summary.mean).toBeCloseTo(250.05, 5);
  });

  it('summarises an empty set as NaN figures', () => {
    expect(summarize(new Float64Array(0))).toMatchObject({ count: 0, max: NaN, p99: NaN });
  });
});
