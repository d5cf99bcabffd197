/** A stated target and whether this run met it. Benchmarks never fail on a target: they report it. */
export interface TargetCheck {
  /** What the target says, for example `>= 3x SDK`. */
  readonly target: string;
  /** The measured figure it is judged on, formatted. */
  readonly measured: string;
  readonly met: boolean;
}

/** `PASS` or `MISS`, printed next to the measured figure. */
export function verdict(check: TargetCheck): string {
  return `${check.measured} (target ${check.target}: ${check.met ? 'PASS' : 'MISS'})`;
}

/** Checks `value >= threshold`; NaN never meets it. */
export function atLeast(value: number, threshold: number, target: string, measured: string): TargetCheck {
  return { target, measured, met: value >= threshold };
}

/** Checks `value <= threshold`; NaN never meets it. */
export function atMost(value: number, threshold: number, target: string, measured: string): TargetCheck {
  return { target, measured, met: value <= threshold };
}

/** `a / b` with two decimals and an `x`, or `n/a`. */
export function ratioText(a: number, b: number): string {
  const ratio = a / b;
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a';
}

/** A number with thousands separators and `digits` decimals. */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds with two decimals. */
export function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)} ms` : 'n/a';
}
