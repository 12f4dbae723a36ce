/** Score → LR calibration (PAV and logistic, ELUB-bounded) against scikit-learn (scripts/golden/make_lr_fixtures.py). */
import { describe, expect, it } from 'vitest';
import { fitIsotonic, isotonicAt } from '../../../shared/lr/pav';
import { LrFitError, fitScoreLr, scoreLlr, scoreLlrs } from '../../../shared/lr/score-lr';
import { LR_FIXTURE } from './fixture';

const p = LR_FIXTURE.pipeline;

describe('score → LR calibration', () => {
  it('PAV: the points sklearn keeps, its predictions, the ELUB bounds and the bounded test LRs', () => {
    const m = fitScoreLr(p.train_distance, p.train_label, { method: 'pav' });
    expect(m.offset).toBe(p.offset);
    expect(m.pav!.x.length).toBe(p.pav.x.length);
    // log10 may differ from numpy's by an ulp.
    m.pav!.x.forEach((v, k) => expect(Math.abs(v - p.pav.x[k])).toBeLessThan(1e-14 * Math.max(1, Math.abs(v))));
    m.pav!.y.forEach((v, k) => expect(Math.abs(v - p.pav.y[k])).toBeLessThan(1e-12));
    expect([m.bounds.lower, m.bounds.upper]).toEqual(p.pav.bounds);
    const got = scoreLlrs(m, p.test_distance);
    got.forEach((v, k) => expect(Math.abs(v - p.pav.test_llr[k])).toBeLessThan(1e-9));
    expect(scoreLlr(m, p.test_distance[7])).toBe(got[7]);
  });

  it('logistic: the coefficients of sklearn\'s balanced LogisticRegression (C = 1), ELUB and test LRs', () => {
    const m = fitScoreLr(p.train_distance, p.train_label, { method: 'logistic' });
    expect(Math.abs(m.logistic!.intercept - p.logistic.intercept)).toBeLessThan(1e-7 * Math.abs(p.logistic.intercept) + 1e-9);
    expect(Math.abs(m.logistic!.slope - p.logistic.slope)).toBeLessThan(1e-7 * Math.abs(p.logistic.slope));
    expect([m.bounds.lower, m.bounds.upper]).toEqual(p.logistic.bounds);
    scoreLlrs(m, p.test_distance).forEach((v, k) => expect(Math.abs(v - p.logistic.test_llr[k])).toBeLessThan(1e-6));
  });

  it('LRs fall as the distance grows and stay within the ELUB bounds, also at distance 0 and far beyond the data', () => {
    for (const method of ['pav', 'logistic'] as const) {
      const m = fitScoreLr(p.train_distance, p.train_label, { method });
      const grid = [0, 1e-12, 0.001, 0.01, 0.05, 0.1, 0.3, 1, 5, 1e6];
      const llrs = grid.map((d) => scoreLlr(m, d));
      for (let k = 1; k < llrs.length; k++) expect(llrs[k]).toBeLessThanOrEqual(llrs[k - 1]);
      expect(llrs[0]).toBe(m.bounds.upper);
      expect(llrs[llrs.length - 1]).toBe(m.bounds.lower);
      expect(m.bounds.upper).toBeLessThanOrEqual(Math.log10(p.train_label.filter((l) => l === 0).length + 1));
    }
  });

  it('refuses data of one proposition, and a logistic fit in which closer pairs are not more often Hp', () => {
    expect(() => fitScoreLr([0.1, 0.2], [1, 1])).toThrow(LrFitError);
    expect(() => fitScoreLr([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1], { method: 'logistic' })).toThrow(/do not discriminate/);
  });

  it('isotonic regression pools tied scores and interpolates like sklearn between the points it keeps', () => {
    const fit = fitIsotonic([1, 1, 2, 3, 3, 4], [0, 1, 0, 1, 1, 1]);
    expect([...fit.x]).toEqual([1, 2, 3, 4]);
    expect([...fit.y]).toEqual([1 / 3, 1 / 3, 1, 1]);
    expect(isotonicAt(fit, 2.5)).toBeCloseTo(2 / 3, 15);
    expect(isotonicAt(fit, -5)).toBe(1 / 3);
    expect(isotonicAt(fit, 9)).toBe(1);
  });
});
