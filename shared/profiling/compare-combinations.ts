/**
 * Evaluates every pretreatment × comparison metric on the calibration pairs by ROC AUC, as the harmonised profiling
 * studies do (Popovic et al. report AUC 0.980 for GC-MS impurities with N^1/4 + Pearson), with a 95 % interval for
 * each AUC and for each one's gain over the literature default, by a bootstrap grouped by seizure (auc-bootstrap.ts).
 *
 * The choice keeps the literature default, N^1/4 + Pearson (Andersson et al. 2007), unless another combination is
 * clearly better: its gain's interval lies above 0 and the gain is at least MIN_AUC_GAIN. An AUC higher by 1e-4 on
 * these pairs is noise, not a reason to change the method a lab has validated. Among several clearly better ones, the
 * highest AUC.
 */
import { bootstrapAucs, type Interval } from './auc-bootstrap';
import { DEFAULT_ACCEPTED_FPR, InsufficientPairsError } from './calibration';
import { pairDistances, type CalibrationPairs, type PairSet } from './pairs';
import { PRETREATMENTS, pretreat, type Pretreatment } from './pretreatment';
import { rocAuc, thresholdAtFpr } from './roc';
import { SCORES, type Score } from './scores';
import type { SignatureMatrix } from './signature-matrix';
import { throwIfAborted, type ProgressCallback } from './util/abort';
import { mulberry32 } from './util/rng';
import { median } from './util/stats';

/** The figures of one pretreatment × metric, shown so the analyst sees why one was chosen. */
export interface CombinationFigures {
  readonly pretreatment: Pretreatment;
  readonly score: Score;
  readonly auc: number;
  /** 95 % grouped-bootstrap interval of the AUC (null when no bootstrap was run). */
  readonly aucInterval: Interval | null;
  /** 95 % interval of this AUC minus the reference's, on the same replicates (null for the reference itself). */
  readonly gainInterval: Interval | null;
  readonly threshold: number;
  readonly fprAtThreshold: number;
  readonly tprAtThreshold: number;
  readonly medianLinked: number;
  readonly medianUnlinked: number;
  /** Rank by AUC (1 = highest); the chosen one need not be first. */
  readonly rank: number;
}

export interface CompareOptions {
  /** Candidates, in tie-break order; default PRETREATMENTS (fourth root first). */
  readonly pretreatments?: readonly Pretreatment[];
  /** Candidates, in tie-break order; default SCORES (Pearson first). */
  readonly scores?: readonly Score[];
  /** Accepted FPR for the threshold and TPR figures; default 0.025 (Popovic et al.). */
  readonly acceptedFpr?: number;
  /** Log offset for the log pretreatment; default 1e-4. */
  readonly logOffset?: number;
  /** Seizure code per sample (−1 unknown) for the grouped bootstrap; without it, no intervals and the highest AUC wins. */
  readonly groups?: Int32Array;
  /** Bootstrap replicates; default 200. */
  readonly replicates?: number;
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
}

/** AUCs closer than this are a tie (floating-point noise, far below any meaningful difference). */
export const AUC_TIE_TOLERANCE = 1e-12;

/** Smallest AUC gain over the default that may change the combination (with its interval above 0). */
export const MIN_AUC_GAIN = 0.005;

/** Most pairs per side the bootstrap resamples (a seeded sample beyond; wider intervals, never narrower). */
export const BOOTSTRAP_MAX_PAIRS = 20_000;

/** The literature default (Andersson et al. 2007; Popovic et al.). */
export const DEFAULT_COMBINATION = { pretreatment: 'fourth-root', score: 'pearson' } as const satisfies { pretreatment: Pretreatment; score: Score };

/** How the choice was made: the default kept, another clearly better, or (no intervals) the highest AUC. */
export type ChoiceKind = 'default' | 'clearly-better' | 'highest';

export interface CompareResult {
  /** The chosen combination (see the module doc). */
  readonly best: CombinationFigures;
  /** Every combination, by AUC. */
  readonly combinations: CombinationFigures[];
  readonly kind: ChoiceKind;
  /** The default the others were measured against (null without intervals, or when it was not a candidate). */
  readonly reference: CombinationFigures | null;
}

function capped(set: PairSet, cap: number, seed: number): Int32Array {
  const m = set.i.length;
  if (m <= cap) return Int32Array.from({ length: m }, (_, k) => k);
  const out = new Int32Array(cap);
  const rng = mulberry32(seed);
  let taken = 0;
  for (let k = 0; k < m && taken < cap; k++) if ((m - k) * rng.next() < cap - taken) out[taken++] = k;
  return out;
}

