import { describe, it, expect } from 'vitest';
import { classCount, cutAtDistance, cutIntoClusters, maxDistPerCluster } from '../../../shared/profiling/cut-tree';
import { LINKAGE_METHODS } from '../../../shared/profiling/linkage';
import { SMALL_DATASETS, small } from './fixtures';

describe('cutting the tree', () => {
  for (const name of SMALL_DATASETS) {
    it(`gives scipy fcluster labels on "${name}" (distance and maxclust)`, () => {
      const f = small(name);
      for (const pre of Object.keys(f.trees)) {
        for (const score of Object.keys(f.trees[pre])) {
          for (const method of LINKAGE_METHODS) {
            const tree = f.trees[pre][score][method];
            const z = Float64Array.from(tree.Z);
            for (const { t, labels } of tree.fcluster_distance) {
              expect(Array.from(cutAtDistance(z, t)), `${pre}/${score}/${method} t=${t}`).toEqual(labels);
            }
            for (const { k, labels } of tree.fcluster_maxclust) {
              expect(Array.from(cutIntoClusters(z, k)), `${pre}/${score}/${method} k=${k}`).toEqual(labels);
            }
          }
        }
      }
    });
  }

  it('joins merges whose height equals the threshold (≤, as fcluster criterion distance)', () => {
    // Points 0, 1, 3 on a line, single linkage: merges at 1 and 2.
    const z = new Float64Array([0, 1, 1, 2, 2, 3, 2, 3]);
    expect(Array.from(cutAtDistance(z, 1))).toEqual([1, 1, 2]);
    expect(Array.from(cutAtDistance(z, 0.999))).toEqual([1, 2, 3]);
    expect(Array.from(cutAtDistance(z, 2))).toEqual([1, 1, 1]);
    expect(classCount(cutAtDistance(z, 0.5))).toBe(3);
  });

  it('cuts into k classes, every sample apart when k ≥ n', () => {
    const z = new Float64Array([0, 1, 1, 2, 2, 3, 2, 3]);
    expect(Array.from(cutIntoClusters(z, 2))).toEqual([1, 1, 2]);
    expect(Array.from(cutIntoClusters(z, 5))).toEqual([1, 2, 3]);
    expect(() => cutIntoClusters(z, 0)).toThrow();
  });

  it('tracks the largest height inside each cluster', () => {
    const z = new Float64Array([0, 1, 2, 2, 2, 3, 1, 3]);
    expect(Array.from(maxDistPerCluster(z))).toEqual([2, 2]);
  });
});
