/**
 * Special functions for the Student t of the contamination mixture (student-t.ts): log Γ and the digamma ψ. Written
 * here because the few lines needed do not justify a dependency (no small, well-kept npm package carries both);
 * checked against scipy.special.gammaln / digamma in the golden fixture (scripts/golden/make_selection_fixtures.py).
 */

/** Lanczos coefficients, g = 7, n = 9 (Numerical Recipes 3rd ed., §6.1; relative error below 1e-15 for x > 0). */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log Γ(x) for x > 0 (Lanczos approximation). O(1). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0 (got ${x})`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * ψ(x) = d/dx log Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series
 * (Abramowitz & Stegun 6.3.18) to the x⁻¹² term, whose first omitted term is below 1e-15 there. O(1).
 */
export function digamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`digamma needs x > 0 (got ${x})`);
  let r = 0;
  while (x < 10) {
    r -= 1 / x;
    x += 1;
  }
  const q = 1 / (x * x);
  const series = q * (1 / 12 - q * (1 / 120 - q * (1 / 252 - q * (1 / 240 - q * (1 / 132 - q * (691 / 32760))))));
  return r + Math.log(x) - 0.5 / x - series;
}
