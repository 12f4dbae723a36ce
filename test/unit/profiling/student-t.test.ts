/**
 * The ECME step for the t's degrees of freedom (shared/profiling/student-t.ts) on samples of known shape: it finds a
 * t's ν, calls Gaussian data Gaussian, and keeps tails no heavier than the t(4). (Its equality with scipy's root is
 * checked inside the whole EM: contamination.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { DF_MAX, DF_MIN, ecmeDf } from '../../../shared/profiling/student-t';
import { mulberry32 } from '../../../shared/profiling/util/rng';

const rng = mulberry32(11);
const normal = () => rng.nextNormal();
/** A t with an integer ν: a normal over the root of a χ²(ν)/ν. */
const studentT = (nu: number) => {
  let chi = 0;
  for (let k = 0; k < nu; k++) chi += normal() ** 2;
  return normal() / Math.sqrt(chi / nu);
};
const ones = (n: number) => new Float64Array(n).fill(1);

describe('degrees of freedom of the different-source t (ECME)', () => {
  it('finds ν of a t(10) sample of 20,000 within 7–14, from any start', () => {
    const x = Float64Array.from({ length: 20_000 }, () => studentT(10));
    const a = ecmeDf(x, ones(x.length), 0, 1, 4);
    expect(a).toBeGreaterThan(7);
    expect(a).toBeLessThan(14);
    expect(Math.abs(ecmeDf(x, ones(x.length), 0, 1, 150) - a)).toBeLessThan(1e-9);
  });

  it('calls a Gaussian sample Gaussian (ν at or near its upper bound) and a t(2) sample no heavier than the t(4)', () => {
    const g = Float64Array.from({ length: 20_000 }, normal);
    expect(ecmeDf(g, ones(g.length), 0, 1, 4)).toBeGreaterThan(50);
    expect(ecmeDf(g, ones(g.length), 0, 1, 4)).toBeLessThanOrEqual(DF_MAX);
    const h = Float64Array.from({ length: 20_000 }, () => studentT(2));
    expect(ecmeDf(h, ones(h.length), 0, 1, 10)).toBe(DF_MIN);
  });

  it('weighs each value by its weight: a t(2) half given weight 0 leaves the Gaussian half alone', () => {
    const x = Float64Array.from({ length: 20_000 }, (_, k) => (k % 2 === 0 ? normal() : studentT(2)));
    const w = Float64Array.from(x, (_, k) => (k % 2 === 0 ? 1 : 0));
    expect(ecmeDf(x, w, 0, 1, 4)).toBeGreaterThan(50);
  });
});
