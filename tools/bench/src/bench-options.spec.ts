import { BENCHMARKS, parseBenchOptions, type BenchOptions } from './bench-options.js';

function parse(argv: string[]): BenchOptions {
  const options = parseBenchOptions(argv);
  if (options === 'help') throw new Error('expected options, got help');
  return options;
}

describe('parseBenchOptions', () => {
  it('runs every benchmark, tracing included, when none is named', () => {
    expect(parse([]).benchmarks).toEqual([...BENCHMARKS]);
    expect(BENCHMARKS).toContain('tracing');
  });

  it('runs only the named benchmarks, in their usual order', () => {
    expect(parse(['tracing', 'store']).benchmarks).toEqual(['store', 'tracing']);
  });

  it('reads the tracing settings', () => {
    const { tracing } = parse([
      'tracing',
      '--tracing-seconds',
      '4',
      '--tracing-slices',
      '2',
      '--tracing-warmup',
      '0',
      '--tracing-connections',
      '8',
    ]);
    expect(tracing).toEqual({ seconds: 4, slices: 2, warmupSeconds: 0, connections: 8 });
  });

  it('rejects an unknown benchmark and a bad count', () => {
    expect(() => parse(['tracing', 'nope'])).toThrow(/unknown benchmark "nope"/);
    expect(() => parse(['--tracing-slices', '0'])).toThrow(/--tracing-slices must be a number >= 1/);
  });
});
