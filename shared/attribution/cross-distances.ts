/**
 * Distances between two sets of samples of one pretreated matrix, with the calibrated comparison metric (the same
 * definitions as shared/profiling condensedDistances, so they sit on the calibration's scale).
 */
import type { PreparedRows } from '../profiling/scores';
import { rowDistance } from '../profiling/scores';

/** Row-major |from|×|to| distances between the prepared rows `from` and `to` (metric units). O(|from|·|to|·p). */
export function crossDistances(rows: PreparedRows, from: ArrayLike<number>, to: ArrayLike<number>): Float64Array {
  const out = new Float64Array(from.length * to.length);
  for (let a = 0; a < from.length; a++) {
    const i = from[a];
    for (let b = 0; b < to.length; b++) out[a * to.length + b] = i === to[b] ? 0 : rowDistance(rows, i, to[b]);
  }
  return out;
}
