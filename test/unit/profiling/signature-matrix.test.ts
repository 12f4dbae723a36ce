import { describe, it, expect } from 'vitest';
import {
  createSignatureMatrix,
  effectiveValues,
  selectCompounds,
  selectSamples,
  signatureMatrixFromRows,
  SignatureMatrixError,
} from '../../../shared/profiling/signature-matrix';

describe('signature matrix', () => {
  it('represents not-detected as a flag and as 0 area for the maths', () => {
    const m = signatureMatrixFromRows(['a', 'b'], ['x', 'y'], [
      [1.5, null],
      [null, 2],
    ]);
    expect(Array.from(m.detected ?? [])).toEqual([1, 0, 0, 1]);
    expect(Array.from(effectiveValues(m))).toEqual([1.5, 0, 0, 2]);
  });

  it('ignores the stored value of a not-detected entry, even NaN', () => {
    const m = createSignatureMatrix(['a'], ['x', 'y'], new Float64Array([Number.NaN, 3]), new Uint8Array([0, 1]));
    expect(Array.from(effectiveValues(m))).toEqual([0, 3]);
  });

  it('refuses a non-numeric detected area, naming the sample and compound', () => {
    expect(() => createSignatureMatrix(['s1'], ['4-ANPP'], new Float64Array([Number.NaN]))).toThrow(/s1.*4-ANPP/);
    expect(() => createSignatureMatrix(['s1'], ['x', 'y'], new Float64Array(3))).toThrow(SignatureMatrixError);
  });

  it('selects compounds and samples keeping the nd mask aligned', () => {
    const m = signatureMatrixFromRows(['a', 'b', 'c'], ['x', 'y', 'z'], [
      [1, 2, null],
      [4, null, 6],
      [7, 8, 9],
    ]);
    const c = selectCompounds(m, ['z', 'x']);
    expect(Array.from(c.values)).toEqual([0, 1, 6, 4, 9, 7]);
    expect(Array.from(c.detected ?? [])).toEqual([0, 1, 1, 1, 1, 1]);
    const s = selectSamples(m, [2, 0]);
    expect(s.sampleIds).toEqual(['c', 'a']);
    expect(Array.from(s.values)).toEqual([7, 8, 9, 1, 2, 0]);
    expect(() => selectCompounds(m, ['nope'])).toThrow(/nope/);
  });
});