/** Whether `c` is clearly better than the reference (module doc). */
export function clearlyBetter(c: CombinationFigures, reference: CombinationFigures): boolean {
  return c !== reference && c.gainInterval !== null && c.gainInterval.low > 0 && c.auc - reference.auc >= MIN_AUC_GAIN;
}

/** The chosen combination among those ranked by AUC (module doc). */
export function chooseCombination(ranked: readonly CombinationFigures[], reference: CombinationFigures | null): { best: CombinationFigures; kind: ChoiceKind } {
  if (reference === null || reference.aucInterval === null) return { best: ranked[0], kind: 'highest' };
  const better = ranked.find((c) => clearlyBetter(c, reference));
  return better ? { best: better, kind: 'clearly-better' } : { best: reference, kind: 'default' };
}

/**
 * Figures of every pretreatment × metric (module doc): AUC, its interval, the gain over the default, threshold and TPR
 * at the accepted FPR (uncorrected, for comparison), medians. O(P·S·(n·p + k·p + k log k) + B·P·S·min(k, 40,000)).
 */
export function compareCombinations(
  matrix: SignatureMatrix,
  pairs: CalibrationPairs,
  options: CompareOptions = {},
): CompareResult {
  const nL = pairs.linked.i.length;
  const nU = pairs.unlinked.i.length;
  if (nL === 0 || nU === 0) throw new InsufficientPairsError(nL, nU);
  const pretreatments = options.pretreatments ?? PRETREATMENTS;
  const scores = options.scores ?? SCORES;
  const acceptedFpr = options.acceptedFpr ?? DEFAULT_ACCEPTED_FPR;
  const total = pretreatments.length * scores.length;
  const pickL = capped(pairs.linked, BOOTSTRAP_MAX_PAIRS, 11);
  const pickU = capped(pairs.unlinked, BOOTSTRAP_MAX_PAIRS, 12);
  const rows: (Omit<CombinationFigures, 'rank' | 'aucInterval' | 'gainInterval'> & { order: number })[] = [];
  const sampled: { linked: Float64Array; unlinked: Float64Array }[] = [];
  for (const pretreatment of pretreatments) {
    const pre = pretreat(matrix, pretreatment, { logOffset: options.logOffset });
    for (const score of scores) {
      throwIfAborted(options.signal);
      const linked = pairDistances(pre, score, pairs.linked);
      const unlinked = pairDistances(pre, score, pairs.unlinked);
      const t = thresholdAtFpr(linked, unlinked, acceptedFpr);
      rows.push({
        pretreatment,
        score,
        auc: rocAuc(linked, unlinked),
        threshold: t.threshold,
        fprAtThreshold: t.fpr,
        tprAtThreshold: t.tpr,
        medianLinked: median(linked),
        medianUnlinked: median(unlinked),
        order: rows.length,
      });
      sampled.push({ linked: Float64Array.from(pickL, (k) => linked[k]), unlinked: Float64Array.from(pickU, (k) => unlinked[k]) });
      if (options.onProgress !== undefined) options.onProgress((0.8 * rows.length) / total);
    }
  }
  const refIndex = rows.findIndex((r) => r.pretreatment === DEFAULT_COMBINATION.pretreatment && r.score === DEFAULT_COMBINATION.score);
  let intervals: { auc: Interval[]; gain: Interval[] } | null = null;
  if (options.groups && refIndex >= 0) {
    throwIfAborted(options.signal);
    const sub = (set: PairSet, pick: Int32Array): PairSet => ({ i: Uint32Array.from(pick, (k) => set.i[k]), j: Uint32Array.from(pick, (k) => set.j[k]) });
    intervals = bootstrapAucs(sampled, { linked: sub(pairs.linked, pickL), unlinked: sub(pairs.unlinked, pickU) }, options.groups, refIndex, options.replicates === undefined ? {} : { replicates: options.replicates });
  }
  if (options.onProgress !== undefined) options.onProgress(1);
  rows.sort((a, b) => {
    if (Math.abs(a.auc - b.auc) > AUC_TIE_TOLERANCE) return b.auc - a.auc;
    if (a.tprAtThreshold !== b.tprAtThreshold) return b.tprAtThreshold - a.tprAtThreshold;
    return a.order - b.order;
  });
  const combinations: CombinationFigures[] = rows.map(({ order, ...r }, k) => ({
    ...r,
    aucInterval: intervals ? intervals.auc[order] : null,
    gainInterval: intervals && order !== refIndex ? intervals.gain[order] : null,
    rank: k + 1,
  }));
  const found = combinations.find((c) => c.pretreatment === DEFAULT_COMBINATION.pretreatment && c.score === DEFAULT_COMBINATION.score);
  const reference = intervals && found ? found : null;
  const { best, kind } = chooseCombination(combinations, reference);
  return { best, combinations, kind, reference };
}
