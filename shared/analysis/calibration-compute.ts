/**
 * The numeric side of a calibration, pure and synchronous so that the engine worker can run it: pairs of known
 * status, every pretreatment × score ranked by ROC AUC (compareCombinations), the plots of each, and the
 * calibration of the chosen one (threshold at the accepted FPR, 2.5 % by default after Popovic et al.) and its
 * likelihood-ratio system, fitted and validated by grouped cross-validation (lr-system-compute.ts). The distances
 * of the chosen combination are returned whole with their held-out LRs (calibration-store.ts keeps them).
 */
import { DEFAULT_ACCEPTED_FPR, calibrate } from '../profiling/calibration';
import { AUC_TIE_TOLERANCE, compareCombinations, type CombinationFigures } from '../profiling/compare-combinations';
import type { PairPopulation } from '../profiling/pair-population';
import { DEFAULT_MAX_PAIRS, pairDistances } from '../profiling/pairs';
import { DEFAULT_LOG_OFFSET, PRETREATMENTS, fitColumnScaling, pretreat, type Pretreatment } from '../profiling/pretreatment';
import { rocCurve } from '../profiling/roc';
import { SCORES, toScore100, type Score } from '../profiling/scores';
import { effectiveValues, type SignatureMatrix } from '../profiling/signature-matrix';
import { throwIfAborted } from '../profiling/util/abort';
import { DEFAULT_PAIR_RULE, type PairRule } from './analysis-inputs';
import { calibrationPairs, thinPopulationWarnings } from './calibration-pairs';
import { combinationLabel, percent } from './labels';
import { propositionLevel } from '../lr/propositions';
import { computeLrSystem, defaultLrMethod, type LrSystemComputation, type LrSystemSettings } from './lr-system-compute';
import { lrSystemInput } from './lr-system-input';
import { compactRoc, scoreDistributions, type CompactRoc, type ScoreDistributions } from './score-distributions';

export interface CalibrationSettings {
  /** Accepted false-positive rate; default 0.025 (Popovic et al.; Carby-Robinson et al. 2021 used 0.005). */
  acceptedFpr?: number;
  /** Candidates; default every pretreatment (fourth root first). */
  pretreatments?: Pretreatment[];
  /** Candidates; default every score (Pearson first). */
  scores?: Score[];
  /** Pair caps (seeded uniform samples beyond them); default 100,000 each. */
  maxLinked?: number;
  maxUnlinked?: number;
  /** Seed of the pair sampler; default 1. */
  seed?: number;
  /** Offset of the log pretreatment; default 1e-4. */
  logOffset?: number;
  /** The population rule the pairs follow, for messages and warnings; default DEFAULT_PAIR_RULE. */
  rule?: PairRule;
  /** The LR system's method, folds and caps (lr-system-compute.ts defaults: PAV, 5 folds). */
  lr?: LrSystemSettings;
}

export interface CombinationResult extends CombinationFigures {
  roc: CompactRoc;
  distributions: ScoreDistributions;
}

export interface CalibrationComputation {
  /** Thin populations and the like, for the record and the screen. */
  warnings: string[];
  samples: number;
  compounds: string[];
  acceptedFpr: number;
  logOffset: number;
  pairs: { linked: number; unlinked: number; linkedTotal: number; unlinkedTotal: number; maxLinked: number; maxUnlinked: number; seed: number };
  /** Every combination, ranked (1 = chosen). */
  combinations: CombinationResult[];
  chosen: { pretreatment: Pretreatment; score: Score; reason: string };
  auc: number;
  threshold: { distance: number; fpr: number; tpr: number; score100: number };
  /** Distance that maps to 100 on the 0–100 scale (euclidean/manhattan: largest calibration distance; canberra: p). */
  referenceDistance: number;
  /** Column scaling of N+S / autoscale fitted on these samples, applied as is to later ones; else null. */
  scaling: { centre: number[] | null; scale: number[] | null; constant: number[] | null } | null;
  /** The pair and group LR systems, fitted and validated. */
  lrSystem: LrSystemComputation;
  /** Distances of the chosen combination (linked pairs first), kept whole with their held-out LRs. */
  distances: { linked: Float64Array; unlinked: Float64Array };
}

export type CalibrationProgress = (stage: 'pairs' | 'combinations' | 'calibration' | 'likelihood ratios', fraction: number) => void;

/** Why the first-ranked combination won, in one sentence for the record and the CLI. */
export function choiceReason(ranked: readonly CombinationFigures[], acceptedFpr: number): string {
  const [best, next] = ranked;
  const head = `${combinationLabel(best.pretreatment, best.score)} has the highest ROC AUC (${best.auc.toFixed(4)}) of ${ranked.length} pretreatment × score combinations`;
  if (next === undefined) return `${head}.`;
  if (Math.abs(next.auc - best.auc) > AUC_TIE_TOLERANCE) return `${head}; next: ${combinationLabel(next.pretreatment, next.score)} (${next.auc.toFixed(4)}).`;
  const tie = `${combinationLabel(best.pretreatment, best.score)} ties on ROC AUC (${best.auc.toFixed(4)}) with ${combinationLabel(next.pretreatment, next.score)}`;
  if (best.tprAtThreshold !== next.tprAtThreshold) return `${tie} and has the higher true-positive rate at ${percent(acceptedFpr)} FPR (${best.tprAtThreshold.toFixed(3)} vs ${next.tprAtThreshold.toFixed(3)}).`;
  return `${tie} and the same true-positive rate; it comes first in the literature order (fourth root, Pearson first: Andersson et al. 2007).`;
}

