import { describe, expect, it } from 'vitest';
import { previewCut, previewText } from '../../../renderer/views/classes/cut-preview';
import { treeScale } from '../../../renderer/views/classes/tree-scale';

// scipy linkage of 6 samples: {0,1} at 0.1, {2,3} at 0.2, {0,1,4} at 0.5, {2,3,5} at 0.6, all at 2.0.
const Z = Float64Array.from([0, 1, 0.1, 2, 2, 3, 0.2, 2, 4, 6, 0.5, 3, 5, 7, 0.6, 3, 8, 9, 2.0, 6]);

describe('the cut preview', () => {
  it('counts and sizes the classes a cut would give, numbered by size', () => {
    const low = previewCut(Z, { threshold: 0.3 });
    expect(low.classes).toBe(2);
    expect(low.sizes).toEqual([2, 2]);
    expect(low.singletons).toBe(2);
    expect(low.classOf[0]).toBe(low.classOf[1]);
    expect(low.classOf[4]).toBe(0);
    expect(previewText(low)).toBe('2 classes of two or more samples (largest 2, 2), 2 samples alone');
    const mid = previewCut(Z, { threshold: 0.55 });
    expect(mid.sizes).toEqual([3, 2]);
    expect(mid.classOf[4]).toBe(1);
    expect(previewCut(Z, { k: 2 }).sizes).toEqual([3, 3]);
    expect(previewText(previewCut(Z, { threshold: 3 }))).toBe('1 class of two or more samples (largest 6), 0 samples alone');
  });
});

describe('the dendrogram height axis', () => {
  it('zooms on the cut: 0 to 3 × the cut on the lower three quarters, its inverse exact, monotonic', () => {
    const s = treeScale(2, 10, 250, 0.1);
    expect(s.y(0)).toBe(250);
    expect(s.y(0.3)).toBeCloseTo(s.breakY!, 9);
    expect(s.breakY).toBeCloseTo(250 - 240 * 0.75, 9);
    expect(s.y(2)).toBeCloseTo(10, 9);
    for (const h of [0, 0.05, 0.1, 0.29, 0.31, 1, 2]) expect(s.height(s.y(h))).toBeCloseTo(h, 9);
    for (let h = 0; h < 2; h += 0.01) expect(s.y(h + 0.01)).toBeLessThan(s.y(h));
    expect(treeScale(2, 10, 250, null).breakY).toBeNull();
    expect(treeScale(0.2, 10, 250, 0.1).breakY).toBeNull();
  });
});
