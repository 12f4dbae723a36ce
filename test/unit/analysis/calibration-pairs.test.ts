import { describe, expect, it } from 'vitest';
import { choiceReason } from '../../../shared/analysis/calibration-compute';
import { countPairs, fprCaution } from '../../../shared/analysis/calibration-pairs';
import { chooseCombination, type CombinationFigures } from '../../../shared/profiling/compare-combinations';
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

  it('explains the choice: the default kept, another clearly better, or (without intervals) the highest AUC', () => {
    const f = (pretreatment: CombinationFigures['pretreatment'], score: CombinationFigures['score'], auc: number, rank: number, gain: [number, number] | null, interval: [number, number] | null = [auc - 0.01, auc + 0.005]): CombinationFigures => ({
      pretreatment, score, auc, aucInterval: interval && { low: interval[0], high: interval[1] }, gainInterval: gain && { low: gain[0], high: gain[1] },
      threshold: 0.1, fprAtThreshold: 0.02, tprAtThreshold: 0.9, medianLinked: 0, medianUnlinked: 1, rank,
    });
    const ref = f('fourth-root', 'pearson', 0.9731, 3, null);
    const close = f('log', 'cosine', 0.9757, 1, [-0.01, 0.02]);
    const ranked = [close, f('log', 'manhattan', 0.9735, 2, [-0.005, 0.01]), ref];
    const kept = chooseCombination(ranked, ref);
    expect(kept).toEqual({ best: ref, kind: 'default' });
    expect(choiceReason({ ...kept, combinations: ranked, reference: ref })).toBe(
      '∜N + Pearson, the literature default (Andersson et al. 2007): ROC AUC 0.9731 (95 % interval 0.9631–0.9781, bootstrap grouped by seizure); the highest, N+log + cosine (0.9757), gains 0.0026 (95 % interval -0.0100–0.0200): not clearly better (a gain of at least 0.005 with its interval above 0 is needed).',
    );
    // A gain of 1e-4, however sure, does not switch.
    const tiny = f('sqrt', 'pearson', 0.9732, 1, [0.00005, 0.00015]);
    expect(chooseCombination([tiny, ref], ref).best).toBe(ref);
    const clear = f('log', 'euclidean', 0.99, 1, [0.01, 0.025]);
    const switched = chooseCombination([clear, ref], ref);
    expect(switched).toEqual({ best: clear, kind: 'clearly-better' });
    expect(choiceReason({ ...switched, combinations: [clear, ref], reference: ref })).toMatch(/^N\+log \+ Euclidean is clearly better than the literature default ∜N \+ Pearson: ROC AUC 0\.9900 .* a gain of 0\.0169 \(95 % interval 0\.0100–0\.0250/);
    const plain = chooseCombination([close, ref], null);
    expect(plain).toEqual({ best: close, kind: 'highest' });
    expect(choiceReason({ ...plain, combinations: [close, ref], reference: null })).toBe('N+log + cosine has the highest ROC AUC (0.9757) of 2 pretreatment × score combinations; next: ∜N + Pearson (0.9731).');
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
