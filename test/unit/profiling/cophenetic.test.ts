import { describe, it, expect } from 'vitest';
import { copheneticCorrelation, copheneticDistances } from '../../../shared/profiling/cophenetic';
import { LINKAGE_METHODS, linkage } from '../../../shared/profiling/linkage';
import { condensedDistances } from '../../../shared/profiling/scores';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { SMALL_DATASETS, expectClose, loadFixture, small, type MediumFixture } from './fixtures';

describe('cophenetic distances', () => {
  for (const name of SMALL_DATASETS) {
    it(`equal scipy cophenet on "${name}"`, () => {
      const f = small(name);
      for (const pre of Object.keys(f.trees)) {
        for (const score of Object.keys(f.trees[pre])) {
          const d = Float64Array.from(f.pdist[pre][score]);
          for (const method of LINKAGE_METHODS) {
            const tree = f.trees[pre][score][method];
            const z = Float64Array.from(tree.Z);
            const label = `${pre}/${score}/${method}`;
            expect(Math.abs(copheneticCorrelation(z, d) - tree.cophenetic_correlation), label).toBeLessThanOrEqual(1e-9);
            if (tree.cophenetic !== null) expectClose(copheneticDistances(z), tree.cophenetic, 0, label);
          }
        }
      }
    });
  }

  it('equals scipy on 300 samples, streaming without a cophenetic array', () => {
    const f = loadFixture<MediumFixture>('medium');
    const m = pretreat(
      createSignatureMatrix(
        Array.from({ length: f.n }, (_, i) => `s${i}`),
        Array.from({ length: f.p }, (_, c) => `c${c}`),
        Float64Array.from(f.X),
      ),
      'fourth-root',
    );
    for (const score of ['pearson', 'euclidean'] as const) {
      const d = condensedDistances(m, score);
      for (const method of LINKAGE_METHODS) {
        const r = copheneticCorrelation(linkage(d, method), d);
        expect(Math.abs(r - f.trees[score][method].cophenetic_correlation), `${score}/${method}`).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('ranks linkages the way the analyst expects on clearly grouped data', () => {
    // Two tight groups far apart: every linkage preserves the distances well.
    const pos = [0, 0.1, 0.2, 10, 10.1, 10.3];
    const d = new Float64Array(15);
    let k = 0;
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) d[k++] = Math.abs(pos[i] - pos[j]);
    for (const method of LINKAGE_METHODS) expect(copheneticCorrelation(linkage(d, method), d)).toBeGreaterThan(0.99);
  });
});
