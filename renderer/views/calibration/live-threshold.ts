/**
 * The link threshold at any accepted false-positive rate, moved live as the analyst changes the rate:
 * the calibration's pair distances are sorted once (O(m log m)), then each rate is a binary search
 * (O(log m)), so a slider never waits. Same rules as the calibration: with a contamination model, the rate counts
 * the unlinked pairs weighted by their posterior probability of different sources (thresholdAtCorrectedFpr of
 * shared/profiling/contamination.ts); without, shared/profiling/roc.ts `thresholdAtFpr`. The largest observed distance
 * whose rate stays within the accepted one; min − 1 (nothing linked) when even the smallest distance exceeds it.
 */
import { posteriorSameSource, type ContaminationModel } from '../../../shared/profiling/contamination';

export interface SortedDistances {
  linked: Float64Array;
  unlinked: Float64Array;
  /** Cumulative weight of different-source pairs up to each sorted unlinked distance (with a model), normalised to 1. */
  differentCum: Float64Array | null;
}

export interface LiveThreshold {
  threshold: number;
  /** Rate among different-source pairs (corrected), or among all unlinked pairs without a model. */
  fpr: number;
  /** Rate among all unlinked pairs. */
  rawFpr: number;
  tpr: number;
}

/** Sorted distances, with the cumulative different-source weights when the calibration has a contamination model. */
export function sortDistances(linked: Float64Array, unlinked: Float64Array, model: ContaminationModel | null = null): SortedDistances {
  const u = Float64Array.from(unlinked).sort();
  let differentCum: Float64Array | null = null;
  if (model) {
    differentCum = new Float64Array(u.length);
    let cum = 0;
    for (let k = 0; k < u.length; k++) differentCum[k] = cum += 1 - posteriorSameSource(model, u[k]);
    for (let k = 0; k < u.length; k++) differentCum[k] /= cum > 0 ? cum : 1;
  }
  return { linked: Float64Array.from(linked).sort(), unlinked: u, differentCum };
}

/** Number of values ≤ v in an ascending array. */
function countAtMost(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest value < v in an ascending array, or -Infinity. */
function largestBelow(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? a[lo - 1] : -Infinity;
}

/** Index of the first unlinked distance that would take the rate above `acceptedFpr` (U when none does). O(log m). */
function firstOver(d: SortedDistances, acceptedFpr: number): number {
  const U = d.unlinked.length;
  if (d.differentCum === null) return Math.min(U, Math.floor(acceptedFpr * U + 1e-9));
  // The rate at a distance counts every pair tied with it: find the first distinct distance whose cumulative weight
  // (through its last tie) exceeds the rate.
  const cum = d.differentCum;
  let lo = 0;
  let hi = U;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[countAtMost(d.unlinked, d.unlinked[mid]) - 1] > acceptedFpr + 1e-12) hi = mid;
    else lo = mid + 1;
  }
  // Back to the first of its ties.
  while (lo > 0 && lo < U && d.unlinked[lo - 1] === d.unlinked[lo]) lo--;
  return lo;
}

/** The threshold at `acceptedFpr` (0–1) and the rates it achieves. O(log m). */
export function liveThreshold(d: SortedDistances, acceptedFpr: number): LiveThreshold {
  const U = d.unlinked.length;
  const L = d.linked.length;
  const allowed = firstOver(d, acceptedFpr);
  let t: number;
  if (allowed >= U) {
    t = Math.max(d.unlinked[U - 1], L ? d.linked[L - 1] : -Infinity);
  } else {
    // Below the first unlinked distance over the rate: the largest distance of either kind.
    const limit = d.unlinked[allowed];
    t = Math.max(largestBelow(d.linked, limit), largestBelow(d.unlinked, limit));
  }
  if (t === -Infinity) {
    const min = Math.min(d.unlinked[0], L ? d.linked[0] : Infinity);
    return { threshold: min - 1, fpr: 0, rawFpr: 0, tpr: 0 };
  }
  const within = countAtMost(d.unlinked, t);
  const raw = within / U;
  const fpr = d.differentCum === null ? raw : within > 0 ? d.differentCum[within - 1] : 0;
  return { threshold: t, fpr, rawFpr: raw, tpr: L ? countAtMost(d.linked, t) / L : 0 };
}

export interface Histograms {
  /** Bin edges (bins + 1), in distance units. */
  edges: number[];
  linked: number[];
  unlinked: number[];
  /** True when the bins are equal on a log scale (linked distances often sit decades below unlinked ones). */
  log: boolean;
}

/**
 * Histograms of both sets on shared bins, as shares of each set (comparable at any count). Log-spaced bins when
 * every distance is positive and they span more than two decades; else equal-width. O(m).
 */
export function histograms(d: SortedDistances, bins = 60): Histograms {
  const lo = Math.min(d.linked[0] ?? Infinity, d.unlinked[0]);
  const hi = Math.max(d.linked[d.linked.length - 1] ?? -Infinity, d.unlinked[d.unlinked.length - 1]);
  const log = lo > 0 && hi / lo > 100;
  const f = log ? Math.log : (v: number) => v;
  const a = f(lo);
  const width = (f(hi) - a) / bins || 1;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (log ? Math.exp(a + k * width) : a + k * width));
  const count = (x: Float64Array) => {
    const out = new Array<number>(bins).fill(0);
    for (let i = 0; i < x.length; i++) out[Math.min(bins - 1, Math.max(0, Math.floor((f(x[i]) - a) / width)))] += 1 / x.length;
    return out;
  };
  return { edges, linked: count(d.linked), unlinked: count(d.unlinked), log };
}
