import { describe, expect, it } from 'vitest';
import { fitLda, ldaPosteriors, sortedClasses } from '../../../shared/attribution/lda';
import { pooledShrunkCovariance, shrunkCovariance } from '../../../shared/attribution/shrunk-covariance';
import { pretreatValues } from '../../../shared/profiling/pretreatment';
import { expectClose } from '../profiling/fixtures';
import { classifierDatasets } from './fixtures';

describe('shrinkage LDA equals sklearn LinearDiscriminantAnalysis(solver="lsqr") and its pooled Ledoit–Wolf variant', () => {
  for (const ds of classifierDatasets()) {
    it(`uses the same fourth-root pretreatment as the fixture on "${ds.name}"`, () => {
      expectClose(pretreatValues(Float64Array.from(ds.X), ds.n, ds.p, 'fourth-root'), ds.pretreated, 1e-12, 'pretreated');
    });
    for (const block of ds.lda) {
      it(`"${ds.name}", shrinkage ${block.shrinkage}, ${block.priors} priors`, () => {
        const x = Float64Array.from(ds.pretreated);
        const labels = ds.train.map((i) => ds.routes[i]);
        const model = fitLda(x, ds.p, ds.train, labels, { shrinkage: block.shrinkage, priors: block.priors });
        expect(model.classes).toEqual(block.classes);
        expectClose(model.intensities, block.intensities, 1e-9, 'Ledoit–Wolf intensity');
        expectClose(model.coef, block.coef, 1e-6 * Math.max(...block.coef.map(Math.abs)), 'coef');
        expectClose(model.intercept, block.intercept, 1e-6 * Math.max(...block.intercept.map(Math.abs)), 'intercept');
        const proba = ldaPosteriors(model, x, ds.test);
        expectClose(proba, block.proba, 1e-6, 'posteriors');
        const g = model.classes.length;
        const predicted = ds.test.map((_, t) => {
          let best = 0;
          for (let k = 1; k < g; k++) if (proba[t * g + k] > proba[t * g + best]) best = k;
          return model.classes[best];
        });
        expect(predicted).toEqual(block.predict);
        expect(model.ridge).toBe(0);
      });
    }
  }

  it('pools the pooled-Ledoit–Wolf covariance as the numpy reference does', () => {
    for (const ds of classifierDatasets()) {
      for (const block of ds.lda.filter((b) => b.shrinkage === 'pooled-ledoit-wolf')) {
        const labels = ds.train.map((i) => ds.routes[i]);
        const classes = sortedClasses(labels);
        const groups = classes.map((c) => ds.train.filter((i) => ds.routes[i] === c));
        const w = block.priors === 'uniform' ? classes.map(() => 1 / classes.length) : groups.map((g) => g.length / ds.train.length);
        expectClose(pooledShrunkCovariance(Float64Array.from(ds.pretreated), ds.p, groups, w).cov, block.covariance, 1e-12, `${ds.name} covariance`);
      }
    }
  });

  it('pools the class covariances with the priors as sklearn does', () => {
    const ds = classifierDatasets()[0];
    const block = ds.lda.find((b) => b.shrinkage === 'auto' && b.priors === 'empirical')!;
    const x = Float64Array.from(ds.pretreated);
    const labels = ds.train.map((i) => ds.routes[i]);
    const classes = sortedClasses(labels);
    const pooled = new Float64Array(ds.p * ds.p);
    for (const c of classes) {
      const rows = ds.train.filter((i) => ds.routes[i] === c);
      const s = shrunkCovariance(x, ds.p, rows, 'auto').cov;
      for (let k = 0; k < pooled.length; k++) pooled[k] += (rows.length / ds.train.length) * s[k];
    }
    expectClose(pooled, block.covariance, 1e-12, 'covariance');
  });

  it('refuses a single route and bad shrinkage', () => {
    const x = new Float64Array([1, 2, 3, 4]);
    expect(() => fitLda(x, 2, [0, 1], ['a', 'a'])).toThrow(/at least 2 routes/);
    expect(() => fitLda(x, 2, [0, 1], ['a', 'b'], { shrinkage: 1.5 })).toThrow(/shrinkage/);
  });

  it('stays finite when a compound is never detected and shrinkage is 0 (ridge)', () => {
    const x = new Float64Array([1, 0, 2, 0, 3, 0, 5, 0, 6, 0, 7, 0]);
    const model = fitLda(x, 2, [0, 1, 2, 3, 4, 5], ['a', 'a', 'a', 'b', 'b', 'b'], { shrinkage: 0 });
    expect(model.ridge).toBeGreaterThan(0);
    const post = ldaPosteriors(model, x, [0, 5]);
    expect(Array.from(post).every(Number.isFinite)).toBe(true);
    expect(post[0]).toBeGreaterThan(0.5);
    expect(post[3]).toBeGreaterThan(0.5);
  });
});
