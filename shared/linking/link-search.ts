/**
 * Linking new profiles against stored ones: the stored rows are cut into ranges that a runner (in this thread, or
 * worker threads in the Node host: node/linking/link-pool.ts) hands to the kernel (link-kernel.ts); the ranges'
 * links are concatenated and the nearest stored profile per new one kept. O(new × stored × compounds) time, the stored
 * matrix itself plus O(links) memory: never a new × stored matrix.
 */
import { throwIfAborted } from '../profiling/util/abort';
import type { PreparedRows } from '../profiling/scores';
import { linkBlock, type LinkBlockResult } from './link-kernel';
import { projectionOrder, type ProjectionOrder } from './projection-screen';

/** Links found: parallel arrays sorted by new row, then distance, then stored row. */
export interface LinkSearchResult {
  newIndex: Int32Array;
  storedIndex: Int32Array;
  distance: Float64Array;
  /** Per new row: the nearest stored row (−1 when there is none) and its distance. */
  nearest: Int32Array;
  nearestDistance: Float64Array;
}

/** One range of stored rows, against the new rows [freshFrom, freshTo), for the kernel. */
export interface LinkTask {
  from: number;
  to: number;
  freshFrom: number;
  freshTo: number;
}

/** The kernel on one task, new indices made absolute. */
export function runTask(stored: PreparedRows, fresh: PreparedRows, threshold: number, t: LinkTask): LinkBlockResult {
  const p = stored.p;
  const r = linkBlock(stored.x, stored.degenerate, fresh.x.subarray(t.freshFrom * p, t.freshTo * p), fresh.degenerate.subarray(t.freshFrom, t.freshTo), p, stored.score, threshold, t.from, t.to);
  return offsetResult(r, t.freshFrom, fresh.n);
}

/** Shifts a task's new-row indices by `offset` into a result over all `n` new rows. */
export function offsetResult(r: LinkBlockResult, offset: number, n: number): LinkBlockResult {
  if (offset === 0 && r.nearest.length === n) return r;
  const nearest = new Int32Array(n).fill(-1);
  const nearestDistance = new Float64Array(n).fill(Infinity);
  nearest.set(r.nearest, offset);
  nearestDistance.set(r.nearestDistance, offset);
  return { newIndex: r.newIndex.map((i) => i + offset), storedIndex: r.storedIndex, distance: r.distance, nearest, nearestDistance };
}

/** Runs the kernel on ranges, possibly in parallel; results in any order. */
export type LinkRunner = (stored: PreparedRows, fresh: PreparedRows, threshold: number, tasks: LinkTask[], onTaskDone: () => void, signal?: AbortSignal) => Promise<LinkBlockResult[]>;

/** The kernel in this thread, range after range (progress and Cancel between ranges). */
export const inThreadRunner: LinkRunner = async (stored, fresh, threshold, tasks, onTaskDone, signal) => {
  const out: LinkBlockResult[] = [];
  for (const t of tasks) {
    throwIfAborted(signal);
    out.push(runTask(stored, fresh, threshold, t));
    onTaskDone();
  }
  return out;
};

/**
 * The kernel in this thread, in slices of about `work` pair-compound terms (default 4 million: some 10 ms), yielding
 * to the event loop before each: for an interface thread (the app's import), so that it paints progress and hears
 * Cancel between slices, however many new samples there are. The slices' results are merged like any runner's, so
 * the links are the same.
 */
export function yieldingRunner(work = 4_000_000): LinkRunner {
  return async (stored, fresh, threshold, tasks, onTaskDone, signal) => {
    const out: LinkBlockResult[] = [];
    for (const t of tasks) {
      const rows = Math.max(16, Math.floor(work / Math.max(1, (t.freshTo - t.freshFrom) * stored.p)));
      for (let from = t.from; from < t.to; from += rows) {
        await new Promise<void>((resolve) => setTimeout(() => resolve(), 0));
        throwIfAborted(signal);
        out.push(runTask(stored, fresh, threshold, { ...t, from, to: Math.min(t.to, from + rows) }));
      }
      onTaskDone();
    }
    return out;
  };
}

