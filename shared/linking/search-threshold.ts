/**
 * A database-search threshold: what is a link when one new sample is searched against a large store.
 *
 * A calibration's threshold is set at a pairwise false-positive rate (2.5 %, Popovic et al.; DOMAIN.md): right for
 * one comparison, wrong for a search. One new sample compared with N stored profiles of different sources gives
 * about FPR × N false links (25,000 at a million profiles). The forensic database-search literature states this as
 * the expected number of adventitious matches of a search, the per-comparison match probability times the size of
 * the database (National Research Council 1996, *The Evaluation of Forensic DNA Evidence*, recommendation 5.1 and
 * ch. 5; Balding & Donnelly 1996, J Forensic Sci 41:603; Stockmarr 1999, Biometrics 55:671). The workbench keeps a
 * link only within the threshold t at which the false links one search is expected to give, FPR(t) × N, stay at most
 * a stated figure (SEARCH_DEFAULTS.expectedFalseLinks, default 1), never looser than the calibration's own threshold.
 * The link's evidence (score, validated LR, verbal scale) is the calibration's as before: the search changes which
 * pairs are reported as links, not the weight of a pair's evidence (Balding & Donnelly 1996: the search does not
 * weaken the evidence against the one found; the expected adventitious matches are stated beside it).
 *
 * FPR(t) is estimated from the calibration's different-source pairs (its unlinked pairs, each weighted by its
 * posterior probability of different sources under the contamination model when the calibration has one, as its own
 * corrected-FPR threshold does: docs/PROFILING.md). The rule holds at the rate's one-sided upper bound at 95 %
 * (Clopper–Pearson, rate-bound.ts), so that a thin tail does not pass for a small rate. The empirical tail ends
 * where the pairs end: m different-source pairs cannot show a rate below about 3/m, so a store larger than about
 * m/3 × the target cannot be searched within it on the data. Then the rule is 'tail-limited': links are kept only
 * below the calibration's closest different-source pair, and the record states the bound (N × 3/m false links per
 * search at most) instead of the target; the rate beyond the pairs' tail is neither measured nor extrapolated.
 */
import type { CalibrationRecord } from '../analysis/calibration-record';
import { contaminationModel } from '../analysis/calibration-record';
import { posteriorSameSource, type ContaminationModel } from '../profiling/contamination';
import { rateUpperBound } from './rate-bound';
import type { SearchRuleRecord, SearchThresholdRecord } from './link-record';

export interface SearchSettings {
  /** At most this many false links expected per search (one new sample against the store); default 1. */
  expectedFalseLinks: number;
  /** Confidence of the rate's upper bound the rule holds at; default 0.95. */
  confidence: number;
}

/** The search rule's settings (module doc). */
export const SEARCH_DEFAULTS: SearchSettings = { expectedFalseLinks: 1, confidence: 0.95 };

/** The calibration's different-source pairs, sorted by distance, with their weights (1, or 1 − P(same source)). */
export interface DifferentSourceTail {
  distance: Float64Array;
  /** cumulative[k]: weighted count of the pairs 0..k−1 (length m + 1). */
  cumulative: Float64Array;
  /** The linked pairs' distances, sorted (candidate thresholds between the unlinked ones). */
  linked: Float64Array;
  corrected: boolean;
}

/** The different-source tail of a calibration's pairs, weighted as its own threshold rule weighs them. O(m log m). */
export function differentSourceTail(record: CalibrationRecord, pairs: { linked: Float64Array; unlinked: Float64Array }): DifferentSourceTail {
  return tailOf(pairs, record.threshold.rule === 'fpr' ? null : contaminationModel(record));
}

/** The tail of unlinked pairs, each weighted by 1 − P(same source) under `model` (1 without one). O(m log m). */
export function tailOf(pairs: { linked: Float64Array; unlinked: Float64Array }, model: ContaminationModel | null): DifferentSourceTail {
  const distance = Float64Array.from(pairs.unlinked).sort();
  const cumulative = new Float64Array(distance.length + 1);
  for (let k = 0; k < distance.length; k++) cumulative[k + 1] = cumulative[k] + (model ? 1 - posteriorSameSource(model, distance[k]) : 1);
  return { distance, cumulative, linked: Float64Array.from(pairs.linked).sort(), corrected: model !== null };
}

/** Number of sorted values ≤ t. O(log n). */
function countAtMost(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The estimated different-source rate at threshold t and its upper bound at `confidence`. O(log m + bound). */
export function rateAt(tail: DifferentSourceTail, t: number, confidence = SEARCH_DEFAULTS.confidence): { fpr: number; upper: number } {
  const m = tail.cumulative[tail.distance.length];
  const k = tail.cumulative[countAtMost(tail.distance, t)];
  return { fpr: m > 0 ? k / m : 0, upper: rateUpperBound(k, m, confidence) };
}

/** The rule's summary figures for the record (without the per-drug thresholds). */
export function searchRule(tail: DifferentSourceTail, settings: SearchSettings = SEARCH_DEFAULTS): Omit<SearchRuleRecord, 'by_drug'> {
  return {
    target_false_links: settings.expectedFalseLinks,
    confidence: settings.confidence,
    different_source_pairs: tail.distance.length,
    effective_pairs: tail.cumulative[tail.distance.length],
    corrected: tail.corrected,
    closest_different_source: tail.distance.length ? tail.distance[0] : null,
  };
}

/**
 * The search threshold for `searched` profiles of `drug` (module doc): the largest calibration distance (linked or
 * different-source) at most `pairThreshold` whose rate bound × searched ≤ the target. O((a + m) log(a + m)) at most.
 */
export function searchThreshold(tail: DifferentSourceTail, pairThreshold: number, searched: number, drug: string | null, score100: (d: number) => number, settings: SearchSettings = SEARCH_DEFAULTS): SearchThresholdRecord {
  const meets = (t: number): boolean => rateAt(tail, t, settings.confidence).upper * searched <= settings.expectedFalseLinks;
  const entry = (rule: SearchThresholdRecord['rule'], t: number | null): SearchThresholdRecord => {
    const r = t === null ? { fpr: 0, upper: 0 } : rateAt(tail, t, settings.confidence);
    return { drug, searched, rule, threshold: t, score_100: t === null ? null : score100(t), fpr: r.fpr, fpr_upper: r.upper, expected_false_links: r.fpr * searched, expected_false_links_upper: r.upper * searched };
  };
  if (searched === 0 || meets(pairThreshold)) return entry('pair-threshold', pairThreshold);
  // Candidate thresholds below the pair threshold: every calibration distance (the rule changes only at an
  // unlinked one; the linked ones between them are where the calibration says links are).
  const all = Float64Array.from([...tail.distance.subarray(0, countAtMost(tail.distance, pairThreshold)), ...tail.linked.subarray(0, countAtMost(tail.linked, pairThreshold))]).sort();
  // The rate bound grows with t: the largest candidate that meets the rule, by bisection.
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (meets(all[mid])) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) return entry('expected-false-links', all[lo - 1]);
  // Even a threshold below every different-source pair does not meet it: links only below the closest one (or at
  // the pair threshold when that is below it already), with the bound stated.
  const closest = tail.distance.length ? tail.distance[0] : -Infinity;
  if (pairThreshold < closest) return entry('tail-limited', pairThreshold);
  let k = countAtMost(all, closest) - 1;
  while (k >= 0 && all[k] >= closest) k--;
  return entry('tail-limited', k >= 0 ? all[k] : null);
}
