/**
 * Hotelling's T² on two principal components, for the confidence ellipse drawn on PCA score plots: a sample's
 * T² = t_a²/λ_a + t_b²/λ_b (λ: the components' variances, ddof = 1), and the limit at level 1 − α for n samples and
 * A = 2 components, T²_lim = A(n − 1)/(n − A) · F(1 − α; A, n − A) (Jackson 1991, "A User's Guide to Principal
 * Components", §1.7; the ellipse of SIMCA and of most chemometrics software). With A = 2 the F quantile has a closed
 * form: the F(2, m) distribution function is 1 − (1 + 2x/m)^(−m/2).
 */

export const HOTELLING_DEFAULTS = {
  /** 1 − α: the 95 % ellipse. */
  level: 0.95,
} as const;

/** Quantile of the F distribution with 2 and m degrees of freedom (m > 0) at probability p in (0, 1). */
export function fQuantile2(p: number, m: number): number {
  if (!(p > 0 && p < 1) || !(m > 0)) throw new RangeError(`fQuantile2 needs 0 < p < 1 and m > 0 (got p = ${p}, m = ${m})`);
  return (m / 2) * ((1 - p) ** (-2 / m) - 1);
}

/** T² limit for two components and n samples (n ≥ 3) at `level` (default 0.95). */
export function hotellingLimit2(n: number, level: number = HOTELLING_DEFAULTS.level): number {
  if (n < 3) throw new RangeError(`a T² limit on two components needs at least 3 samples (got ${n})`);
  return ((2 * (n - 1)) / (n - 2)) * fQuantile2(level, n - 2);
}

export interface T2Ellipse {
  /** Semi-axes along the two components, in score units. */
  rx: number;
  ry: number;
  limit: number;
  level: number;
}

/** The T² ellipse (centred on 0: scores are centred) of two components with variances `varA`, `varB`. */
export function t2Ellipse(n: number, varA: number, varB: number, level: number = HOTELLING_DEFAULTS.level): T2Ellipse {
  const limit = hotellingLimit2(n, level);
  return { rx: Math.sqrt(varA * limit), ry: Math.sqrt(varB * limit), limit, level };
}

/** Each sample's T² on components a and b of row-major n×k scores. O(n). */
export function t2Values(scores: Float64Array, k: number, a: number, b: number, varA: number, varB: number): Float64Array {
  const n = scores.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = scores[i * k + a] ** 2 / varA + scores[i * k + b] ** 2 / varB;
  return out;
}
