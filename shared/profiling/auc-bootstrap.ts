/**
 * Confidence intervals of ROC AUCs by a bootstrap grouped by seizure: pairs are not independent (a sample enters many
 * pairs, the samples of a seizure are alike), so seizures, not pairs, are resampled with replacement (the cluster
 * bootstrap; Davison & Hinkley 1997, §3.8). A replicate weights each linked pair by its seizure's multiplicity m_g and
 * each unlinked pair by m_g·m_h; the AUC of every combination is computed on the same replicate, so that differences
 * between combinations (on the same pairs) get intervals of their own, narrower than either AUC's. Percentile
 * intervals.
 */
import { denseGroups } from './pair-population';
import type { PairSet } from './pairs';
import { mulberry32 } from './util/rng';

export interface AucBootstrapSettings {
  /** Replicates; default 200. */
  readonly replicates: number;
  /** Two-sided level; default 0.95. */
  readonly level: number;
  /** Seed; default 1. */
  readonly seed: number;
}

export const AUC_BOOTSTRAP_DEFAULTS: AucBootstrapSettings = { replicates: 200, level: 0.95, seed: 1 };

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Distances of one combination on the pairs (linked and unlinked sides, aligned with the PairSets). */
export interface CombinationDistances {
  readonly linked: Float64Array;
  readonly unlinked: Float64Array;
}

/** Pairs sorted by distance once (linked flag, side index), so that each replicate is one O(m) pass. */
interface Sorted {
  readonly distance: Float64Array;
  readonly linked: Uint8Array;
  readonly index: Uint32Array;
}

function sortPairs(c: CombinationDistances): Sorted {
  const a = c.linked.length;
  const m = a + c.unlinked.length;
  const order = Array.from({ length: m }, (_, k) => k);
  const d = (k: number) => (k < a ? c.linked[k] : c.unlinked[k - a]);
  order.sort((x, y) => d(x) - d(y));
  return {
    distance: Float64Array.from(order, d),
    linked: Uint8Array.from(order, (k) => (k < a ? 1 : 0)),
    index: Uint32Array.from(order, (k) => (k < a ? k : k - a)),
  };
}

/**
 * Weighted AUC of one combination's distances: P(unlinked distance > linked distance) + half the ties, each pair
 * weighted (as sklearn's roc_auc_score with sample_weight). O(m log m).
 */
export function weightedAuc(c: CombinationDistances, linkedWeight: Float64Array, unlinkedWeight: Float64Array): number {
  return sortedWeightedAuc(sortPairs(c), linkedWeight, unlinkedWeight);
}

/** weightedAuc on pairs sorted once. O(m). */
function sortedWeightedAuc(s: Sorted, wl: Float64Array, wu: Float64Array): number {
  let below = 0;
  let area = 0;
  let totalL = 0;
  let totalU = 0;
  const m = s.distance.length;
  for (let k = 0; k < m; ) {
    let tieL = 0;
    let tieU = 0;
    const v = s.distance[k];
    for (; k < m && s.distance[k] === v; k++) {
      if (s.linked[k]) tieL += wl[s.index[k]];
      else tieU += wu[s.index[k]];
    }
    area += tieU * (below + tieL / 2);
    below += tieL;
    totalL += tieL;
    totalU += tieU;
  }
  return totalL > 0 && totalU > 0 ? area / (totalL * totalU) : Number.NaN;
}

function percentile(sorted: Float64Array, q: number): number {
  const finite = sorted.filter((x) => !Number.isNaN(x));
  if (finite.length === 0) return Number.NaN;
  const pos = q * (finite.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return finite[lo] + (finite[hi] - finite[lo]) * (pos - lo);
}

/**
 * Grouped-bootstrap intervals of each combination's AUC, and of each one's AUC minus the reference combination's.
 * `groups` holds the seizure code of each sample (−1 unknown: a group of its own). O(B·C·m) after C sorts.
 */
export function bootstrapAucs(
  combinations: readonly CombinationDistances[],
  pairs: { linked: PairSet; unlinked: PairSet },
  groups: Int32Array,
  reference: number,
  settings: Partial<AucBootstrapSettings> = {},
): { auc: Interval[]; gain: Interval[] } {
  const s = { ...AUC_BOOTSTRAP_DEFAULTS, ...settings };
  const { code, count: g } = denseGroups(groups);
  const sorted = combinations.map(sortPairs);
  const rng = mulberry32(s.seed);
  const mult = new Float64Array(g);
  const wl = new Float64Array(pairs.linked.i.length);
  const wu = new Float64Array(pairs.unlinked.i.length);
  const draws = combinations.map(() => new Float64Array(s.replicates));
  for (let b = 0; b < s.replicates; b++) {
    mult.fill(0);
    for (let k = 0; k < g; k++) mult[rng.nextInt(g)]++;
    for (let k = 0; k < wl.length; k++) wl[k] = mult[code[pairs.linked.i[k]]];
    for (let k = 0; k < wu.length; k++) wu[k] = mult[code[pairs.unlinked.i[k]]] * mult[code[pairs.unlinked.j[k]]];
    sorted.forEach((so, c) => (draws[c][b] = sortedWeightedAuc(so, wl, wu)));
  }
  const alpha = (1 - s.level) / 2;
  const interval = (x: Float64Array): Interval => {
    const o = Float64Array.from(x).sort();
    return { low: percentile(o, alpha), high: percentile(o, 1 - alpha) };
  };
  return {
    auc: draws.map(interval),
    gain: draws.map((d) => interval(Float64Array.from(d, (v, b) => v - draws[reference][b]))),
  };
}
