/** log Γ and ψ (shared/profiling/util/special.ts) against scipy.special.gammaln and digamma (selection.json). */
import { describe, expect, it } from 'vitest';
import { digamma, logGamma } from '../../../shared/profiling/util/special';
import { loadFixture } from './fixtures';

describe('special functions of the Student t', () => {
  const f = loadFixture<{ special: { x: number[]; gammaln: number[]; digamma: number[] } }>('selection').special;
  it('log Γ equals scipy.special.gammaln to 1e-13 (relative above 1)', () => {
    f.x.forEach((x, k) => expect(Math.abs(logGamma(x) - f.gammaln[k])).toBeLessThan(1e-13 * Math.max(1, Math.abs(f.gammaln[k]))));
  });
  it('ψ equals scipy.special.digamma to 1e-13', () => {
    f.x.forEach((x, k) => expect(Math.abs(digamma(x) - f.digamma[k])).toBeLessThan(1e-13));
  });
  it('refuses arguments at or below 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => digamma(-1)).toThrow(RangeError);
  });
});
