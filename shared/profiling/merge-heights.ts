/**
 * The merge height at which each of some pairs of samples first share a cluster (their cophenetic distance), without
 * the n(n−1)/2 cophenetic matrix: cutting the tree at h puts a pair in one class exactly when its merge height is
 * ≤ h (for the monotone linkages the workbench offers, as fcluster's 'distance' criterion), so choosing a cut by how
 * it treats known pairs needs only these heights.
 */
import type { PairSet } from './pairs';

/**
 * Merge heights of `pairs` in the scipy linkage matrix `z` over n samples. Replays the merges with union–find, walking
 * the smaller cluster's members and their pairs (small-to-large): O(n + m log n) for m pairs.
 */
export function pairMergeHeights(z: Float64Array, pairs: PairSet): Float64Array {
  const rows = z.length / 4;
  const n = rows + 1;
  const m = pairs.i.length;
  // Pairs incident to each sample, as compressed rows.
  const degree = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    degree[pairs.i[k] + 1]++;
    degree[pairs.j[k] + 1]++;
  }
  for (let s = 0; s < n; s++) degree[s + 1] += degree[s];
  const incident = new Int32Array(2 * m);
  const fill = degree.slice(0, n);
  for (let k = 0; k < m; k++) {
    incident[fill[pairs.i[k]]++] = k;
    incident[fill[pairs.j[k]]++] = k;
  }
  const heights = new Float64Array(m).fill(Number.NaN);
  // Members of each cluster (0…2n−2) as a linked list over samples; a sample's cluster by union–find over cluster ids.
  const head = new Int32Array(2 * n - 1).fill(-1);
  const tail = new Int32Array(2 * n - 1).fill(-1);
  const size = new Int32Array(2 * n - 1);
  const next = new Int32Array(n).fill(-1);
  const parent = new Int32Array(2 * n - 1);
  for (let c = 0; c < parent.length; c++) parent[c] = c;
  const find = (c: number): number => {
    let r = c;
    while (parent[r] !== r) r = parent[r];
    while (parent[c] !== r) {
      const up = parent[c];
      parent[c] = r;
      c = up;
    }
    return r;
  };
  for (let s = 0; s < n; s++) {
    head[s] = s;
    tail[s] = s;
    size[s] = 1;
  }
  for (let k = 0; k < rows; k++) {
    const a = z[k * 4];
    const b = z[k * 4 + 1];
    const h = z[k * 4 + 2];
    const [small, large] = size[a] <= size[b] ? [a, b] : [b, a];
    for (let u = head[small]; u !== -1; u = next[u]) {
      for (let e = degree[u]; e < degree[u + 1]; e++) {
        const p = incident[e];
        if (!Number.isNaN(heights[p])) continue;
        const v = pairs.i[p] === u ? pairs.j[p] : pairs.i[p];
        if (find(v) === large) heights[p] = h;
      }
    }
    const id = n + k;
    next[tail[large]] = head[small];
    head[id] = head[large];
    tail[id] = tail[small];
    size[id] = size[a] + size[b];
    parent[a] = id;
    parent[b] = id;
  }
  return heights;
}
