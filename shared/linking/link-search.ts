/**
 * Linking new profiles against stored ones: the stored rows are cut into ranges that a runner (in this thread, or
 * worker threads in the Node host: node/linking/link-pool.ts) hands to the kernel (link-kernel.ts); the ranges'
 * links are concatenated and the nearest stored profile per new one kept. O(new × stored × compounds) time, the stored
 * matrix itself plus O(links) memory: never a new × stored matrix.
 */
import { throwIfAborted } from '../profiling/util/abort';
import type { PreparedRows } from '../profiling/scores';
import { linkBlock, type LinkBlockResult } from './link-kernel';

/** Links found: parallel arrays sorted by new row, then distance, then stored row. */
export interface LinkSearchResult {
  newIndex: Int32Array;
  storedIndex: Int32Array;
  distance: Float64Array;
  /** Per new row: the nearest stored row (−1 when there is none) and its distance. */
  nearest: Int32Array;
  nearestDistance: Float64Array;
}

/** One range of stored rows for the kernel. */
export interface LinkTask {
  from: number;
  to: number;
}

/** Runs the kernel on ranges, possibly in parallel; results in any order. */
export type LinkRunner = (stored: PreparedRows, fresh: PreparedRows, threshold: number, tasks: LinkTask[], onTaskDone: () => void, signal?: AbortSignal) => Promise<LinkBlockResult[]>;

/** The kernel in this thread, range after range (progress and Cancel between ranges). */
export const inThreadRunner: LinkRunner = async (stored, fresh, threshold, tasks, onTaskDone, signal) => {
  const out: LinkBlockResult[] = [];
  for (const t of tasks) {
    throwIfAborted(signal);
    out.push(linkBlock(stored.x, stored.degenerate, fresh.x, fresh.degenerate, stored.p, stored.score, threshold, t.from, t.to));
    onTaskDone();
  }
  return out;
};

export interface LinkSearchOptions {
  runner?: LinkRunner;
  /** Stored rows per task; default 32,768 (about 1/30 of a million: progress in small steps, little overhead). */
  taskRows?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Every (new, stored) pair with distance ≤ threshold, and each new row's nearest stored row. See the module doc. */
export async function searchLinks(stored: PreparedRows, fresh: PreparedRows, threshold: number, options: LinkSearchOptions = {}): Promise<LinkSearchResult> {
  if (stored.p !== fresh.p || stored.score !== fresh.score) throw new RangeError('new and stored profiles must be prepared for the same compounds and score');
  const step = options.taskRows ?? 32_768;
  const tasks: LinkTask[] = [];
  for (let from = 0; from < stored.n; from += step) tasks.push({ from, to: Math.min(stored.n, from + step) });
  let done = 0;
  const parts = fresh.n === 0 || stored.n === 0 ? [] : await (options.runner ?? inThreadRunner)(stored, fresh, threshold, tasks, () => options.onProgress?.(++done / tasks.length), options.signal);
  const nearest = new Int32Array(fresh.n).fill(-1);
  const nearestDistance = new Float64Array(fresh.n).fill(Infinity);
  const all: { i: number; j: number; d: number }[] = [];
  for (const r of parts) {
    for (let k = 0; k < r.distance.length; k++) all.push({ i: r.newIndex[k], j: r.storedIndex[k], d: r.distance[k] });
    for (let i = 0; i < fresh.n; i++) {
      const j = r.nearest[i];
      if (j < 0) continue;
      const d = r.nearestDistance[i];
      if (d < nearestDistance[i] || (d === nearestDistance[i] && j < nearest[i])) {
        nearest[i] = j;
        nearestDistance[i] = d;
      }
    }
  }
  all.sort((a, b) => a.i - b.i || a.d - b.d || a.j - b.j);
  return {
    newIndex: Int32Array.from(all, (l) => l.i),
    storedIndex: Int32Array.from(all, (l) => l.j),
    distance: Float64Array.from(all, (l) => l.d),
    nearest,
    nearestDistance,
  };
}
