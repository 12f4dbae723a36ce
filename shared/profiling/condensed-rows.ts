/**
 * A range of rows of the condensed distance array: every pair (i, j > i) for i in [from, to), written where scipy's
 * pdist order puts it. The blocked kernels (distance-blocks.ts) take rows two at a time; a range may start or end
 * anywhere, and each pair is summed in compound order with one accumulator, so any split of the rows (one thread or
 * several) gives the very same array, bit for bit.
 *
 * `condensedRowsSource()` is the text of this function and of every kernel it calls, so that a host with threads
 * (node/profiling/distance-threads.ts) can run it on worker threads without a module loader: keep these functions
 * free of imports other than the kernels listed there, and of closures over module state.
 */
import { canberra, euclidean, manhattan, oneMinusDot } from './distance-kernels';
import { twoRowCanberra, twoRowDot, twoRowEuclidean, twoRowManhattan } from './distance-blocks';
import { functionSource } from './util/function-source';

/**
 * Rows [from, to) of the condensed distances of prepared rows `x` (n × p; scores.ts prepareRows), into `d` (length
 * n(n−1)/2). `degenerate` flags pearson/cosine rows of zero norm, whose distances are 1 (scores.ts). O((to − from)·n·p).
 */
export function condensedRows(x: Float64Array, degenerate: Uint8Array, n: number, p: number, score: string, from: number, to: number, d: Float64Array): void {
  const dot = score === 'pearson' || score === 'cosine';
  let anyDegenerate = false;
  if (dot) for (let j = 0; j < n && !anyDegenerate; j++) anyDegenerate = degenerate[j] === 1;
  let i = from;
  for (; i + 1 < to && i + 2 < n; i += 2) {
    const k0 = n * i - (i * (i + 1)) / 2;
    const k1 = k0 + (n - i - 1);
    if (dot) twoRowDot(x, p, n, i, d, k0, k1);
    else if (score === 'euclidean') twoRowEuclidean(x, p, n, i, d, k0, k1);
    else if (score === 'manhattan') twoRowManhattan(x, p, n, i, d, k0, k1);
    else twoRowCanberra(x, p, n, i, d, k0, k1);
  }
  // The range's last row when it has an odd number of rows (or the pair (n − 2, n − 1)): pair by pair.
  for (; i < to && i < n - 1; i++) {
    const k0 = n * i - (i * (i + 1)) / 2 - i - 1;
    const a = i * p;
    for (let j = i + 1; j < n; j++) {
      const b = j * p;
      d[k0 + j] = dot ? oneMinusDot(x, a, b, p) : score === 'euclidean' ? euclidean(x, a, b, p) : score === 'manhattan' ? manhattan(x, a, b, p) : canberra(x, a, b, p);
    }
  }
  if (!anyDegenerate) return;
  // Constant or empty signatures: distance 1 to everything (scores.ts).
  for (let r = from; r < to && r < n - 1; r++) {
    const start = n * r - (r * (r + 1)) / 2 - r - 1;
    if (degenerate[r] === 1) d.fill(1, start + r + 1, start + n);
    else for (let j = r + 1; j < n; j++) if (degenerate[j] === 1) d[start + j] = 1;
  }
}

/** The source text of `condensedRows` and the kernels it calls, as function declarations (see the module doc). */
export function condensedRowsSource(): string {
  return functionSource([oneMinusDot, euclidean, manhattan, canberra, twoRowDot, twoRowEuclidean, twoRowManhattan, twoRowCanberra, condensedRows]);
}

/**
 * Row boundaries cutting n samples' condensed array into `parts` ranges of about equal pair counts (row i holds
 * n − i − 1 pairs), each an even number of rows but the last (the kernels take rows two at a time). O(n).
 */
export function balancedRowRanges(n: number, parts: number): number[] {
  const total = (n * (n - 1)) / 2;
  const bounds = [0];
  let done = 0;
  for (let i = 0; i < n - 1; i++) {
    done += n - i - 1;
    const row = i + 1;
    if (row % 2 === 0 && done >= (total * bounds.length) / parts && row < n - 1 && bounds.length < parts) bounds.push(row);
  }
  bounds.push(Math.max(n - 1, 0));
  return bounds;
}
