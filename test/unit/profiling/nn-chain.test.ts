import { describe, it, expect } from 'vitest';
import { nnChainMerges } from '../../../shared/profiling/nn-chain';
import { labelLinkage } from '../../../shared/profiling/linkage';
import { small } from './fixtures';

describe('nearest-neighbour chain', () => {
  it('yields unsorted merges that label into scipy’s tree', () => {
    const f = small('random');
    for (const method of ['complete', 'average', 'weighted', 'ward'] as const) {
      const work = Float64Array.from(f.pdist['fourth-root'].euclidean);
      const merges = nnChainMerges(work, f.n, method);
      expect(Array.from(labelLinkage(merges, f.n))).toEqual(f.trees['fourth-root'].euclidean[method].Z);
    }
  });

  it('applies the Lance–Williams update of each method', () => {
    // Three points on a line at 0, 1, 3: first merge {0,1} at 1, then with 2 at the method's distance.
    const d = new Float64Array([1, 3, 2]);
    const height = (method: 'complete' | 'average' | 'weighted' | 'ward') => labelLinkage(nnChainMerges(Float64Array.from(d), 3, method), 3)[6];
    expect(height('complete')).toBe(3);
    expect(height('average')).toBe(2.5);
    expect(height('weighted')).toBe(2.5);
    // Ward: sqrt((2·9 + 2·4 − 1·1) / 3) = sqrt(25/3)
    expect(height('ward')).toBeCloseTo(Math.sqrt(25 / 3), 14);
  });
});
