/**
 * Nearest-neighbour chain agglomeration with Lance–Williams updates (Müllner 2011, arXiv:1109.2378), a port of
 * scipy.cluster.hierarchy's nn_chain: same scan order, strict comparisons and update formulas, so merge heights
 * and tie resolution equal scipy's bit for bit on the same distances.
 *
 * `nnChainMerges` calls only the functions `nnChainSource()` lists and reads no module state, so that a host with
 * threads can run it on a worker thread from its source (node/profiling/linkage-thread.ts).
 */
import { condensedRowOffsets } from './condensed';
import { throwIfAborted, type ProgressCallback } from './util/abort';
import { functionSource } from './util/function-source';

/** Methods the chain handles (all reducible, so the chain is exact). */
export type ChainMethod = 'complete' | 'average' | 'weighted' | 'ward';

/**
 * Unsorted merges (x, y, height, size; x, y are slot = sample indices) to be sorted and labelled by
 * `labelLinkage`. Overwrites `work` (a condensed array, usually a copy of the distances) with inter-cluster
 * distances. O(n²) time for these reducible methods; O(n) extra memory besides `work`.
 */
export function nnChainMerges(
  work: Float64Array,
  n: number,
  method: ChainMethod,
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
): Float64Array {
  // Method codes as local constants: the function is shipped to a worker thread as its source (nnChainSource).
  const COMPLETE = 0;
  const AVERAGE = 1;
  const WEIGHTED = 2;
  const code = method === 'complete' ? COMPLETE : method === 'average' ? AVERAGE : method === 'weighted' ? WEIGHTED : 3;
  const D = work;
  const z = new Float64Array((n - 1) * 4);
  // Int32 offsets while the condensed array fits them: integer indexing is faster in V8 (same values).
  const rowOff = condensedRowOffsets(n);
  const off = work.length < 2 ** 31 ? Int32Array.from(rowOff) : rowOff;
  const size = new Int32Array(n).fill(1);
  const chain = new Int32Array(n);
  let chainLength = 0;
  // Live clusters (slots with size > 0) as a linked list in increasing index order.
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  const head = n;
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : head;
    prev[i] = i > 0 ? i - 1 : head;
  }
  next[head] = n > 0 ? 0 : head;
  prev[head] = n > 0 ? n - 1 : head;

  let x: number;
  let y = 0;
  let currentMin: number;
  for (let k = 0; k < n - 1; k++) {
    if ((k & 255) === 0) {
      throwIfAborted(signal);
      if (onProgress !== undefined) onProgress(k / (n - 1));
    }
    if (chainLength === 0) {
      chainLength = 1;
      chain[0] = next[head];
    }
    for (;;) {
      x = chain[chainLength - 1];
      // Prefer the previous chain element on ties, so the chain cannot cycle.
      if (chainLength > 1) {
        y = chain[chainLength - 2];
        currentMin = y < x ? D[off[y] + x] : D[off[x] + y];
      } else {
        currentMin = Infinity;
      }
      let i = next[head];
      for (; i < x; i = next[i]) {
        const dist = D[off[i] + x];
        if (dist < currentMin) {
          currentMin = dist;
          y = i;
        }
      }
      if (i === x) i = next[i];
      const base = off[x];
      for (; i !== head; i = next[i]) {
        const dist = D[base + i];
        if (dist < currentMin) {
          currentMin = dist;
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x];
    const ny = size[y];
    z[k * 4] = x;
    z[k * 4 + 1] = y;
    z[k * 4 + 2] = currentMin;
    z[k * 4 + 3] = nx + ny;
    size[x] = 0;
    size[y] = nx + ny;
    next[prev[x]] = next[x];
    prev[next[x]] = prev[x];

    const dxy = currentMin;
    const offX = off[x];
    const offY = off[y];
    for (let i = next[head]; i !== head; i = next[i]) {
      if (i === y) continue;
      const ix = i < x ? off[i] + x : offX + i;
      const iy = i < y ? off[i] + y : offY + i;
      const dxi = D[ix];
      const dyi = D[iy];
      let v: number;
      switch (code) {
        case COMPLETE:
          v = dxi > dyi ? dxi : dyi;
          break;
        case AVERAGE:
          v = (nx * dxi + ny * dyi) / (nx + ny);
          break;
        case WEIGHTED:
          v = 0.5 * (dxi + dyi);
          break;
        default: {
          const ni = size[i];
          const t = 1.0 / (nx + ny + ni);
          v = Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy);
        }
      }
      D[iy] = v;
    }
  }
  return z;
}

/** The source text of `nnChainMerges` and the functions it calls, as function declarations. */
export function nnChainSource(): string {
  return functionSource([condensedRowOffsets, throwIfAborted, nnChainMerges]);
}