/**
 * Calibrates on a raw signature matrix (see the module doc). O(n² + P·S·(n·p + k·p + k log k)) for k pairs;
 * checks `signal` between combinations.
 */
export function computeCalibration(
  matrix: SignatureMatrix,
  population: PairPopulation,
  settings: CalibrationSettings = {},
  onProgress: CalibrationProgress = () => undefined,
  signal?: AbortSignal,
): CalibrationComputation {
  const acceptedFpr = settings.acceptedFpr ?? DEFAULT_ACCEPTED_FPR;
  const logOffset = settings.logOffset ?? DEFAULT_LOG_OFFSET;
  const p = matrix.compounds.length;
  onProgress('pairs', 0);
  const pairs = calibrationPairs(population, settings);
  throwIfAborted(signal);
  const pretreatments = settings.pretreatments ?? [...PRETREATMENTS];
  const scores = settings.scores ?? [...SCORES];
  const ranked = compareCombinations(matrix, pairs, {
    pretreatments,
    scores,
    acceptedFpr,
    logOffset,
    onProgress: (f) => onProgress('combinations', f / 2),
    signal,
  }).combinations;
  const plots = new Map<string, { roc: CompactRoc; distributions: ScoreDistributions }>();
  let chosenDistances: { linked: Float64Array; unlinked: Float64Array } | null = null;
  let done = 0;
  for (const pre of pretreatments) {
    const x = pretreat(matrix, pre, { logOffset });
    for (const score of scores) {
      throwIfAborted(signal);
      const dl = pairDistances(x, score, pairs.linked);
      const du = pairDistances(x, score, pairs.unlinked);
      plots.set(`${pre}|${score}`, { roc: compactRoc(rocCurve(dl, du)), distributions: scoreDistributions(dl, du) });
      if (pre === ranked[0].pretreatment && score === ranked[0].score) chosenDistances = { linked: dl, unlinked: du };
      onProgress('combinations', 0.5 + (0.5 * ++done) / (pretreatments.length * scores.length));
    }
  }
  const best = ranked[0];
  const distances = chosenDistances as { linked: Float64Array; unlinked: Float64Array };
  onProgress('calibration', 0);
  const cal = calibrate(distances.linked, distances.unlinked, { acceptedFpr });
  let maxD = 0;
  for (const d of [distances.linked, distances.unlinked]) for (let k = 0; k < d.length; k++) if (d[k] > maxD) maxD = d[k];
  const referenceDistance = best.score === 'canberra' ? p : maxD > 0 ? maxD : 1;
  let scaling: CalibrationComputation['scaling'] = null;
  if (best.pretreatment === 'n+s' || best.pretreatment === 'autoscale') {
    const s = fitColumnScaling(effectiveValues(matrix), matrix.sampleIds.length, p, best.pretreatment);
    scaling = { centre: s.centre && [...s.centre], scale: s.scale && [...s.scale], constant: s.constant && [...s.constant] };
  }
  onProgress('calibration', 1);
  const lrInput = lrSystemInput(pretreat(matrix, best.pretreatment, { logOffset }), best.score, pairs, distances, population);
  const level = propositionLevel((settings.rule ?? DEFAULT_PAIR_RULE).linked_by);
  const lrSystem = computeLrSystem(lrInput, { ...settings.lr, method: settings.lr?.method ?? defaultLrMethod(level) }, onProgress, signal);
  return {
    warnings: thinPopulationWarnings(pairs.linkedTotal, pairs.unlinkedTotal, acceptedFpr, settings.rule),
    samples: matrix.sampleIds.length,
    compounds: [...matrix.compounds],
    acceptedFpr,
    logOffset,
    pairs: {
      linked: pairs.linked.i.length,
      unlinked: pairs.unlinked.i.length,
      linkedTotal: pairs.linkedTotal,
      unlinkedTotal: pairs.unlinkedTotal,
      maxLinked: settings.maxLinked ?? DEFAULT_MAX_PAIRS,
      maxUnlinked: settings.maxUnlinked ?? DEFAULT_MAX_PAIRS,
      seed: pairs.seed,
    },
    combinations: ranked.map((r) => ({ ...r, ...(plots.get(`${r.pretreatment}|${r.score}`) as { roc: CompactRoc; distributions: ScoreDistributions }) })),
    chosen: { pretreatment: best.pretreatment, score: best.score, reason: choiceReason(ranked, acceptedFpr) },
    auc: cal.auc,
    threshold: { distance: cal.threshold, fpr: cal.fprAtThreshold, tpr: cal.tprAtThreshold, score100: toScore100(cal.threshold, best.score, referenceDistance) },
    referenceDistance,
    scaling,
    lrSystem,
    distances,
  };
}
