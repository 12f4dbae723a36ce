import { describe, it, expect } from 'vitest';
import { buildPairs, pairDistances } from '../../../shared/profiling/pairs';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { SMALL_DATASETS, expectClose, small } from './fixtures';
import { simplePopulation } from '../../../shared/profiling/pair-population';

describe('calibration pairs', () => {
  for (const name of SMALL_DATASETS) {
    it(`links same-seizure pairs and contrasts different-case pairs on "${name}"`, () => {
      const f = small(name);
      const pairs = buildPairs(simplePopulation(f.seizure, f.case));
      const m = createSignatureMatrix(
        Array.from({ length: f.n }, (_, i) => `s${i}`),
        Array.from({ length: f.p }, (_, c) => `c${c}`),
        Float64Array.from(f.pretreated['fourth-root']),
      );
      expectClose(pairDistances(m, 'pearson', pairs.linked), f.calibration.linked, 1e-12, 'linked');
      expectClose(pairDistances(m, 'pearson', pairs.unlinked), f.calibration.unlinked, 1e-12, 'unlinked');
      expect(pairs.linkedTotal).toBe(f.calibration.linked.length);
      expect(pairs.unlinkedTotal).toBe(f.calibration.unlinked.length);
    });
  }

  it('leaves out same-case pairs of different seizures and samples of unknown group', () => {
    const seizure = ['A', 'A', 'B', 'C', '', null];
    const cases = ['1', '1', '1', '2', '3', '4'];
    const p = buildPairs(simplePopulation(seizure, cases));
    expect(Array.from(p.linked.i)).toEqual([0]);
    expect(Array.from(p.linked.j)).toEqual([1]);
    // 0–2 and 1–2 share case 1 but not the seizure: neither linked nor unlinked.
    const unlinked = Array.from(p.unlinked.i, (i, k) => `${i}-${p.unlinked.j[k]}`);
    expect(unlinked).not.toContain('0-2');
    expect(unlinked).toContain('0-3');
    expect(unlinked).toContain('4-5');
    expect(p.unlinkedTotal).toBe(12);
  });

  it('samples a seeded, sorted, exact-size subset when there are too many unlinked pairs', () => {
    const n = 300;
    const seizure = Array.from({ length: n }, (_, i) => `S${i >> 1}`);
    const cases = Array.from({ length: n }, (_, i) => `C${i >> 2}`);
    const all = buildPairs(simplePopulation(seizure, cases));
    const a = buildPairs(simplePopulation(seizure, cases), { maxUnlinked: 5000, seed: 42 });
    const b = buildPairs(simplePopulation(seizure, cases), { maxUnlinked: 5000, seed: 42 });
    const c = buildPairs(simplePopulation(seizure, cases), { maxUnlinked: 5000, seed: 43 });
    expect(a.unlinked.i.length).toBe(5000);
    expect(a.unlinkedTotal).toBe(all.unlinked.i.length);
    expect(a.unlinked).toEqual(b.unlinked);
    expect(a.unlinked).not.toEqual(c.unlinked);
    const allKeys = new Set(Array.from(all.unlinked.i, (i, k) => i * n + all.unlinked.j[k]));
    let prev = -1;
    let lowHalf = 0;
    for (let k = 0; k < 5000; k++) {
      const key = a.unlinked.i[k] * n + a.unlinked.j[k];
      expect(allKeys.has(key)).toBe(true);
      expect(key).toBeGreaterThan(prev);
      prev = key;
      if (a.unlinked.i[k] < 88) lowHalf++; // about half of the pairs have i < 88
    }
    expect(lowHalf / 5000).toBeGreaterThan(0.45);
    expect(lowHalf / 5000).toBeLessThan(0.55);
    expect(a.linked.i.length).toBe(150);
  });
});
