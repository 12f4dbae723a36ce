import { describe, it, expect } from 'vitest';
import { mstSingleMerges } from '../../../shared/profiling/mst-single';
import { labelLinkage } from '../../../shared/profiling/linkage';
import { small } from './fixtures';

describe('single linkage by minimum spanning tree', () => {
  it('reads the distances without modifying them and matches scipy', () => {
    const f = small('ties');
    const d = Float64Array.from(f.pdist.none.canberra);
    const before = Float64Array.from(d);
    const z = labelLinkage(mstSingleMerges(d, f.n), f.n);
    expect(d).toEqual(before);
    expect(Array.from(z)).toEqual(f.trees.none.canberra.single.Z);
  });

  it('merges at the minimum spanning tree edges', () => {
    // 4 points on a line at 0, 1, 3, 7.
    const pos = [0, 1, 3, 7];
    const d = new Float64Array(6);
    let k = 0;
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) d[k++] = Math.abs(pos[i] - pos[j]);
    expect(Array.from(labelLinkage(mstSingleMerges(d, 4), 4))).toEqual([0, 1, 1, 2, 2, 4, 2, 3, 3, 5, 4, 4]);
  });
});
