/**
 * The numeric side of a class run, pure and synchronous for the engine worker: the automatic mode of the core
 * (autoProfile) with any setting overridden or taken from the calibration in use (its combination; its threshold when
 * it was named, or when the pairs are too few to choose a cut on held-out pairs), class ids carried over from the
 * previous run (stableClassIds), and class summaries. A cut into k classes or at a given threshold needs no pairs.
 */
import { autoProfile, type AutoResult } from '../profiling/auto';
import { DEFAULT_CLASS_ID_RULE, DEFAULT_MIN_JACCARD, stableClassIds } from '../profiling/class-ids';
import type { CombinationFigures } from '../profiling/compare-combinations';
import type { CutCandidate, CutRule } from '../profiling/cut-selection';
import { DEFAULT_MEMORY_BUDGET_BYTES, type LinkageMethod } from '../profiling/linkage';
import type { PairPopulation } from '../profiling/pair-population';
import { pretreat, type ColumnScaling, type Pretreatment } from '../profiling/pretreatment';
import type { Score } from '../profiling/scores';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import { DEFAULT_PAIR_RULE, type PairRule } from './analysis-inputs';
import { AnalysisRefusal, asRefusal } from './analysis-refusal';
import { CALIBRATION_DEFAULTS, type ContaminationFigures } from './calibration-compute';
import { assertSomePairs, countPairs, fprCaution, thinPopulationWarnings } from './calibration-pairs';
import { classIdReason, combinationReason, cutReasons } from './class-run-reasons';
import { distancesToClassMean, summariseClasses, type ClassFacts, type ClassSummary } from './class-summary';
import type { EngineKernels } from './engine';

export interface ClassRunSettings {
  /** Overrides; unset ones come from the calibration in use, else the automatic mode. */
  pretreatment?: Pretreatment;
  score?: Score;
  linkage?: LinkageMethod;
  /** Fixed cut height in the score's distance units (instead of the calibrated threshold). */
  threshold?: number;
  /** Cut into at most k classes instead of at a threshold. */
  k?: number;
  /** Accepted FPR of a fresh calibration; default 0.025 (Popovic et al.). */
  acceptedFpr?: number;
  logOffset?: number;
  seed?: number;
  maxLinked?: number;
  maxUnlinked?: number;
  /** Memory budget in bytes; default 2 GiB (linkage.ts). */
  maxBytes?: number;
  /** Jaccard index a class must exceed to keep its previous id; default 0.5 (class-ids.ts). */
  minJaccard?: number;
  /** The population rule of the run's pairs, for messages; default DEFAULT_PAIR_RULE. */
  rule?: PairRule;
}

/**
 * The defaults of ClassRunSettings, in one place: a fresh calibration's accepted FPR, pair caps, seed and log offset
 * are the calibration's (CALIBRATION_DEFAULTS); a class keeps its previous id above Jaccard 0.5 on the samples both runs hold (class-ids.ts); the
 * linkage's memory budget is 2 GiB (linkage.ts). Pretreatment, score, linkage and cut come from the calibration in
 * use, else the automatic mode.
 */
export const CLASS_RUN_DEFAULTS = {
  ...CALIBRATION_DEFAULTS,
  minJaccard: DEFAULT_MIN_JACCARD,
  maxBytes: DEFAULT_MEMORY_BUDGET_BYTES,
} as const;

/** A stored calibration the run takes pretreatment, score and threshold from. */
export interface CalibrationInUse {
  id: string;
  pretreatment: Pretreatment;
  score: Score;
  threshold: number;
  acceptedFpr: number;
  tpr: number;
  auc: number;
  referenceDistance: number;
  scaling: ColumnScaling | null;
  /** Cut at its threshold (a calibration named by id) rather than choose the cut on held-out pairs. */
  useThreshold: boolean;
}

export interface PreviousAssignment {
  runId: string;
  sampleIds: string[];
  classIds: Int32Array;
  nextClassId: number;
}

