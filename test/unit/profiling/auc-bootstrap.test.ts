import { describe, expect, it } from 'vitest';
import { bootstrapAucs, weightedAuc } from '../../../shared/profiling/auc-bootstrap';
import { rocAuc } from '../../../shared/profiling/roc';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { loadFixture } from './fixtures';

interface WeightedFixture {
  linked: number[];
  unlinked: number[];
  linked_weight: number[];
  unlinked_weight: number[];
  auc: number;
}

/** Pairs of two groups of samples each, one pair per distance. */
function pairsFor(nL: number, nU: number, groups: number) {
  const linked = { i: Uint32Array.from({ length: nL }, (_, k) => 2 * (k % groups)), j: Uint32Array.from({ length: nL }, (_, k) => 2 * (k % groups) + 1) };
  const unlinked = { i: Uint32Array.from({ length: nU }, (_, k) => 2 * (k % groups)), j: Uint32Array.from({ length: nU }, (_, k) => 2 * ((k + 1) % groups) + 1) };
  const g = Int32Array.from({ length: 2 * groups }, (_, s) => s >> 1);
  return { linked, unlinked, g };
}

describe('AUC intervals by a bootstrap grouped by seizure', () => {
  it('weights pairs as scikit-learn\'s roc_auc_score(sample_weight) does, ties as half (to 1e-12)', () => {
    const f = loadFixture<{ weighted: WeightedFixture }>('selection').weighted;
    const d = { linked: Float64Array.from(f.linked), unlinked: Float64Array.from(f.unlinked) };
    expect(Math.abs(weightedAuc(d, Float64Array.from(f.linked_weight), Float64Array.from(f.unlinked_weight)) - f.auc)).toBeLessThan(1e-12);
    // Unit weights: the plain AUC.
    expect(weightedAuc(d, new Float64Array(f.linked.length).fill(1), new Float64Array(f.unlinked.length).fill(1))).toBeCloseTo(rocAuc(d.linked, d.unlinked), 12);
  });

  it('gives the reference a gain of exactly 0, and a far better combination a gain interval above 0', () => {
    const rng = mulberry32(4);
    const { linked, unlinked, g } = pairsFor(200, 2000, 50);
    const good = { linked: Float64Array.from({ length: 200 }, () => rng.next()), unlinked: Float64Array.from({ length: 2000 }, () => 0.8 + rng.next()) };
    const poor = { linked: Float64Array.from({ length: 200 }, () => rng.next()), unlinked: Float64Array.from({ length: 2000 }, () => 0.3 + rng.next()) };
    const r = bootstrapAucs([poor, good], { linked, unlinked }, g, 0, { replicates: 200 });
    expect(r.gain[0]).toEqual({ low: 0, high: 0 });
    expect(r.gain[1].low).toBeGreaterThan(0);
    expect(r.auc[1].low).toBeGreaterThan(r.auc[0].high);
    // Same seed, same intervals.
    expect(bootstrapAucs([poor, good], { linked, unlinked }, g, 0, { replicates: 200 })).toEqual(r);
  });
});

