import { describe, expect, it } from 'vitest';
import { empiricalQuantile, fitTypicality, heldOutD2, typicalityD2 } from '../../../shared/attribution/typicality';
import { pretreatValues } from '../../../shared/profiling/pretreatment';
import { expectClose } from '../profiling/fixtures';
import { typicalityDatasets } from './fixtures';

describe('typicality (open-set test) equals the numpy / scipy / sklearn reference', () => {
  for (const ds of typicalityDatasets()) {
    const x = Float64Array.from(ds.pretreated);
    const rows = Int32Array.from(ds.train);
    const labels = ds.train.map((i) => ds.routes[i]);
    const sources = ds.train.map((i) => ds.sources[i]);

    it(`"${ds.name}": same pretreatment, Ledoit–Wolf intensity on source means, and D² of new sources to every route (scipy mahalanobis²)`, () => {
      expectClose(pretreatValues(Float64Array.from(ds.X), ds.n, ds.p, 'fourth-root'), ds.pretreated, 1e-12, 'pretreated');
      const model = fitTypicality(x, ds.p, rows, labels, sources);
      expect(model.routes).toEqual(ds.classes);
      expect(model.intensity).toBeCloseTo(ds.intensity, 9);
      expect(model.ridge).toBe(0);
      const d2 = typicalityD2(model, x, ds.test);
      expectClose(d2, ds.d2, 1e-7 * Math.max(...ds.d2), 'D²');
    });

    it(`"${ds.name}": held-out D² with folds grouped by source, and the cut at numpy's quantile`, () => {
      const held = heldOutD2(x, ds.p, rows, labels, sources, Int32Array.from(ds.folds), 3);
      const expected = ds.heldout_d2.map((v) => (v === null ? Number.NaN : v));
      for (let t = 0; t < held.length; t++) {
        if (Number.isNaN(expected[t])) expect(held[t]).toBeNaN();
        else expect(Math.abs(held[t] - expected[t])).toBeLessThanOrEqual(1e-7 * Math.max(1, expected[t]));
      }
      expect(empiricalQuantile(held, 0.99)).toBeCloseTo(ds.cut_99, 6);
      expect(empiricalQuantile(held, 0.95)).toBeCloseTo(ds.cut_95, 6);
    });
  }

  it('reads a sample without a source as a source of its own', () => {
    const ds = typicalityDatasets()[0];
    const x = Float64Array.from(ds.pretreated);
    const labels = ds.train.map((i) => ds.routes[i]);
    const none = typicalityD2(fitTypicality(x, ds.p, ds.train, labels), x, ds.test);
    const own = typicalityD2(fitTypicality(x, ds.p, ds.train, labels, ds.train.map((i) => `sample ${i}`)), x, ds.test);
    expectClose(none, own, 1e-9 * Math.max(...own), 'D²');
    // Grouped by source, a source's replicates no longer narrow the covariance: the D² differ.
    const grouped = typicalityD2(fitTypicality(x, ds.p, ds.train, labels, ds.train.map((i) => ds.sources[i])), x, ds.test);
    expect(grouped.some((v, k) => Math.abs(v - own[k]) > 1e-3 * own[k])).toBe(true);
  });

  it('interpolates quantiles as numpy does, ignoring NaN', () => {
    expect(empiricalQuantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(empiricalQuantile([4, Number.NaN, 1], 1)).toBe(4);
    expect(empiricalQuantile([], 0.9)).toBeNaN();
  });
});
