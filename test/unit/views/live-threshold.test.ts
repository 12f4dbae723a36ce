/**
 * The calibration view's live threshold follows the calibration's own rule: with a contamination model, the rate among
 * pairs estimated to be of different sources, exactly as shared/profiling/contamination.ts sets it; without, the rate
 * on all unlinked pairs, as shared/profiling/roc.ts does.
 */
import { describe, expect, it } from 'vitest';
import { liveThreshold, sortDistances } from '../../../renderer/views/calibration/live-threshold';
import { estimateContamination, thresholdAtCorrectedFpr } from '../../../shared/profiling/contamination';
import { thresholdAtFpr } from '../../../shared/profiling/roc';
import { mulberry32 } from '../../../shared/profiling/util/rng';

function sample(seed: number, ties: boolean) {
  const rng = mulberry32(seed);
  const r = (x: number) => (ties ? Math.round(x * 1000) / 1000 : x);
  const linked = Float64Array.from({ length: 300 }, () => r(10 ** (-3 + 0.4 * rng.nextNormal())));
  const unlinked = Float64Array.from({ length: 3000 }, () => r(rng.next() < 0.1 ? 10 ** (-2.6 + 0.4 * rng.nextNormal()) : 10 ** (-0.4 + 0.25 * rng.nextNormal())));
  return { linked, unlinked };
}

describe('live threshold', () => {
  for (const ties of [false, true]) {
    it(`moves by the contamination-corrected rate as the calibration sets it (${ties ? 'tied' : 'continuous'} distances)`, () => {
      const { linked, unlinked } = sample(3, ties);
      const e = estimateContamination(linked, unlinked);
      const sorted = sortDistances(linked, unlinked, e);
      for (const fpr of [0.001, 0.005, 0.025, 0.1, 0.5]) {
        const want = thresholdAtCorrectedFpr(linked, unlinked, e.posterior, fpr);
        const got = liveThreshold(sorted, fpr);
        expect(got.threshold, `FPR ${fpr}`).toBe(want.threshold);
        expect(got.fpr).toBeCloseTo(want.fpr, 12);
        expect(got.rawFpr).toBeCloseTo(want.rawFpr, 12);
        expect(got.tpr).toBeCloseTo(want.tpr, 12);
      }
      const plain = sortDistances(linked, unlinked);
      for (const fpr of [0.001, 0.025, 0.2]) {
        const want = thresholdAtFpr(linked, unlinked, fpr);
        expect(liveThreshold(plain, fpr)).toMatchObject({ threshold: want.threshold, fpr: want.fpr, tpr: want.tpr });
      }
    });
  }
});
