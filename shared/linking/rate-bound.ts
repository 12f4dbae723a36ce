/**
 * The one-sided upper confidence bound of a rate observed as k events among m trials: the Clopper–Pearson bound,
 * the `confidence` quantile of Beta(k + 1, m − k) (for k = 0, 1 − (1 − c)^(1/m): the "rule of three", about 3/m at
 * 95 %). Used for the false-link rate of a search threshold (search-threshold.ts): a calibration's m different-source
 * pairs cannot show a rate below about 3/m, however far into the tail the threshold goes.
 * Written by hand: no library of the stack gives the incomplete beta function; checked against scipy
 * (scripts/golden/make_search_fixtures.py: scipy.stats.beta.ppf, scipy.special.betainc).
 */

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error about 1e-15). The same approximation as
 * profiling/util/special.ts, but not that function: it rounds z + g + ½ in two steps where this rounds z + 7.5 once,
 * which differs in the last bit for some x, and the links records' rate bounds were computed with this one.
 */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) return h;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), a, b > 0, 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/**
 * Upper `confidence` bound (default 95 %) of a rate seen as `k` events among `m` trials (k may be a weighted count,
 * 0 ≤ k ≤ m); 1 when k ≥ m. Bisection to 2^-120 of the unit interval. O(120 × fraction terms).
 */
export function rateUpperBound(k: number, m: number, confidence = 0.95): number {
  if (!(m > 0) || k >= m) return 1;
  if (k <= 0) return -Math.expm1(Math.log1p(-confidence) / m);
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 120; it++) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, k + 1, m - k) < confidence) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
