import { describe, it, expect } from 'vitest';
import { rocAuc, rocCurve, thresholdAtFpr } from '../../../shared/profiling/roc';
import { expectClose, loadFixture, small, type RocFixture, type RocKdeFixture } from './fixtures';

function cases(): [string, RocFixture][] {
  const f = loadFixture<RocKdeFixture>('roc-kde');
  return [
    ['ties', f.roc_ties],
    ['continuous', f.roc_continuous],
    ['sources', small('sources').calibration],
    ['random', small('random').calibration],
  ];
}

describe('ROC', () => {
  for (const [name, f] of cases()) {
    it(`equals sklearn roc_curve / roc_auc_score on "${name}"`, () => {
      const l = Float64Array.from(f.linked);
      const u = Float64Array.from(f.unlinked);
      expect(Math.abs(rocAuc(l, u) - f.auc)).toBeLessThanOrEqual(1e-12);
      const dropped = rocCurve(l, u);
      expectClose(dropped.fpr, f.roc.fpr, 1e-12, 'fpr');
      expectClose(dropped.tpr, f.roc.tpr, 1e-12, 'tpr');
      expectClose(dropped.thresholds, f.roc.thresholds, 1e-12, 'thresholds');
      const full = rocCurve(l, u, { dropIntermediate: false });
      expectClose(full.fpr, f.roc_all.fpr, 1e-12, 'fpr all');
      expectClose(full.tpr, f.roc_all.tpr, 1e-12, 'tpr all');
      expectClose(full.thresholds, f.roc_all.thresholds, 1e-12, 'thresholds all');
    });

    it(`sets the threshold at the accepted FPR on "${name}"`, () => {
      const l = Float64Array.from(f.linked);
      const u = Float64Array.from(f.unlinked);
      for (const alpha of [0, 0.005, 0.025, 0.1]) {
        const t = thresholdAtFpr(l, u, alpha);
        const fpr = u.filter((d) => d <= t.threshold).length / u.length;
        const tpr = l.filter((d) => d <= t.threshold).length / l.length;
        expect(t.fpr).toBe(fpr);
        expect(t.tpr).toBe(tpr);
        expect(fpr).toBeLessThanOrEqual(alpha);
        // The next larger observed distance would exceed the accepted FPR.
        const nextUp = Math.min(...Array.from(l).concat(Array.from(u)).filter((d) => d > t.threshold));
        if (Number.isFinite(nextUp)) expect(u.filter((d) => d <= nextUp).length / u.length).toBeGreaterThan(alpha);
      }
    });
  }

  it('counts tied linked/unlinked distances as half (AUC 0.5 for identical distributions)', () => {
    const d = new Float64Array([1, 2, 3]);
    expect(rocAuc(d, d)).toBe(0.5);
    expect(rocAuc(new Float64Array([0.1]), new Float64Array([0.9]))).toBe(1);
  });

  it('defaults to a 2.5 % false-positive rate (Popovic et al.)', () => {
    const l = Float64Array.from({ length: 50 }, (_, i) => i / 100);
    const u = Float64Array.from({ length: 200 }, (_, i) => 0.3 + i / 100);
    const t = thresholdAtFpr(l, u);
    expect(t.acceptedFpr).toBe(0.025);
    expect(t.fpr).toBe(5 / 200);
    expect(t.threshold).toBeCloseTo(0.34, 12);
  });

  it('refuses empty pair sets', () => {
    expect(() => rocAuc(new Float64Array(0), new Float64Array([1]))).toThrow();
  });
});
