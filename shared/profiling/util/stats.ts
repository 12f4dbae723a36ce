/** Small descriptive statistics on typed arrays (two-pass, numerically stable enough for profiling data). */

/** Arithmetic mean of `x`; NaN for an empty array. O(n). */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variance (ddof = 1, as numpy.var(ddof=1)); 0 when fewer than 2 values. O(n). */
export function variance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return 0;
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    s += d * d;
  }
  return s / (n - 1);
}

/** Median of `x` (copy sorted; average of the two middle values for even n); NaN when empty. O(n log n). */
export function median(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return Number.NaN;
  const s = Float64Array.from(x).sort();
  const h = n >> 1;
  return n % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Pearson correlation between columns `a` and `b` of a row-major n×p matrix; NaN when either column
 * is constant. O(n).
 */
export function columnCorrelation(values: Float64Array, n: number, p: number, a: number, b: number): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += values[i * p + a];
    mb += values[i * p + b];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = values[i * p + a] - ma;
    const db = values[i * p + b] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa <= 0 || sbb <= 0) return Number.NaN;
  return sab / Math.sqrt(saa * sbb);
}
