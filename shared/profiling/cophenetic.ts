/**
 * Cophenetic distances (the merge height at which two samples first share a cluster) and the cophenetic
 * correlation, used to choose the linkage: the one whose tree best preserves the original distances.
 */
import { condensedLength, condensedRowOffsets } from './condensed';

/** Leaf order and subtree start positions so that every cluster occupies a contiguous run of `leaves`. O(n). */
function treeLayout(z: Float64Array): { leaves: Int32Array; start: Int32Array } {
  const rows = z.length / 4;
  const n = rows + 1;
  const start = new Int32Array(rows);
  const leaves = new Int32Array(n);
  if (rows === 0) return { leaves, start };
  start[rows - 1] = 0;
  // Parents have higher indices than their children: walk from the root down.
  for (let k = rows - 1; k >= 0; k--) {
    const a = z[k * 4];
    const b = z[k * 4 + 1];
    const sizeA = a >= n ? z[(a - n) * 4 + 3] : 1;
    const s = start[k];
    if (a >= n) start[a - n] = s;
    else leaves[s] = a;
    if (b >= n) start[b - n] = s + sizeA;
    else leaves[s + sizeA] = b;
  }
  return { leaves, start };
}

/**
 * Condensed cophenetic distances (scipy.cluster.hierarchy.cophenet(Z) order). O(n²) time and an n(n−1)/2 array;
 * prefer `copheneticCorrelation` when only the correlation is wanted.
 */
export function copheneticDistances(z: Float64Array, out?: Float64Array): Float64Array {
  const n = z.length / 4 + 1;
  const d = out ?? new Float64Array(condensedLength(n));
  const off = condensedRowOffsets(n);
  const { leaves, start } = treeLayout(z);
  for (let k = 0; k < n - 1; k++) {
    const a = z[k * 4];
    const h = z[k * 4 + 2];
    const sizeA = a >= n ? z[(a - n) * 4 + 3] : 1;
    const s = start[k];
    const mid = s + sizeA;
    const end = s + z[k * 4 + 3];
    for (let i = s; i < mid; i++) {
      const u = leaves[i];
      for (let j = mid; j < end; j++) {
        const v = leaves[j];
        d[u < v ? off[u] + v : off[v] + u] = h;
      }
    }
  }
  return d;
}

/**
 * Cophenetic correlation coefficient between the tree and the distances it was built from (Pearson r of
 * cophenetic vs original distances, as scipy.cluster.hierarchy.cophenet(Z, Y)[0]). Streams over the tree:
 * O(n²) time, O(n) extra memory (no cophenetic array). NaN when either side is constant.
 */
export function copheneticCorrelation(z: Float64Array, dists: Float64Array): number {
  const n = z.length / 4 + 1;
  const m = condensedLength(n);
  if (dists.length !== m) throw new RangeError(`linkage has ${n} samples but ${dists.length} distances were given`);
  let sumY = 0;
  for (let k = 0; k < m; k++) sumY += dists[k];
  const meanY = sumY / m;
  let sumZ = 0;
  for (let k = 0; k < n - 1; k++) {
    const a = z[k * 4];
    const sizeA = a >= n ? z[(a - n) * 4 + 3] : 1;
    const sizeB = z[k * 4 + 3] - sizeA;
    sumZ += z[k * 4 + 2] * sizeA * sizeB;
  }
  const meanZ = sumZ / m;
  const off = condensedRowOffsets(n);
  const { leaves, start } = treeLayout(z);
  let syz = 0;
  let syy = 0;
  let szz = 0;
  for (let k = 0; k < n - 1; k++) {
    const a = z[k * 4];
    const hz = z[k * 4 + 2] - meanZ;
    const sizeA = a >= n ? z[(a - n) * 4 + 3] : 1;
    const s = start[k];
    const mid = s + sizeA;
    const end = s + z[k * 4 + 3];
    let sy = 0;
    for (let i = s; i < mid; i++) {
      const u = leaves[i];
      for (let j = mid; j < end; j++) {
        const v = leaves[j];
        const dy = dists[u < v ? off[u] + v : off[v] + u] - meanY;
        sy += dy;
        syy += dy * dy;
      }
    }
    syz += sy * hz;
    szz += hz * hz * sizeA * (end - mid);
  }
  return syz / Math.sqrt(syy * szz);
}