/** held-out: chosen on held-out pairs; calibration: a calibration's threshold; fresh-calibration: schema 1 runs only. */
export type CutSource = 'held-out' | 'calibration' | 'fresh-calibration' | 'threshold' | 'k';

export interface ClassRunComputation {
  sampleIds: string[];
  compounds: string[];
  /** Class id per sample (stable across runs), matrix order. */
  classIds: Int32Array;
  distanceToMean: Float64Array;
  /** scipy-compatible (n−1)×4 linkage matrix over the samples in matrix order. */
  linkageMatrix: Float64Array;
  choice: { pretreatment: Pretreatment; score: Score; linkage: LinkageMethod; threshold: number | null; k: number | null; acceptedFpr: number; rule: CutRule | null };
  source: { combination: 'auto' | 'override' | 'calibration' | 'default'; linkage: 'auto' | 'override' | 'default'; cut: CutSource };
  calibrationId: string | null;
  /** One sentence per choice: combination, linkage and cut, contamination, cautions. */
  reasons: string[];
  combinations: CombinationFigures[];
  linkages: { method: LinkageMethod; f1: number | null; recall: number | null; falseLinkRate: number | null }[];
  /** Held-out candidates (linkage × rule), best first. */
  cutCandidates: CutCandidate[];
  folds: number | null;
  contamination: ContaminationFigures | null;
  /** Calibration on this run's own pairs (null without pairs): ROC AUC, uncorrected threshold at the FPR. */
  pairsCalibration: { auc: number; threshold: number; fpr: number; tpr: number; linked: number; unlinked: number } | null;
  referenceDistance: number;
  classCount: number;
  singletons: number;
  classes: ClassSummary[];
  retired: number[];
  nextClassId: number;
}

export type ClassRunProgress = (stage: string, fraction: number) => void;

