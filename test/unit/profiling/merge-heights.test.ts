import { describe, expect, it } from 'vitest';
import { condensedIndex } from '../../../shared/profiling/condensed';
import { copheneticDistances } from '../../../shared/profiling/cophenetic';
import { LINKAGE_METHODS, linkage } from '../../../shared/profiling/linkage';
import { pairMergeHeights } from '../../../shared/profiling/merge-heights';
import { condensedDistances } from '../../../shared/profiling/scores';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { mulberry32 } from '../../../shared/profiling/util/rng';

describe('merge heights of pairs', () => {
  it('equal the cophenetic distances of every pair, for every linkage, ties included', () => {
    for (const [n, seed, integers] of [[40, 1, false], [60, 2, true], [7, 3, true]] as const) {
      const rng = mulberry32(seed);
      const p = 5;
      const values = Float64Array.from({ length: n * p }, () => (integers ? rng.nextInt(4) : rng.next()));
      const m = createSignatureMatrix(Array.from({ length: n }, (_, i) => `s${i}`), Array.from({ length: p }, (_, c) => `c${c}`), values);
      const d = condensedDistances(m, 'euclidean');
      const i: number[] = [];
      const j: number[] = [];
      for (let a = 0; a < n; a++)
        for (let b = a + 1; b < n; b++)
          if (rng.next() < 0.6) {
            i.push(a);
            j.push(b);
          }
      for (const method of LINKAGE_METHODS) {
        const z = linkage(d, method);
        const coph = copheneticDistances(z);
        const h = pairMergeHeights(z, { i: Uint32Array.from(i), j: Uint32Array.from(j) });
        i.forEach((a, k) => expect(h[k], `${method} ${a}-${j[k]}`).toBe(coph[condensedIndex(n, a, j[k])]));
      }
    }
  });
});
