import { describe, it, expect } from 'vitest';
import { PRETREATMENTS, fitColumnScaling, pretreat, pretreatValues } from '../../../shared/profiling/pretreatment';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { SMALL_DATASETS, expectClose, small } from './fixtures';

describe('pretreatment', () => {
  for (const name of SMALL_DATASETS) {
    it(`matches the numpy reference on "${name}" for every pretreatment`, () => {
      const f = small(name);
      for (const method of PRETREATMENTS) {
        const out = pretreatValues(Float64Array.from(f.X), f.n, f.p, method, { logOffset: f.log_offset });
        expectClose(out, f.pretreated[method], 1e-12, `${name}/${method}`);
      }
    });
  }

  it('normalises each sample to the sum of its target areas', () => {
    const x = pretreatValues(new Float64Array([1, 3, 0, 2, 2, 4]), 2, 3, 'n');
    expect(Array.from(x)).toEqual([0.25, 0.75, 0, 0.25, 0.25, 0.5]);
  });

  it('keeps empty samples and constant compounds free of NaN', () => {
    // Sample 2 has nothing detected; compound 3 is constant.
    const raw = new Float64Array([1, 2, 5, 0, 0, 0, 3, 1, 5]);
    for (const method of PRETREATMENTS) {
      const x = pretreatValues(raw, 3, 3, method);
      expect(x.every(Number.isFinite), method).toBe(true);
    }
    expect(Array.from(pretreatValues(raw, 3, 3, 'fourth-root').subarray(3, 6))).toEqual([0, 0, 0]);
    expect(Array.from(pretreatValues(raw, 3, 3, 'log').subarray(3, 6))).toEqual([-4, -4, -4]);
    const z = pretreatValues(new Float64Array([1, 0.1, 2, 0.1, 3, 0.1]), 3, 2, 'autoscale');
    expect([z[1], z[3], z[5]]).toEqual([0, 0, 0]);
  });

  it('treats not-detected and negative areas as 0 before normalising', () => {
    const m = createSignatureMatrix(['a'], ['x', 'y', 'z'], new Float64Array([99, -1, 1]), new Uint8Array([0, 1, 1]));
    expect(Array.from(pretreat(m, 'n').values)).toEqual([0, 0, 1]);
  });

  it('reuses a stored column scaling so new samples are treated like the calibration set', () => {
    const raw = new Float64Array([1, 2, 3, 1, 2, 5, 4, 4, 1]);
    const scaling = fitColumnScaling(raw, 3, 3, 'n+s');
    const all = pretreatValues(raw, 3, 3, 'n+s');
    const one = pretreatValues(raw.subarray(3, 6), 1, 3, 'n+s', { scaling });
    expectClose(one, all.subarray(3, 6), 0);
  });

  it('rejects a non-positive log offset', () => {
    expect(() => pretreatValues(new Float64Array([1]), 1, 1, 'log', { logOffset: 0 })).toThrow(/offset/);
  });
});