/** Runs the clustering (see the module doc); refusals come as AnalysisRefusal. O(n²p + L·n²). */
export function computeClassRun(
  matrix: SignatureMatrix,
  facts: ClassFacts,
  population: PairPopulation,
  settings: ClassRunSettings,
  calibration: CalibrationInUse | null,
  previous: PreviousAssignment | null,
  onProgress: ClassRunProgress = () => undefined,
  signal?: AbortSignal,
  kernels: EngineKernels = {},
): ClassRunComputation {
  const n = matrix.sampleIds.length;
  const pretreatment = settings.pretreatment ?? calibration?.pretreatment;
  const score = settings.score ?? calibration?.score;
  const fixed = settings.k !== undefined || settings.threshold !== undefined;
  const acceptedFpr = settings.acceptedFpr ?? calibration?.acceptedFpr ?? CLASS_RUN_DEFAULTS.acceptedFpr;
  let r: AutoResult;
  let thin: string[] = [];
  try {
    if (n < 2) throw new AnalysisRefusal('no-measurements', `clustering needs at least 2 samples with measurements; found ${n}`);
    const counts = countPairs(population);
    if (!fixed && calibration === null) assertSomePairs(counts.linked, counts.unlinked, settings.rule);
    if (counts.linked > 0 && counts.unlinked > 0) thin = thinPopulationWarnings(counts.linked, counts.unlinked, acceptedFpr, settings.rule);
    r = autoProfile(matrix, population, {
      pretreatment,
      score,
      linkage: settings.linkage,
      threshold: settings.threshold ?? (calibration?.useThreshold ? calibration.threshold : undefined),
      k: settings.k,
      fallbackThreshold: calibration?.threshold,
      acceptedFpr,
      logOffset: settings.logOffset,
      scaling: calibration?.scaling ?? undefined,
      maxBytes: settings.maxBytes,
      maxLinked: settings.maxLinked,
      maxUnlinked: settings.maxUnlinked,
      seed: settings.seed,
      onProgress: (stage, f) => onProgress(stage, f),
      signal,
      startDistances: kernels.startDistances,
      startChain: kernels.startChain,
    });
  } catch (e) {
    throw asRefusal(e);
  }
  const labels = r.classIds;
  onProgress('class ids', 0);
  const current = new Map<string, number>();
  matrix.sampleIds.forEach((id, i) => current.set(id, labels[i]));
  const prevMap = new Map<string, number>();
  previous?.sampleIds.forEach((id, i) => prevMap.set(id, previous.classIds[i]));
  const stable = stableClassIds(prevMap, current, { minJaccard: settings.minJaccard, nextId: previous?.nextClassId, rule: DEFAULT_CLASS_ID_RULE });
  const classIds = Int32Array.from(matrix.sampleIds, (id) => stable.classIds.get(id) ?? 0);
  const matches = new Map(stable.matches.map((m) => [m.classId, { previousClassId: m.previousClassId, jaccard: m.jaccard }]));

  onProgress('summaries', 0);
  const chosen = r.choice;
  const pre = pretreat(matrix, chosen.pretreatment, { logOffset: settings.logOffset ?? CLASS_RUN_DEFAULTS.logOffset, scaling: calibration?.scaling ?? undefined });
  const referenceDistance = chosen.score === 'canberra' ? matrix.compounds.length : (calibration?.referenceDistance ?? (r.calibration ? Math.max(r.calibration.linked.max, r.calibration.unlinked.max) : 1));
  const classes = summariseClasses(matrix, pre, chosen.score, classIds, facts, referenceDistance > 0 ? referenceDistance : 1, matches);
  const distanceToMean = distancesToClassMean(pre, chosen.score, classIds);
  const sizes = new Map<number, number>();
  for (const id of classIds) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  let singletons = 0;
  for (const s of sizes.values()) if (s === 1) singletons++;

  const combinationSource = settings.pretreatment !== undefined && settings.score !== undefined ? 'override' : calibration && pretreatment !== undefined ? 'calibration' : r.source.combination;
  const cut: CutSource = r.source.cut === 'held-out' ? 'held-out' : r.source.cut === 'k' ? 'k' : r.source.cut === 'fallback' || (settings.threshold === undefined && calibration?.useThreshold) ? 'calibration' : 'threshold';
  const rule = settings.rule ?? DEFAULT_PAIR_RULE;
  const reasons = [
    combinationReason(r, combinationSource, calibration),
    ...cutReasons(r, rule, cut, settings.k ?? null, calibration, referenceDistance, sizes.size, singletons),
    ...thin,
  ];
  const caution = fprCaution(acceptedFpr, n);
  if (caution && (cut === 'calibration' || r.choice.rule === 'corrected-fpr')) reasons.push(caution);
  if (previous) reasons.push(classIdReason(previous.runId, settings.minJaccard ?? CLASS_RUN_DEFAULTS.minJaccard, stable.retired, stable.retiredInto));
  onProgress('summaries', 1);
  return {
    sampleIds: [...matrix.sampleIds],
    compounds: [...matrix.compounds],
    classIds,
    distanceToMean,
    linkageMatrix: r.linkageMatrix,
    choice: { pretreatment: chosen.pretreatment, score: chosen.score, linkage: chosen.linkage, threshold: chosen.threshold, k: settings.k ?? null, acceptedFpr, rule: chosen.rule },
    source: { combination: combinationSource, linkage: r.source.linkage, cut },
    calibrationId: calibration && (cut === 'calibration' || combinationSource === 'calibration') ? calibration.id : null,
    reasons,
    combinations: r.combinations,
    linkages: r.linkages.map((l) => ({ ...l })),
    cutCandidates: r.cutCandidates,
    folds: r.folds,
    contamination: r.contamination ? { share: r.contamination.share, sameSource: r.contamination.sameSource, differentSources: r.contamination.differentSources, floor: r.contamination.floor, converged: r.contamination.converged } : null,
    pairsCalibration: r.calibration
      ? { auc: r.calibration.auc, threshold: r.calibration.threshold, fpr: r.calibration.fprAtThreshold, tpr: r.calibration.tprAtThreshold, linked: r.pairs.linked, unlinked: r.pairs.unlinked }
      : null,
    referenceDistance,
    classCount: sizes.size,
    singletons,
    classes,
    retired: stable.retired,
    nextClassId: stable.nextId,
  };
}
