/**
 * Comparison metrics between pretreated signatures (Pearson default: Andersson et al. 2007; the others as
 * compared by Popovic et al. for Australian methamphetamine).
 *
 * Distances: pearson 1 − r, cosine 1 − cos, euclidean, manhattan (scipy "cityblock") and canberra exactly as
 * scipy.spatial.distance.pdist defines them (canberra terms with 0/0 count 0).
 * Pearson/cosine with a constant or all-zero signature (r, cos undefined; scipy gives NaN) take r = 0 /
 * cos = 0, i.e. distance 1: "no evidence of similarity", so empty profiles never link.
 */
import type { SignatureMatrix } from './signature-matrix';
import { condensedLength } from './condensed';
import { throwIfAborted, type ProgressCallback } from './util/abort';
import { canberra, euclidean, manhattan, oneMinusDot } from './distance-kernels';
import { balancedRowRanges, condensedRows } from './condensed-rows';

/** Comparison metric names. */
export type Score = 'pearson' | 'cosine' | 'euclidean' | 'manhattan' | 'canberra';

/** Every metric, literature default (Pearson) first. */
export const SCORES: readonly Score[] = ['pearson', 'cosine', 'euclidean', 'manhattan', 'canberra'];

/** Rows prepared for one metric: for pearson/cosine each row is centred (pearson) and scaled to unit norm. */
export interface PreparedRows {
  readonly score: Score;
  readonly n: number;
  readonly p: number;
  /** Row-major n×p working copy (unit rows for pearson/cosine, the input itself otherwise). */
  readonly x: Float64Array;
  /** 1 where a pearson/cosine row has zero norm (constant or empty signature). */
  readonly degenerate: Uint8Array;
}

/** Prepares rows once so each pair costs p multiply-adds. O(np) time, one n×p copy for pearson/cosine. */
export function prepareRows(values: Float64Array, n: number, p: number, score: Score): PreparedRows {
  const degenerate = new Uint8Array(n);
  if (score !== 'pearson' && score !== 'cosine') return { score, n, p, x: values, degenerate };
  const x = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    let raw = 0;
    for (let c = 0; c < p; c++) raw += x[o + c] * x[o + c];
    if (score === 'pearson') {
      let m = 0;
      for (let c = 0; c < p; c++) m += x[o + c];
      m /= p;
      for (let c = 0; c < p; c++) x[o + c] -= m;
    }
    let ss = 0;
    for (let c = 0; c < p; c++) ss += x[o + c] * x[o + c];
    // A row constant up to rounding (centred norm ≤ 1e-13 × raw norm) has no defined correlation.
    if (ss > 1e-26 * raw) {
      const inv = 1 / Math.sqrt(ss);
      for (let c = 0; c < p; c++) x[o + c] *= inv;
    } else {
      degenerate[i] = 1;
    }
  }
  return { score, n, p, x, degenerate };
}

/** Distance between prepared rows i and j (units of the metric; see module doc). O(p). */
export function rowDistance(rows: PreparedRows, i: number, j: number): number {
  const { x, p } = rows;
  switch (rows.score) {
    case 'pearson':
    case 'cosine':
      return rows.degenerate[i] === 1 || rows.degenerate[j] === 1 ? 1 : oneMinusDot(x, i * p, j * p, p);
    case 'euclidean':
      return euclidean(x, i * p, j * p, p);
    case 'manhattan':
      return manhattan(x, i * p, j * p, p);
    case 'canberra':
      return canberra(x, i * p, j * p, p);
  }
}

/**
 * Maps a distance to the 0–100 scale of the literature (0 = identical): pearson (1 − r)/2 × 100
 * (Andersson et al. 2007), cosine (1 − cos) × 100 clipped to [0, 100], canberra 100·d/p (its theoretical
 * maximum is p, one per compound), euclidean/manhattan 100·d/ref clipped, where `ref` is a reference distance
 * the caller states (e.g. the largest distance in the calibration set, stored with the calibration).
 */
export function toScore100(distance: number, score: Score, ref: number): number {
  let s: number;
  switch (score) {
    case 'pearson':
      s = distance * 50;
      break;
    case 'cosine':
      s = distance * 100;
      break;
    case 'canberra':
    case 'euclidean':
    case 'manhattan':
      if (!(ref > 0)) throw new RangeError(`${score} needs a positive reference distance (compound count for canberra)`);
      s = (100 * distance) / ref;
      break;
  }
  return s < 0 ? 0 : s > 100 ? 100 : s;
}

/**
 * All pairwise distances of a pretreated matrix in scipy's condensed order (default metric Pearson,
 * Andersson et al. 2007). O(n²p) time; one n(n−1)/2 Float64Array (pass `out` to reuse one) plus an n×p
 * copy for pearson/cosine. `signal` is checked every 64 rows or so; the call is synchronous, so in a worker an
 * abort posted from another thread is only seen if raised from `onProgress` (or the worker is terminated).
 */
export function condensedDistances(
  matrix: SignatureMatrix,
  score: Score = 'pearson',
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
  out?: Float64Array,
): Float64Array {
  const n = matrix.sampleIds.length;
  const p = matrix.compounds.length;
  const m = condensedLength(n);
  const d = out ?? new Float64Array(m);
  if (d.length !== m) throw new RangeError(`output holds ${d.length} distances, ${m} are needed`);
  const rows = prepareRows(matrix.values, n, p, score);
  // About a hundred ranges of equal pair counts: progress in 1 % steps, Cancel checked between them.
  const bounds = balancedRowRanges(n, 100);
  for (let k = 0; k + 1 < bounds.length; k++) {
    throwIfAborted(signal);
    condensedRows(rows.x, rows.degenerate, n, p, score, bounds[k], bounds[k + 1], d);
    if (onProgress !== undefined) onProgress(Math.min(1, (condensedLength(n) - condensedLength(n - bounds[k + 1])) / m));
  }
  if (onProgress !== undefined) onProgress(1);
  return d;
}

/** Condensed distances under way: `finish` waits for them (doing what is left in this thread); `cancel` drops them. */
export interface PendingDistances {
  /** The distances and, when asked for, a second copy of them (a working copy for an in-place linkage). */
  finish(onProgress?: ProgressCallback, signal?: AbortSignal): { dists: Float64Array; twin: Float64Array | null };
  cancel(): void;
}

/**
 * Starts condensedDistances of a pretreated matrix: in this thread at `finish` (startDistancesInThread), or at once on
 * other threads while the caller does other work (node/profiling/distance-threads.ts).
 */
export type StartDistances = (matrix: SignatureMatrix, score: Score, options?: { twin?: boolean }) => PendingDistances;

/** condensedDistances computed when finished, in this thread. */
export const startDistancesInThread: StartDistances = (matrix, score, options = {}) => ({
  finish(onProgress, signal) {
    const dists = condensedDistances(matrix, score, onProgress, signal);
    return { dists, twin: options.twin === true ? Float64Array.from(dists) : null };
  },
  cancel() {},
});
