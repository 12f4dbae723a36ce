import { describe, expect, it } from 'vitest';
import { stratifiedFolds } from '../../../shared/attribution/cross-validation';
import { crossValidateClassifiers, type ReferenceSet } from '../../../shared/attribution/route-classifiers';
import { prepareRows } from '../../../shared/profiling/scores';
import { classifierDatasets } from './fixtures';

describe('cross-validation', () => {
  for (const ds of classifierDatasets()) {
    it(`equals sklearn cross_val_predict over the same folds on "${ds.name}"`, () => {
      const values = Float64Array.from(ds.pretreated);
      const refs: ReferenceSet = {
        values, p: ds.p, prepared: prepareRows(values, ds.n, ds.p, 'pearson'),
        rows: Int32Array.from({ length: ds.n }, (_, i) => i), routes: ds.routes, sources: ds.sources,
      };
      const folds = Int32Array.from(ds.cv.folds);
      const fig = crossValidateClassifiers(refs, ds.cv.classes, { lda: { shrinkage: 'auto' }, foldPlan: { folds, k: 4, grouped: false, seed: 0 } });
      expect(fig.lda!.accuracy).toBeCloseTo(ds.cv.lda_accuracy, 12);
      expect(Array.from(fig.lda!.confusion)).toEqual(ds.cv.lda_confusion);
      expect(fig.knn.accuracy).toBeCloseTo(ds.cv.knn_accuracy, 12);
      expect(Array.from(fig.knn.confusion)).toEqual(ds.cv.knn_confusion);
    });
  }

  it('keeps each source in one fold and spreads every route over the folds', () => {
    const routes: string[] = [];
    const sources: string[] = [];
    for (const r of ['a', 'b', 'c']) for (let s = 0; s < 4; s++) for (let k = 0; k < 3; k++) { routes.push(r); sources.push(`${r}${s}`); }
    const plan = stratifiedFolds(routes, 4, 7, sources);
    expect(plan.grouped).toBe(true);
    expect(plan.k).toBe(4);
    const foldOf = new Map<string, Set<number>>();
    sources.forEach((s, i) => foldOf.set(s, (foldOf.get(s) ?? new Set()).add(plan.folds[i])));
    for (const f of foldOf.values()) expect(f.size).toBe(1);
    for (const r of ['a', 'b', 'c']) {
      const fs = new Set(routes.flatMap((x, i) => (x === r ? [plan.folds[i]] : [])));
      expect(fs.size).toBe(4);
    }
    expect(Array.from(stratifiedFolds(routes, 4, 7, sources).folds)).toEqual(Array.from(plan.folds));
    expect(Array.from(stratifiedFolds(routes, 4, 8, sources).folds)).not.toEqual(Array.from(plan.folds));
  });

  it('clamps k to the number of sources and refuses fewer than two', () => {
    expect(stratifiedFolds(['a', 'a', 'b', 'b'], 5, 1, ['x', 'x', 'y', 'y']).k).toBe(2);
    expect(() => stratifiedFolds(['a', 'a'], 5, 1, ['x', 'x'])).toThrow(/at least 2 reference sources/);
    expect(stratifiedFolds(['a', 'b', 'a'], 5).grouped).toBe(false);
  });
});