export interface LinkSearchOptions {
  runner?: LinkRunner;
  /** Stored rows per task; default 32,768 (about 1/30 of a million: progress in small steps, little overhead). */
  taskRows?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Screen pairs by projection (Pearson, cosine); default true. false: every pair, e.g. to time the kernel alone. */
  screen?: boolean;
}

/**
 * Every (new, stored) pair with distance ≤ threshold, and each new row's nearest stored row within the screened
 * candidates (exact whenever it is a link; see projection-screen.ts). See the module doc.
 */
export async function searchLinks(stored: PreparedRows, fresh: PreparedRows, threshold: number, options: LinkSearchOptions = {}): Promise<LinkSearchResult> {
  if (stored.p !== fresh.p || stored.score !== fresh.score) throw new RangeError('new and stored profiles must be prepared for the same compounds and score');
  const step = options.taskRows ?? 32_768;
  // Pearson and cosine: both sides sorted by their projection on one direction, each stored range compared only with
  // the new rows whose projection is close enough to link (exact: projection-screen.ts).
  const order: ProjectionOrder | null = options.screen === false ? null : projectionOrder(stored, fresh, threshold);
  const S = order?.stored ?? stored;
  const F = order?.fresh ?? fresh;
  const tasks: LinkTask[] = [];
  for (let from = 0; from < S.n; from += step) {
    const to = Math.min(S.n, from + step);
    const [freshFrom, freshTo] = order ? order.freshRange(from, to) : [0, F.n];
    if (freshTo > freshFrom) tasks.push({ from, to, freshFrom, freshTo });
  }
  let done = 0;
  const parts = F.n === 0 || S.n === 0 || tasks.length === 0 ? [] : await (options.runner ?? inThreadRunner)(S, F, threshold, tasks, () => options.onProgress?.(++done / tasks.length), options.signal);
  const storedOf = (j: number): number => (order ? order.storedIndex[j] : j);
  const freshOf = (i: number): number => (order ? order.freshIndex[i] : i);
  const nearest = new Int32Array(fresh.n).fill(-1);
  const nearestDistance = new Float64Array(fresh.n).fill(Infinity);
  // The links in typed arrays (16 bytes each: a loose threshold gives millions), then ordered by new row (counting
  // sort), each row's links by distance and stored row.
  let total = 0;
  for (const r of parts) total += r.distance.length;
  const I = new Int32Array(total);
  const J = new Int32Array(total);
  const D = new Float64Array(total);
  let at = 0;
  for (const r of parts) {
    for (let k = 0; k < r.distance.length; k++, at++) {
      I[at] = freshOf(r.newIndex[k]);
      J[at] = storedOf(r.storedIndex[k]);
      D[at] = r.distance[k];
    }
    for (let i = 0; i < F.n; i++) {
      if (r.nearest[i] < 0) continue;
      const j = storedOf(r.nearest[i]);
      const d = r.nearestDistance[i];
      const a = freshOf(i);
      if (d < nearestDistance[a] || (d === nearestDistance[a] && j < nearest[a])) {
        nearest[a] = j;
        nearestDistance[a] = d;
      }
    }
  }
  const start = new Int32Array(fresh.n + 1);
  for (let k = 0; k < total; k++) start[I[k] + 1]++;
  for (let i = 0; i < fresh.n; i++) start[i + 1] += start[i];
  const next = start.slice(0, fresh.n);
  const sorted = new Int32Array(total);
  for (let k = 0; k < total; k++) sorted[next[I[k]]++] = k;
  for (let i = 0; i < fresh.n; i++) sorted.subarray(start[i], start[i + 1]).sort((a, b) => D[a] - D[b] || J[a] - J[b]);
  return {
    newIndex: Int32Array.from(sorted, (k) => I[k]),
    storedIndex: Int32Array.from(sorted, (k) => J[k]),
    distance: Float64Array.from(sorted, (k) => D[k]),
    nearest,
    nearestDistance,
  };
}
