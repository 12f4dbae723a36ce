import { describe, expect, it } from 'vitest';
import { compoundKey } from '../../../shared/attribution/compound-match';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { meanPrecursorShares, precursorColumns, precursorProfile } from '../../../shared/attribution/precursor-profile';
import { drugLibrary } from '../../../shared/attribution/signature-library';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { effectiveValues, signatureMatrixFromRows } from '../../../shared/profiling/signature-matrix';

const fentanyl = drugLibrary(DEFAULT_SIGNATURE_LIBRARY, 'fentanyl')!;
const key = compoundKey(DEFAULT_COMPOUND_DICTIONARY);
const compounds = ['4-ANPP', 'NPP', 'Norfentanyl', 'aniline', 'phenethyl-4-ANPP'];
const m = signatureMatrixFromRows(['a', 'b', 'r1', 'r2'], compounds, [
  [70, 30, null, 100, 0.5],
  [140, 60, null, 0, 1],
  [10, null, 90, 5, null],
  [20, null, 80, 5, null],
]);
const precursorNames = DEFAULT_COMPOUND_DICTIONARY.compounds.filter((c) => c.role === 'precursor').map((c) => c.name);

describe('precursor profile of a class', () => {
  const cols = precursorColumns(m.compounds, precursorNames, fentanyl, key);

  it('takes the precursor compounds the signature measures', () => {
    expect(Array.from(cols, (c) => compounds[c])).toEqual(['4-ANPP', 'NPP', 'Norfentanyl']);
  });

  it('gives shares of the precursors averaged over members, with detection counts', () => {
    const p = precursorProfile(m, [0, 1], cols, fentanyl, new Map(), key);
    expect(p.members).toBe(2);
    expect(p.compounds.map((c) => [c.compound, Number(c.proportion.toFixed(6)), c.detectedIn])).toEqual([
      ['4-ANPP', 0.7, 2],
      ['NPP', 0.3, 2],
      ['Norfentanyl', 0, 0],
    ]);
    const s = meanPrecursorShares(effectiveValues(m), compounds.length, [0, 1], cols);
    expect(s.fraction).toBeCloseTo((100 / 200.5 + 200 / 201) / 2, 12);
  });

  it('sets it beside the library profiles (cosine) and the reference samples\' measured ones', () => {
    const p = precursorProfile(m, [0, 1], cols, fentanyl, new Map([['janssen', [2, 3]]]), key);
    const lib = p.routes.filter((r) => r.origin === 'library');
    expect(lib[0].route).toBe('siegfried');
    expect(lib[0].similarity).toBeCloseTo(1, 12);
    expect(lib.find((r) => r.route === 'janssen')!.notMeasured).toEqual(['1-benzyl-4-piperidone', 'benzylfentanyl']);
    expect(lib.find((r) => r.route === '1-boc-4-ap')!.notMeasured).toEqual(['1-boc-4-AP']);
    const ref = p.routes.find((r) => r.origin === 'references')!;
    expect(ref.route).toBe('janssen');
    expect(ref.similarity!).toBeLessThan(0.3);
    expect(p.routes.map((r) => r.similarity ?? -1)).toEqual([...p.routes.map((r) => r.similarity ?? -1)].sort((a, b) => b - a));
  });

  it('has no similarity when the class holds no precursor', () => {
    const empty = signatureMatrixFromRows(['x'], compounds, [[null, null, null, 5, 1]]);
    const p = precursorProfile(empty, [0], cols, fentanyl, new Map(), key);
    expect(p.precursorFraction).toBe(0);
    expect(p.routes.every((r) => r.similarity === null)).toBe(true);
  });
});
