/**
 * Source per chemical class: the reference sources nearest to the class by the calibrated score, with the group
 * likelihood ratio of the calibration in force (shared/lr/group-lr.ts: each member against the source's reference
 * samples, by the validated sample-against-group system; the class's LR is its median member's, and the members whose
 * LR is below 1 are counted) and its ENFSI 2015 verbal equivalent; "no known source" when none passes. A calibration
 * without a validated group system (made before LRs were validated, or with too few groups) gives no LR. Rule 'threshold' (default, the lab's calibrated decision): the median distance is within the link
 * threshold. Rule 'threshold-and-lr' also asks for LR > 1: a threshold set at an accepted false-positive rate can
 * sit in the tail of the linked distances, where the LR supports different sources, and comparing a class with many
 * sources multiplies the chances of a false lead (docs/ATTRIBUTION.md gives both rules' held-out figures). The class–source distance is the median of the member × reference-sample pair
 * distances: the calibration's densities are of single pair distances, so the median pair (a typical pair) stays
 * on their scale, where the nearest pair would overstate the link and a distance between mean profiles would sit
 * off that scale.
 */
import { sampleGroupLlr } from '../lr/group-lr';
import { groupClauses, type Propositions } from '../lr/propositions';
import type { ScoreLrModel } from '../lr/score-lr';
import { statedLr, type StatedLr } from '../lr/verbal-scale';
import type { PairComparison } from '../profiling/pair-comparison';
import type { PreparedRows } from '../profiling/scores';
import type { Comparer } from '../lr/group-comparisons';
import { median } from '../profiling/util/stats';
import { crossDistances } from './cross-distances';

/** What a source comparison needs from the calibration in force. */
export interface SourceCalibration {
  /** Link threshold (distance units of the calibrated metric). */
  readonly threshold: number;
  /** The validated group LR system and its propositions; null when the calibration has none (no LR is stated). */
  readonly lr: {
    readonly model: ScoreLrModel;
    readonly propositions: Pick<Propositions, 'level' | 'short'>;
    readonly maxMembers: number;
    /** How the group system compares two samples (pair-comparison.ts); absent: 'substitute', the prepared rows. */
    readonly pairComparison?: PairComparison;
  } | null;
}

export interface SourceCandidate {
  readonly source: string;
  /** Reference samples of the source compared. */
  readonly references: number;
  /** Routes of those reference samples. */
  readonly routes: readonly string[];
  /** Median member × reference pair distance (calibrated metric units). */
  readonly medianDistance: number;
  readonly nearestDistance: number;
  /** True when the median distance is ≤ the link threshold. */
  readonly withinThreshold: boolean;
  /** True when the candidate passes the rule in use. */
  readonly passes: boolean;
  /** The median member's group LR against the source's reference samples, with its verbal equivalent; null without a validated group system. */
  readonly lr: StatedLr | null;
  /** Members whose group LR against the source is below 1 (0 without a validated system). */
  readonly opposing: number;
}

export interface SourceAttribution {
  /** The nearest source that passes, or null: "no known source". */
  readonly source: string | null;
  /** Nearest sources first (up to `top`). */
  readonly candidates: readonly SourceCandidate[];
}

/** How a candidate source passes: within the threshold, or within it with LR > 1. */
export type SourceRule = 'threshold' | 'threshold-and-lr';
/** The lab's calibrated decision (module doc). */
export const DEFAULT_SOURCE_RULE: SourceRule = 'threshold';
/** Nearest sources listed per class. */
export const DEFAULT_TOP_SOURCES = 3;

/** One known source: its name, its reference samples' matrix rows and their routes. */
export interface KnownSource {
  readonly source: string;
  readonly rows: Int32Array;
  readonly routes: readonly string[];
}

/** Groups reference samples by source name (samples without a source take no part), sorted by name. O(n). */
export function knownSources(rows: ArrayLike<number>, sources: readonly (string | null)[], routes: readonly string[]): KnownSource[] {
  const by = new Map<string, { rows: number[]; routes: Set<string> }>();
  for (let t = 0; t < rows.length; t++) {
    const s = sources[t];
    if (s === null || s === '') continue;
    let e = by.get(s);
    if (e === undefined) by.set(s, (e = { rows: [], routes: new Set() }));
    e.rows.push(rows[t]);
    e.routes.add(routes[t]);
  }
  return [...by.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([source, e]) => ({ source, rows: Int32Array.from(e.rows), routes: [...e.routes].sort() }));
}

/**
 * Ranks the known sources for the class members `members` (matrix rows of questioned samples): median pair distance
 * ascending, ties by name; keeps the `top` nearest (default 3); default rule 'threshold'. The group LR compares
 * samples by `lrCompare` (the calibration's pair comparison; default the prepared rows). O(|members| · Σ refs · p).
 */
export function attributeSource(
  prepared: PreparedRows,
  members: ArrayLike<number>,
  sources: readonly KnownSource[],
  calibration: SourceCalibration,
  top = DEFAULT_TOP_SOURCES,
  rule: SourceRule = DEFAULT_SOURCE_RULE,
  lrCompare: Comparer = prepared,
): SourceAttribution {
  if (members.length === 0 || sources.length === 0) return { source: null, candidates: [] };
  const ranked = sources.map((s): SourceCandidate => {
    const d = crossDistances(prepared, members, s.rows);
    let nearest = Infinity;
    for (const v of d) if (v < nearest) nearest = v;
    const med = median(d);
    let lr: StatedLr | null = null;
    let opposing = 0;
    const system = calibration.lr;
    if (system) {
      const refs = Array.from(s.rows);
      const llrs = Float64Array.from(members, (x) => sampleGroupLlr(lrCompare, x, refs, system.model, system.maxMembers)).sort();
      opposing = llrs.filter((v) => v < 0).length;
      const h = llrs.length >> 1;
      const typical = llrs.length % 2 ? llrs[h] : (llrs[h - 1] + llrs[h]) / 2;
      // Not named: the verbal text goes into reports whose profile may withhold source names.
      const group = 'the known source\'s reference samples';
      lr = statedLr(typical, system.model.bounds, groupClauses(system.propositions, group));
    }
    return {
      source: s.source,
      references: s.rows.length,
      routes: s.routes,
      medianDistance: med,
      nearestDistance: nearest,
      withinThreshold: med <= calibration.threshold,
      passes: med <= calibration.threshold && (rule === 'threshold' || (lr !== null && lr.lr > 1)),
      lr,
      opposing,
    };
  });
  ranked.sort((a, b) => a.medianDistance - b.medianDistance || (a.source < b.source ? -1 : 1));
  const passing = ranked.find((c) => c.passes);
  return { source: passing?.source ?? null, candidates: ranked.slice(0, Math.max(1, top)) };
}
