/**
 * Single linkage by Prim's minimum spanning tree, a port of scipy.cluster.hierarchy's mst_single_linkage
 * (same scan order and strict comparisons, so ties resolve as in scipy).
 */
import { condensedRowOffsets } from './condensed';
import { throwIfAborted, type ProgressCallback } from './util/abort';

/**
 * Unsorted single-linkage merges (rows x, y, height, 0 of an (n−1)×4 Float64Array, x/y being sample indices),
 * to be sorted and labelled by `labelLinkage`. Reads `dists` only. O(n²) time, O(n) extra memory.
 */
export function mstSingleMerges(
  dists: Float64Array,
  n: number,
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
): Float64Array {
  const z = new Float64Array((n - 1) * 4);
  const off = condensedRowOffsets(n);
  const best = new Float64Array(n).fill(Infinity);
  // Unmerged samples as a linked list in increasing index order, so the scan visits them as scipy does.
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  const head = n; // sentinel
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : head;
    prev[i] = i > 0 ? i - 1 : head;
  }
  next[head] = n > 0 ? 0 : head;
  prev[head] = n > 0 ? n - 1 : head;

  let x = 0;
  let y = 0;
  for (let k = 0; k < n - 1; k++) {
    if ((k & 255) === 0) {
      throwIfAborted(signal);
      if (onProgress !== undefined) onProgress(k / (n - 1));
    }
    next[prev[x]] = next[x];
    prev[next[x]] = prev[x];
    let currentMin = Infinity;
    let i = next[head];
    for (; i !== head && i < x; i = next[i]) {
      const dist = dists[off[i] + x];
      let b = best[i];
      if (b > dist) {
        b = dist;
        best[i] = b;
      }
      if (b < currentMin) {
        y = i;
        currentMin = b;
      }
    }
    const base = off[x];
    for (; i !== head; i = next[i]) {
      const dist = dists[base + i];
      let b = best[i];
      if (b > dist) {
        b = dist;
        best[i] = b;
      }
      if (b < currentMin) {
        y = i;
        currentMin = b;
      }
    }
    z[k * 4] = x;
    z[k * 4 + 1] = y;
    z[k * 4 + 2] = currentMin;
    x = y;
  }
  return z;
}
