/**
 * Compact plots of a calibration, small enough to keep for every pretreatment × score in the calibration record:
 * a subset of the ROC points (dense at the low false-positive rates where thresholds are set) and the two score
 * distributions as histograms on shared bins plus quantiles.
 */
import type { RocCurve } from '../profiling/roc';

/** FPRs at which the compact ROC keeps the last point at or below: dense under 10 %, then every 2.5 %. */
export const ROC_GRID: readonly number[] = [
  0, 0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.075, 0.09,
  ...Array.from({ length: 37 }, (_, k) => Number((0.1 + 0.025 * k).toFixed(4))),
];

/** Quantile levels stored for each distribution (numpy's linear interpolation). */
export const QUANTILE_LEVELS: readonly number[] = [0, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 1];

/** Default histogram bins. */
export const HISTOGRAM_BINS = 40;

export interface CompactRoc {
  fpr: number[];
  tpr: number[];
  /** Distance threshold of each point (pairs at distance ≤ threshold are called linked). */
  threshold: number[];
}

export interface ScoreDistributions {
  /** bins + 1 edges, shared by both histograms (last bin closed). */
  edges: number[];
  linked: number[];
  unlinked: number[];
  linkedQuantiles: number[];
  unlinkedQuantiles: number[];
}

/** Keeps real ROC points only: for each grid FPR, the last point with fpr ≤ it, plus the end points. O(points). */
export function compactRoc(roc: RocCurve, grid: readonly number[] = ROC_GRID): CompactRoc {
  const keep = new Set<number>([0, roc.fpr.length - 1]);
  let k = 0;
  for (const g of grid) {
    while (k + 1 < roc.fpr.length && roc.fpr[k + 1] <= g) k++;
    keep.add(k);
  }
  const idx = [...keep].sort((a, b) => a - b);
  return { fpr: idx.map((i) => roc.fpr[i]), tpr: idx.map((i) => roc.tpr[i]), threshold: idx.map((i) => roc.thresholds[i]) };
}

/** Quantiles of an ascending array (numpy 'linear'). O(levels). */
export function quantilesOfSorted(sorted: Float64Array, levels: readonly number[] = QUANTILE_LEVELS): number[] {
  const n = sorted.length;
  return levels.map((q) => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  });
}

function counts(sorted: Float64Array, edges: number[]): number[] {
  const bins = edges.length - 1;
  const out = new Array<number>(bins).fill(0);
  const lo = edges[0];
  const width = (edges[bins] - lo) / bins;
  for (let i = 0; i < sorted.length; i++) {
    const b = width > 0 ? Math.floor((sorted[i] - lo) / width) : 0;
    out[Math.min(Math.max(b, 0), bins - 1)]++;
  }
  return out;
}

/** Histograms on shared equal-width bins over both ranges (default 40 bins) and quantiles. O(m log m). */
export function scoreDistributions(linked: Float64Array, unlinked: Float64Array, bins = HISTOGRAM_BINS): ScoreDistributions {
  const a = Float64Array.from(linked).sort();
  const b = Float64Array.from(unlinked).sort();
  const lo = Math.min(a[0], b[0]);
  const hi = Math.max(a[a.length - 1], b[b.length - 1]);
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : lo + ((hi - lo) * k) / bins));
  return { edges, linked: counts(a, edges), unlinked: counts(b, edges), linkedQuantiles: quantilesOfSorted(a), unlinkedQuantiles: quantilesOfSorted(b) };
}
