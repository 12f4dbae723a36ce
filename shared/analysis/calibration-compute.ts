/**
 * The numeric side of a calibration, pure and synchronous so that the engine worker can run it: pairs of known
 * status, every pretreatment × score ranked by ROC AUC with grouped-bootstrap intervals (compareCombinations: the
 * literature default unless another is clearly better), the plots of each, the contamination of the unlinked pairs
 * (contamination.ts) and the threshold of the chosen combination at the accepted FPR corrected for it (2.5 % by
 * default after Popovic et al.), or at the 99th percentile of the linked distances when no usable contamination model
 * could be fitted; and its likelihood-ratio system, fitted and validated by grouped cross-validation
 * (lr-system-compute.ts). The distances of the chosen combination are returned whole with their held-out LRs
 * (calibration-store.ts keeps them).
 */
import { DEFAULT_ACCEPTED_FPR, calibrate } from '../profiling/calibration';
import { MIN_AUC_GAIN, compareCombinations, type CombinationFigures, type CompareResult } from '../profiling/compare-combinations';
import { fitContamination, thresholdAtCorrectedFpr, usableContamination } from '../profiling/contamination';
import { encodePopulation, type PairPopulation } from '../profiling/pair-population';
import { DEFAULT_MAX_PAIRS, DEFAULT_PAIR_SEED, pairDistances } from '../profiling/pairs';
import { censoredPairDistances } from '../profiling/censored-distance';
import { DEFAULT_PAIR_COMPARISON, pairDistanceOf, type PairComparison } from '../profiling/pair-comparison';
import { DEFAULT_LOG_OFFSET, PRETREATMENTS, fitColumnScaling, pretreat, type ColumnScaling, type Pretreatment } from '../profiling/pretreatment';
import { rocCurve } from '../profiling/roc';
import { SCORES, toScore100, type Score } from '../profiling/scores';
import { effectiveValues, type SignatureMatrix } from '../profiling/signature-matrix';
import { throwIfAborted } from '../profiling/util/abort';
import { DEFAULT_PAIR_RULE, type PairRule } from './analysis-inputs';
import { calibrationPairs, thinPopulationWarnings } from './calibration-pairs';
import { combinationLabel } from './labels';
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
  /**
   * How the LR system compares two samples (pair-comparison.ts); default 'censored'. A matrix without detection flags
   * is compared by 'substitute', and the LR system's notes say so.
   */
  pairComparison?: PairComparison;
}

/**
 * The defaults of CalibrationSettings, in one place: accepted FPR 2.5 % (Popovic et al.), at most 100,000 linked and
 * 100,000 unlinked pairs sampled with seed 1, log offset 1e-4 (DOMAIN.md). The rest default to every candidate.
 */
export const CALIBRATION_DEFAULTS = {
  acceptedFpr: DEFAULT_ACCEPTED_FPR,
  maxLinked: DEFAULT_MAX_PAIRS,
  maxUnlinked: DEFAULT_MAX_PAIRS,
  seed: DEFAULT_PAIR_SEED,
  logOffset: DEFAULT_LOG_OFFSET,
} as const;

export interface CombinationResult extends CombinationFigures {
  roc: CompactRoc;
  distributions: ScoreDistributions;
}

