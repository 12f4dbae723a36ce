import { describe, expect, it } from 'vitest';
import { choiceReason } from '../../../shared/analysis/calibration-compute';
import { countPairs, fprCaution } from '../../../shared/analysis/calibration-pairs';
import type { CombinationFigures } from '../../../shared/profiling/compare-combinations';
import { buildPairs } from '../../../shared/profiling/pairs';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { simplePopulation } from '../../../shared/profiling/pair-population';

describe('calibration pairs and choice', () => {
  it('counts linked and unlinked pairs in O(n) exactly as buildPairs enumerates them', () => {
    const rng = mulberry32(8);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + rng.nextInt(60);
      const pick = (k: number, unknown: number) => Array.from({ length: n }, () => (rng.next() < unknown ? (rng.next() < 0.5 ? null : '') : `g${rng.nextInt(k)}`));
      const linked = pick(1 + rng.nextInt(12), 0.2);
      const unlinked = pick(1 + rng.nextInt(6), 0.2);
      const built = buildPairs(simplePopulation(linked, unlinked));
      expect(countPairs(simplePopulation(linked, unlinked))).toEqual({ linked: built.linkedTotal, unlinked: built.unlinkedTotal });
    }
  });

  it('explains the choice, ties included', () => {
    const f = (pretreatment: CombinationFigures['pretreatment'], score: CombinationFigures['score'], auc: number, tpr: number, rank: number): CombinationFigures => ({
      pretreatment, score, auc, threshold: 0.1, fprAtThreshold: 0.02, tprAtThreshold: tpr, medianLinked: 0, medianUnlinked: 1, rank,
    });
    expect(choiceReason([f('fourth-root', 'pearson', 0.98, 0.9, 1), f('log', 'manhattan', 0.73, 0.3, 2)], 0.025)).toBe(
      '∜N + Pearson has the highest ROC AUC (0.9800) of 2 pretreatment × score combinations; next: N+log + Manhattan (0.7300).',
    );
    expect(choiceReason([f('sqrt', 'cosine', 1, 0.95, 1), f('fourth-root', 'pearson', 1, 0.9, 2)], 0.005)).toMatch(/ties on ROC AUC .* and has the higher true-positive rate at 0\.5 % FPR \(0\.950 vs 0\.900\)/);
    expect(choiceReason([f('fourth-root', 'pearson', 1, 1, 1), f('sqrt', 'pearson', 1, 1, 2)], 0.025)).toMatch(/literature order/);
  });
});

describe('FPR caution', () => {
  it('speaks up when FPR × (n − 1) unrelated samples per sample exceed 20, suggesting an FPR near 10 per sample', () => {
    expect(fprCaution(0.025, 288)).toBeNull();
    expect(fprCaution(0.025, 800)).toBeNull();
    expect(fprCaution(0.025, 10_008)).toMatch(/^Caution: at 2\.5 % FPR about 250 unrelated samples fall within the threshold of each sample \(2\.5 % of 10,007\).*consider an FPR near 0\.1 %/);
    expect(fprCaution(0.025, 2_004)).toMatch(/consider an FPR near 0\.5 %/);
    expect(fprCaution(0.001, 10_008)).toBeNull();
  });
});
