import { describe, expect, it } from 'vitest';
import { compactRoc, quantilesOfSorted, scoreDistributions } from '../../../shared/analysis/score-distributions';
import { rocCurve } from '../../../shared/profiling/roc';
import { mulberry32 } from '../../../shared/profiling/util/rng';

describe('compact plots of a calibration', () => {
  it('keeps real ROC points only, dense at low FPR, with both ends', () => {
    const rng = mulberry32(3);
    const linked = Float64Array.from({ length: 500 }, () => rng.next() * 0.5);
    const unlinked = Float64Array.from({ length: 20000 }, () => 0.3 + rng.next());
    const full = rocCurve(linked, unlinked);
    const c = compactRoc(full);
    expect(c.fpr.length).toBeLessThan(60);
    expect(c.fpr.length).toBeLessThan(full.fpr.length);
    expect([c.fpr[0], c.tpr[0]]).toEqual([0, 0]);
    expect([c.fpr.at(-1), c.tpr.at(-1)]).toEqual([1, 1]);
    for (let k = 0; k < c.fpr.length; k++) {
      const j = Array.from(full.thresholds).indexOf(c.threshold[k]);
      expect([full.fpr[j], full.tpr[j]]).toEqual([c.fpr[k], c.tpr[k]]);
    }
    expect(c.fpr.filter((f) => f > 0 && f <= 0.025).length).toBeGreaterThanOrEqual(5);
  });

  it('bins both distributions on shared edges and gives numpy-style quantiles', () => {
    const d = scoreDistributions(Float64Array.from([0, 0.1, 0.2]), Float64Array.from([0.5, 1, 1, 2]), 4);
    expect(d.edges).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(d.linked).toEqual([3, 0, 0, 0]);
    expect(d.unlinked).toEqual([0, 1, 2, 1]);
    expect(quantilesOfSorted(Float64Array.from([1, 2, 3, 4]), [0, 0.5, 0.25, 1])).toEqual([1, 2.5, 1.75, 4]);
  });
});
