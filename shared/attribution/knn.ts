/**
 * k-nearest-neighbour route votes on the calibrated score, as scikit-learn's
 * KNeighborsClassifier(metric='precomputed', weights='uniform'): the k closest reference samples each cast one
 * vote; the vote fractions are the probabilities. Ties in distance go to the earlier reference sample.
 */

/** Default number of neighbours (sklearn's default; small enough for routes with a handful of references). */
export const DEFAULT_K = 5;

export interface KnnVotes {
  /** Row-major queries × classes vote fractions (each row sums to 1). */
  readonly votes: Float64Array;
  /** Distance to the nearest reference sample, per query. */
  readonly nearest: Float64Array;
  /** Neighbours used (k clamped to the number of references). */
  readonly k: number;
}

/**
 * Votes of the k nearest references for each query, given row-major queries×references distances and each
 * reference's class index (0 … g−1). Default k = 5, clamped to the reference count. O(queries·refs·k).
 */
export function knnVotes(dist: Float64Array, nQueries: number, refClass: Int32Array, g: number, k = DEFAULT_K): KnnVotes {
  const nRef = refClass.length;
  if (dist.length !== nQueries * nRef) throw new RangeError(`${dist.length} distances for ${nQueries} queries × ${nRef} references`);
  if (!(k >= 1)) throw new RangeError(`k must be ≥ 1, got ${k}`);
  const kk = Math.min(Math.floor(k), nRef);
  const votes = new Float64Array(nQueries * g);
  const nearest = new Float64Array(nQueries).fill(Infinity);
  const bestD = new Float64Array(kk);
  const bestJ = new Int32Array(kk);
  for (let q = 0; q < nQueries; q++) {
    let m = 0;
    for (let j = 0; j < nRef; j++) {
      const d = dist[q * nRef + j];
      if (m === kk && !(d < bestD[m - 1])) continue;
      // Insertion into the sorted shortlist; equal distances keep the earlier reference first.
      let pos = m === kk ? m - 1 : m;
      while (pos > 0 && bestD[pos - 1] > d) {
        bestD[pos] = bestD[pos - 1];
        bestJ[pos] = bestJ[pos - 1];
        pos--;
      }
      bestD[pos] = d;
      bestJ[pos] = j;
      if (m < kk) m++;
    }
    for (let t = 0; t < m; t++) votes[q * g + refClass[bestJ[t]]] += 1 / m;
    if (m > 0) nearest[q] = bestD[0];
  }
  return { votes, nearest, k: kk };
}
