import { describe, it, expect } from 'vitest';
import { InsufficientPairsError, calibrate } from '../../../shared/profiling/calibration';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { small } from './fixtures';

describe('calibration', () => {
  it('puts ROC, AUC and the threshold at 2.5 % FPR together', () => {
    const f = small('sources');
    const c = calibrate(Float64Array.from(f.calibration.linked), Float64Array.from(f.calibration.unlinked));
    expect(c.acceptedFpr).toBe(0.025);
    expect(Math.abs(c.auc - f.calibration.auc)).toBeLessThan(1e-12);
    expect(c.fprAtThreshold).toBeLessThanOrEqual(0.025);
    expect(c.linked.count).toBe(f.calibration.linked.length);
    expect(c.unlinked.count).toBe(f.calibration.unlinked.length);
    expect(c.linked.median).toBeLessThan(c.unlinked.median);
  });

  it('reaches a high TPR when sources are well separated', () => {
    const rng = mulberry32(7);
    const linked = Float64Array.from({ length: 400 }, () => Math.abs(rng.nextNormal()) * 2);
    const unlinked = Float64Array.from({ length: 4000 }, () => 20 + rng.nextNormal() * 3);
    const c = calibrate(linked, unlinked, { acceptedFpr: 0.005 });
    expect(c.auc).toBeGreaterThan(0.999);
    expect(c.tprAtThreshold).toBeGreaterThan(0.99);
    expect(c.fprAtThreshold).toBeLessThanOrEqual(0.005);
  });

  it('explains what is missing when there are no linked pairs', () => {
    expect(() => calibrate(new Float64Array(0), new Float64Array([1]))).toThrow(InsufficientPairsError);
    expect(() => calibrate(new Float64Array(0), new Float64Array([1]))).toThrow(/0 linked and 1 unlinked/);
  });
});
