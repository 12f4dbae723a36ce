/**
 * Log-odds arithmetic for likelihood ratios, in base 10 as forensic LR systems report them (LiR; Meuwly, Ramos &
 * Haraksim 2017): computed through log1p/expm1 so that LRs of 10^±300 neither overflow nor lose their digits.
 */

const LN10 = Math.LN10;

/** log2(1 + 10^x) without overflow (x in log10 units); +∞ for x = +∞, 0 for x = −∞. */
export function log2OnePlusPow10(x: number): number {
  if (x === Infinity) return Infinity;
  if (x === -Infinity) return 0;
  // Softplus in natural logs: ln(1 + e^t) = t + ln(1 + e^−t) for t > 0, so large LRs never overflow.
  const t = x * LN10;
  return (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))) / Math.LN2;
}

/** log10 odds of a probability p in [0, 1] (±∞ at 0 and 1). */
export function probabilityToLog10Odds(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  return Math.log10(p) - Math.log10(1 - p);
}

/** Natural-log value in log10 units. */
export const lnToLog10 = (x: number): number => x / LN10;
