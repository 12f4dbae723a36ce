/**
 * The link threshold at any accepted false-positive rate, moved live as the analyst changes the rate:
 * the calibration's pair distances are sorted once (O(m log m)), then each rate is a binary search
 * (O(log m)), so a slider never waits. Same rule as shared/profiling/roc.ts `thresholdAtFpr`: the largest
 * observed distance whose share of unlinked pairs at or below it stays within the rate; min − 1 (nothing
 * linked) when even the smallest distance exceeds it.
 */
export interface SortedDistances {
  linked: Float64Array;
  unlinked: Float64Array;
}

export interface LiveThreshold {
  threshold: number;
  fpr: number;
  tpr: number;
}

export function sortDistances(linked: Float64Array, unlinked: Float64Array): SortedDistances {
  return { linked: Float64Array.from(linked).sort(), unlinked: Float64Array.from(unlinked).sort() };
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

/** The threshold at `acceptedFpr` (0–1) and the rates it achieves. O(log m). */
export function liveThreshold(d: SortedDistances, acceptedFpr: number): LiveThreshold {
  const U = d.unlinked.length;
  const L = d.linked.length;
  const allowed = Math.floor(acceptedFpr * U + 1e-9);
  let t: number;
  if (allowed >= U) {
    t = Math.max(d.unlinked[U - 1], L ? d.linked[L - 1] : -Infinity);
  } else {
    // Below the (allowed+1)-th smallest unlinked distance: the largest distance of either kind.
    const limit = d.unlinked[allowed];
    t = Math.max(largestBelow(d.linked, limit), largestBelow(d.unlinked, limit));
  }
  if (t === -Infinity) {
    const min = Math.min(d.unlinked[0], L ? d.linked[0] : Infinity);
    return { threshold: min - 1, fpr: 0, tpr: 0 };
  }
  return { threshold: t, fpr: countAtMost(d.unlinked, t) / U, tpr: L ? countAtMost(d.linked, t) / L : 0 };
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
