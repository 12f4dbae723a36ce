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

/** The mean of condensed distances, summed in order (copheneticCorrelation's; computable before the tree is). O(m). */
export function meanDistance(dists: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < dists.length; k++) sum += dists[k];
  return sum / dists.length;
}

/**
 * Cophenetic correlation coefficient between the tree and the distances it was built from (Pearson r of
 * cophenetic vs original distances, as scipy.cluster.hierarchy.cophenet(Z, Y)[0]). Reads the distances in their
 * stored order: in the tree's leaf order the cophenetic distance of two leaves is the highest of the merge heights
 * between neighbouring leaves that lie between them (heights never decrease up the tree for these linkages, up to rounding in the last bit), so one
 * pass per sample fills its cophenetic distances to every leaf, O(n), and its row of distances is read straight
 * through. O(n²) time, O(n) extra memory (no cophenetic array). NaN when either side is constant. `meanY`: the
 * distances' mean (meanDistance), when the caller computed it while the tree was being built.
 */
export function copheneticCorrelation(z: Float64Array, dists: Float64Array, meanY = meanDistance(dists)): number {
  const n = z.length / 4 + 1;
  const m = condensedLength(n);
  if (dists.length !== m) throw new RangeError(`linkage has ${n} samples but ${dists.length} distances were given`);
  let sumZ = 0;
  for (let k = 0; k < n - 1; k++) {
    const a = z[k * 4];
    const sizeA = a >= n ? z[(a - n) * 4 + 3] : 1;
    const sizeB = z[k * 4 + 3] - sizeA;
    sumZ += z[k * 4 + 2] * sizeA * sizeB;
  }
  const meanZ = sumZ / m;
  const { leaves, start } = treeLayout(z);
  const position = new Int32Array(n);
  for (let q = 0; q < n; q++) position[leaves[q]] = q;
  // between[q]: the height of the merge that first joins the leaves at positions q and q + 1.
  const between = new Float64Array(Math.max(n - 1, 0));
  for (let k = 0; k < n - 1; k++) {
    const a = z[k * 4];
    const sizeA = a >= n ? z[(a - n) * 4 + 3] : 1;
    between[start[k] + sizeA - 1] = z[k * 4 + 2];
  }
  const coph = new Float64Array(n);
  let syz = 0;
  let syy = 0;
  let szz = 0;
  let k = 0;
  for (let u = 0; u < n - 1; u++) {
    const a = position[u];
    let h = -Infinity;
    for (let q = a + 1; q < n; q++) {
      if (between[q - 1] > h) h = between[q - 1];
      coph[q] = h;
    }
    h = -Infinity;
    for (let q = a - 1; q >= 0; q--) {
      if (between[q] > h) h = between[q];
      coph[q] = h;
    }
    for (let v = u + 1; v < n; v++) {
      const dy = dists[k++] - meanY;
      const dz = coph[position[v]] - meanZ;
      syz += dy * dz;
      syy += dy * dy;
      szz += dz * dz;
    }
  }
  return syz / Math.sqrt(syy * szz);
}
