import { describe, it, expect } from 'vitest';
import { pca } from '../../../shared/profiling/pca';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { SMALL_DATASETS, expectClose, small } from './fixtures';

describe('PCA', () => {
  for (const name of SMALL_DATASETS) {
    for (const pre of ['fourth-root', 'autoscale']) {
      it(`equals sklearn PCA on "${name}" (${pre})`, () => {
        const f = small(name);
        const ref = f.pca[pre];
        const m = createSignatureMatrix(
          Array.from({ length: f.n }, (_, i) => `s${i}`),
          Array.from({ length: f.p }, (_, c) => `c${c}`),
          Float64Array.from(f.pretreated[pre]),
        );
        const r = pca(m);
        const k = ref.n_components;
        expect(r.nComponents).toBe(k);
        expectClose(r.mean, ref.mean, 1e-12, 'mean');
        expectClose(r.explainedVarianceRatio, ref.explained_variance_ratio, 1e-9, 'ratio');
        expectClose(r.explainedVariance, ref.explained_variance, 1e-9, 'variance');
        // Components with (near-)zero variance have an arbitrary direction; compare the others.
        for (let c = 0; c < k; c++) {
          if (ref.explained_variance_ratio[c] < 1e-6) continue;
          const gapPrev = c > 0 ? ref.explained_variance[c - 1] - ref.explained_variance[c] : Infinity;
          const gapNext = c + 1 < k ? ref.explained_variance[c] - ref.explained_variance[c + 1] : Infinity;
          if (Math.min(gapPrev, gapNext) < 1e-6 * ref.explained_variance[0]) continue;
          const load = Array.from({ length: f.p }, (_, j) => r.loadings[c * f.p + j]);
          const loadRef = Array.from({ length: f.p }, (_, j) => ref.components[c * f.p + j]);
          expectClose(load, loadRef, 1e-6, `${name}/${pre} loading ${c}`);
          const sc = Array.from({ length: f.n }, (_, i) => r.scores[i * k + c]);
          const scRef = Array.from({ length: f.n }, (_, i) => ref.scores[i * k + c]);
          expectClose(sc, scRef, 1e-6, `${name}/${pre} scores ${c}`);
        }
      });
    }
  }

  it('separates two sources on the first component', () => {
    const rows: number[] = [];
    for (let i = 0; i < 20; i++) rows.push(...(i < 10 ? [1, 0.1 * (i % 3), 2] : [3, 0.1 * (i % 3), -1]));
    const m = createSignatureMatrix(Array.from({ length: 20 }, (_, i) => `s${i}`), ['a', 'b', 'c'], Float64Array.from(rows));
    const r = pca(m, { nComponents: 2 });
    expect(r.explainedVarianceRatio[0]).toBeGreaterThan(0.99);
    const first = Array.from({ length: 20 }, (_, i) => r.scores[i * 2]);
    expect(Math.sign(first[0])).not.toBe(Math.sign(first[19]));
  });

  it('offers the sklearn ≥ 1.5 sign rule (largest loading positive)', () => {
    const f = small('random');
    const m = createSignatureMatrix(Array.from({ length: f.n }, (_, i) => `s${i}`), Array.from({ length: f.p }, (_, c) => `c${c}`), Float64Array.from(f.X));
    const r = pca(m, { signConvention: 'loadings' });
    for (let c = 0; c < r.nComponents; c++) {
      const row = Array.from(r.loadings.subarray(c * f.p, (c + 1) * f.p));
      const big = row.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
      expect(big).toBeGreaterThan(0);
    }
  });
});
