/** The false-link rate's upper bound against scipy (scripts/golden/make_search_fixtures.py: beta.ppf, betainc). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rateUpperBound, regularizedBeta } from '../../../shared/linking/rate-bound';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'linking', 'rate-bound.json');
const FIXTURE = JSON.parse(readFileSync(file, 'utf8')) as {
  upper: { k: number; m: number; confidence: number; upper: number }[];
  incomplete_beta: { x: number; a: number; b: number; value: number }[];
};

describe('rateUpperBound', () => {
  it('is the Clopper–Pearson bound scipy gives, integer and weighted counts, 1 to 3 million trials', () => {
    expect(FIXTURE.upper.length).toBeGreaterThan(80);
    for (const c of FIXTURE.upper) {
      const got = rateUpperBound(c.k, c.m, c.confidence);
      expect(Math.abs(got - c.upper) / c.upper, `k=${c.k} m=${c.m} c=${c.confidence}`).toBeLessThan(1e-7);
    }
  });
  it('gives the rule of three for no event: about 3/m at 95 %', () => {
    expect(rateUpperBound(0, 30_000) * 30_000).toBeCloseTo(2.996, 3);
  });
  it('grows with the count and shrinks with the trials', () => {
    expect(rateUpperBound(5, 1000)).toBeGreaterThan(rateUpperBound(4, 1000));
    expect(rateUpperBound(5, 2000)).toBeLessThan(rateUpperBound(5, 1000));
    expect(rateUpperBound(10, 10)).toBe(1);
  });
});

describe('regularizedBeta', () => {
  it('matches scipy.special.betainc', () => {
    for (const c of FIXTURE.incomplete_beta) expect(regularizedBeta(c.x, c.a, c.b), `${c.x} ${c.a} ${c.b}`).toBeCloseTo(c.value, 10);
  });
});