/** The q-quantile (lower) of the linked distances. O(m log m). */
function linkedQuantile(d: Float64Array, q: number): number {
  const s = Float64Array.from(d).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export interface CalibrationComputation {
  /** Thin populations and the like, for the record and the screen. */
  warnings: string[];
  samples: number;
  compounds: string[];
  acceptedFpr: number;
  logOffset: number;
  pairs: { linked: number; unlinked: number; linkedTotal: number; unlinkedTotal: number; maxLinked: number; maxUnlinked: number; seed: number };
  /** Every combination, ranked by AUC (the chosen one need not be first). */
  combinations: CombinationResult[];
  chosen: { pretreatment: Pretreatment; score: Score; reason: string; kind: CompareResult['kind'] };
  auc: number;
  /** The threshold, the rule that set it, its corrected and uncorrected FPR and its TPR on the pairs. */
  threshold: { distance: number; fpr: number; rawFpr: number; tpr: number; score100: number; rule: ThresholdRule };
  /** The contamination of the unlinked pairs of the chosen combination (null when none could be fitted). */
  contamination: ContaminationFigures | null;
  /** Distance that maps to 100 on the 0–100 scale (euclidean/manhattan: largest calibration distance; canberra: p). */
  referenceDistance: number;
  /** Column scaling of N+S / autoscale fitted on these samples, applied as is to later ones; else null. */
  scaling: { centre: number[] | null; scale: number[] | null; constant: number[] | null } | null;
  /** The pair and group LR systems, fitted and validated. */
  lrSystem: LrSystemComputation;
  /** Distances of the chosen combination (linked pairs first), kept whole with their held-out LRs. */
  distances: { linked: Float64Array; unlinked: Float64Array };
}

/** How the threshold was set: at the contamination-corrected FPR, or (no usable model) at a linked-distance quantile. */
export type ThresholdRule = 'corrected-fpr' | 'linked-quantile';

/** Level of the linked-distribution quantile used when the contamination cannot be modelled. */
export const LINKED_QUANTILE = 0.99;

export interface ContaminationFigures {
  /** Estimated share of unlinked pairs from a common source. */
  share: number;
  /** Components on log10 distance. */
  sameSource: { mean: number; sd: number };
  /** Student t: location, scale, degrees of freedom. */
  differentSources: { mean: number; sd: number; df: number };
  /** Distances below it are taken at it before the log. */
  floor: number;
  converged: boolean;
}

export type CalibrationProgress = (stage: 'pairs' | 'combinations' | 'calibration' | 'likelihood ratios', fraction: number) => void;

const f4 = (x: number): string => x.toFixed(4);
const span = (i: { low: number; high: number } | null): string => (i ? `${f4(i.low)}–${f4(i.high)}` : 'not computed');

/** Why the combination was chosen, in one sentence for the record and the CLI (compare-combinations.ts). */
export function choiceReason(result: Pick<CompareResult, 'best' | 'combinations' | 'kind' | 'reference'>): string {
  const { best, combinations, kind, reference } = result;
  const name = (c: CombinationFigures) => combinationLabel(c.pretreatment, c.score);
  if (kind === 'highest' || reference === null) {
    const next = combinations.find((c) => c !== best);
    return `${name(best)} has the highest ROC AUC (${f4(best.auc)}) of ${combinations.length} pretreatment × score combinations${next ? `; next: ${name(next)} (${f4(next.auc)})` : ''}.`;
  }
  if (kind === 'clearly-better') {
    return `${name(best)} is clearly better than the literature default ${name(reference)}: ROC AUC ${f4(best.auc)} (95 % interval ${span(best.aucInterval)}) against ${f4(reference.auc)}, a gain of ${f4(best.auc - reference.auc)} (95 % interval ${span(best.gainInterval)}, bootstrap grouped by seizure).`;
  }
  const top = combinations[0] === reference ? combinations[1] : combinations[0];
  const rival = top === undefined ? '' : top.auc > reference.auc
    ? `; the highest, ${name(top)} (${f4(top.auc)}), gains ${f4(top.auc - reference.auc)} (95 % interval ${span(top.gainInterval)}): not clearly better (a gain of at least ${MIN_AUC_GAIN} with its interval above 0 is needed)`
    : `; next: ${name(top)} (${f4(top.auc)})`;
  return `${name(reference)}, the literature default (Andersson et al. 2007): ROC AUC ${f4(reference.auc)} (95 % interval ${span(reference.aucInterval)}, bootstrap grouped by seizure)${rival}.`;
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
  const acceptedFpr = settings.acceptedFpr ?? CALIBRATION_DEFAULTS.acceptedFpr;
  const logOffset = settings.logOffset ?? CALIBRATION_DEFAULTS.logOffset;
  const p = matrix.compounds.length;
  onProgress('pairs', 0);
  const pairs = calibrationPairs(population, settings);
  throwIfAborted(signal);
  const pretreatments = settings.pretreatments ?? [...PRETREATMENTS];
  const scores = settings.scores ?? [...SCORES];
  const compared = compareCombinations(matrix, pairs, {
    pretreatments,
    scores,
    acceptedFpr,
    logOffset,
    groups: encodePopulation(population).firstGroup,
    onProgress: (f) => onProgress('combinations', f / 2),
    signal,
  });
  const ranked = compared.combinations;
  const best = compared.best;
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
      if (pre === best.pretreatment && score === best.score) chosenDistances = { linked: dl, unlinked: du };
      onProgress('combinations', 0.5 + (0.5 * ++done) / (pretreatments.length * scores.length));
    }
  }
  const distances = chosenDistances as { linked: Float64Array; unlinked: Float64Array };
  onProgress('calibration', 0);
  const cal = calibrate(distances.linked, distances.unlinked, { acceptedFpr });
  const fit = fitContamination(distances.linked, distances.unlinked);
  const e = fit.estimate;
  const contamination: ContaminationFigures = { share: e.share, sameSource: e.sameSource, differentSources: e.differentSources, floor: e.floor, converged: e.converged };
  let threshold: CalibrationComputation['threshold'];
  if (usableContamination(e)) {
    const t = thresholdAtCorrectedFpr(distances.linked, distances.unlinked, fit.posterior, acceptedFpr);
    threshold = { distance: t.threshold, fpr: t.fpr, rawFpr: t.rawFpr, tpr: t.tpr, score100: 0, rule: 'corrected-fpr' };
  } else {
    const q = linkedQuantile(distances.linked, LINKED_QUANTILE);
    const within = (d: Float64Array) => d.reduce((n, v) => n + (v <= q ? 1 : 0), 0) / d.length;
    threshold = { distance: q, fpr: within(distances.unlinked), rawFpr: within(distances.unlinked), tpr: within(distances.linked), score100: 0, rule: 'linked-quantile' };
  }
  let maxD = 0;
  for (const d of [distances.linked, distances.unlinked]) for (let k = 0; k < d.length; k++) if (d[k] > maxD) maxD = d[k];
  const referenceDistance = best.score === 'canberra' ? p : maxD > 0 ? maxD : 1;
  let scaling: CalibrationComputation['scaling'] = null;
  if (best.pretreatment === 'n+s' || best.pretreatment === 'autoscale') {
    const s = fitColumnScaling(effectiveValues(matrix), matrix.sampleIds.length, p, best.pretreatment);
    scaling = { centre: s.centre && [...s.centre], scale: s.scale && [...s.scale], constant: s.constant && [...s.constant] };
  }
  onProgress('calibration', 1);
  // The LR system's pair comparison: censored unless asked otherwise or the matrix carries no detection flags. The
  // threshold above stays on the row distance (pair-comparison.ts says why).
  const asked = settings.pairComparison ?? DEFAULT_PAIR_COMPARISON;
  const comparison: PairComparison = asked === 'censored' && matrix.detected === undefined ? 'substitute' : asked;
  let lrInput;
  if (comparison === 'censored') {
    const colScaling: ColumnScaling | undefined = scaling ? { centre: scaling.centre && Float64Array.from(scaling.centre), scale: scaling.scale && Float64Array.from(scaling.scale), constant: scaling.constant && Uint8Array.from(scaling.constant) } : undefined;
    const options = { logOffset, scaling: colScaling };
    const lrDistances = { linked: censoredPairDistances(matrix, pairs.linked, best.pretreatment, best.score, options), unlinked: censoredPairDistances(matrix, pairs.unlinked, best.pretreatment, best.score, options) };
    lrInput = lrSystemInput(pretreat(matrix, best.pretreatment, { logOffset }), best.score, pairs, lrDistances, population, pairDistanceOf(matrix, 'censored', best.pretreatment, best.score, options));
  } else {
    lrInput = lrSystemInput(pretreat(matrix, best.pretreatment, { logOffset }), best.score, pairs, distances, population);
  }
  const level = propositionLevel((settings.rule ?? DEFAULT_PAIR_RULE).linked_by);
  const lrSystem = computeLrSystem(lrInput, { ...settings.lr, method: settings.lr?.method ?? defaultLrMethod(level) }, onProgress, signal);
  if (asked !== comparison) lrSystem.notes.push('The samples carry no detection flags: the likelihood ratios compare the pretreated rows as they are (non-detects at their substitute), not as censored values.');
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
      maxLinked: settings.maxLinked ?? CALIBRATION_DEFAULTS.maxLinked,
      maxUnlinked: settings.maxUnlinked ?? CALIBRATION_DEFAULTS.maxUnlinked,
      seed: pairs.seed,
    },
    combinations: ranked.map((r) => ({ ...r, ...(plots.get(`${r.pretreatment}|${r.score}`) as { roc: CompactRoc; distributions: ScoreDistributions }) })),
    chosen: { pretreatment: best.pretreatment, score: best.score, reason: choiceReason(compared), kind: compared.kind },
    auc: cal.auc,
    threshold: { ...threshold, score100: toScore100(threshold.distance, best.score, referenceDistance) },
    contamination,
    referenceDistance,
    scaling,
    lrSystem,
    distances,
  };
}
