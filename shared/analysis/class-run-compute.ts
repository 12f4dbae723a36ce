/**
 * The numeric side of a class run, pure and synchronous for the engine worker: the automatic mode of the core
 * (autoProfile) with any setting overridden or taken from the calibration in force, the tree cut at the threshold
 * (or into k classes), class ids carried over from the previous run (stableClassIds), and class summaries.
 */
import { autoProfile, type AutoResult } from '../profiling/auto';
import { numberClasses, stableClassIds } from '../profiling/class-ids';
import type { CombinationFigures } from '../profiling/compare-combinations';
import { cutIntoClusters } from '../profiling/cut-tree';
import type { LinkageMethod } from '../profiling/linkage';
import { DEFAULT_LOG_OFFSET, pretreat, type ColumnScaling, type Pretreatment } from '../profiling/pretreatment';
import { toScore100, type Score } from '../profiling/scores';
import type { EngineKernels } from './engine';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import { AnalysisRefusal, asRefusal } from './analysis-refusal';
import { choiceReason } from './calibration-compute';
import type { PairPopulation } from '../profiling/pair-population';
import type { PairRule } from './analysis-inputs';
import { assertSomePairs, countPairs, fprCaution, thinPopulationWarnings } from './calibration-pairs';
import { distancesToClassMean, summariseClasses, type ClassFacts, type ClassSummary } from './class-summary';
import { combinationLabel, LINKAGE_LABELS, percent, SCORE_LABELS } from './labels';

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
}

export interface PreviousAssignment {
  runId: string;
  sampleIds: string[];
  classIds: Int32Array;
  nextClassId: number;
}

export type CutSource = 'calibration' | 'fresh-calibration' | 'threshold' | 'k';

export interface ClassRunComputation {
  sampleIds: string[];
  compounds: string[];
  /** Class id per sample (stable across runs), matrix order. */
  classIds: Int32Array;
  distanceToMean: Float64Array;
  /** scipy-compatible (n−1)×4 linkage matrix over the samples in matrix order. */
  linkageMatrix: Float64Array;
  choice: { pretreatment: Pretreatment; score: Score; linkage: LinkageMethod; threshold: number | null; k: number | null; acceptedFpr: number };
  source: { combination: 'auto' | 'override' | 'calibration'; linkage: 'auto' | 'override'; cut: CutSource };
  calibrationId: string | null;
  /** One sentence per choice: combination, linkage, cut. */
  reasons: string[];
  combinations: CombinationFigures[];
  linkages: { method: LinkageMethod; copheneticCorrelation: number | null }[];
  /** Calibration on this run's own pairs (null without pairs). */
  pairsCalibration: { auc: number; threshold: number; fpr: number; tpr: number; linked: number; unlinked: number } | null;
  referenceDistance: number;
  classCount: number;
  singletons: number;
  classes: ClassSummary[];
  retired: number[];
  nextClassId: number;
}

export type ClassRunProgress = (stage: string, fraction: number) => void;

function linkageReason(r: AutoResult, overridden: boolean): string {
  const [best, next] = r.linkages;
  const c = (x: number): string => (Number.isNaN(x) ? 'undefined' : x.toFixed(4));
  if (overridden) return `${LINKAGE_LABELS[best.method]} linkage as asked (cophenetic correlation ${c(best.copheneticCorrelation)}).`;
  return `${LINKAGE_LABELS[best.method]} linkage has the highest cophenetic correlation (${c(best.copheneticCorrelation)}) of ${r.linkages.length}${next ? `; next: ${LINKAGE_LABELS[next.method]} (${c(next.copheneticCorrelation)})` : ''}.`;
}

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
  const cut: CutSource = settings.k !== undefined ? 'k' : settings.threshold !== undefined ? 'threshold' : calibration ? 'calibration' : 'fresh-calibration';
  const acceptedFpr = calibration && cut === 'calibration' ? calibration.acceptedFpr : (settings.acceptedFpr ?? 0.025);
  const threshold = cut === 'k' ? Infinity : cut === 'threshold' ? settings.threshold : cut === 'calibration' ? calibration?.threshold : undefined;
  let r: AutoResult;
  let thin: string[] = [];
  try {
    if (n < 2) throw new AnalysisRefusal('no-measurements', `clustering needs at least 2 samples with measurements; found ${n}`);
    if (cut === 'fresh-calibration' || pretreatment === undefined || score === undefined) {
      const counts = countPairs(population);
      assertSomePairs(counts.linked, counts.unlinked, settings.rule);
      thin = thinPopulationWarnings(counts.linked, counts.unlinked, acceptedFpr, settings.rule);
    }
    r = autoProfile(matrix, population, {
      pretreatment,
      score,
      linkage: settings.linkage,
      threshold,
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
  const labels = settings.k !== undefined ? numberClasses(cutIntoClusters(r.linkageMatrix, settings.k)) : r.classIds;
  onProgress('class ids', 0);
  const current = new Map<string, number>();
  matrix.sampleIds.forEach((id, i) => current.set(id, labels[i]));
  const prevMap = new Map<string, number>();
  previous?.sampleIds.forEach((id, i) => prevMap.set(id, previous.classIds[i]));
  const stable = stableClassIds(prevMap, current, { minJaccard: settings.minJaccard, nextId: previous?.nextClassId });
  const classIds = Int32Array.from(matrix.sampleIds, (id) => stable.classIds.get(id) ?? 0);
  const matches = new Map(stable.matches.map((m) => [m.classId, { previousClassId: m.previousClassId, jaccard: m.jaccard }]));

  onProgress('summaries', 0);
  const chosen = r.choice;
  const pre = pretreat(matrix, chosen.pretreatment, { logOffset: settings.logOffset ?? DEFAULT_LOG_OFFSET, scaling: calibration?.scaling ?? undefined });
  const referenceDistance = chosen.score === 'canberra' ? matrix.compounds.length : (calibration?.referenceDistance ?? (r.calibration ? Math.max(r.calibration.linked.max, r.calibration.unlinked.max) : 1));
  const classes = summariseClasses(matrix, pre, chosen.score, classIds, facts, referenceDistance > 0 ? referenceDistance : 1, matches);
  const distanceToMean = distancesToClassMean(pre, chosen.score, classIds);
  const sizes = new Map<number, number>();
  for (const id of classIds) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  let singletons = 0;
  for (const s of sizes.values()) if (s === 1) singletons++;

  const combinationSource = settings.pretreatment !== undefined && settings.score !== undefined ? 'override' : calibration && pretreatment !== undefined ? 'calibration' : 'auto';
  const label = combinationLabel(chosen.pretreatment, chosen.score);
  const reasons = [
    combinationSource === 'override'
      ? `${label} as asked.`
      : combinationSource === 'calibration'
        ? `${label} from calibration ${calibration?.id} (ROC AUC ${calibration?.auc.toFixed(4)}).`
        : choiceReason(r.combinations, acceptedFpr),
    linkageReason(r, settings.linkage !== undefined),
  ];
  const t = chosen.threshold;
  const units = `${SCORE_LABELS[chosen.score]} distance`;
  if (cut === 'k') reasons.push(`Tree cut into at most ${settings.k} classes as asked (${sizes.size} classes).`);
  else if (cut === 'threshold') reasons.push(`Tree cut at ${t} (${units}) as asked (${sizes.size} classes).`);
  else if (cut === 'calibration') reasons.push(`Tree cut at ${t.toPrecision(4)} (${units}, ${toScore100(t, chosen.score, referenceDistance).toFixed(1)} on the 0–100 scale), the threshold of calibration ${calibration?.id} at ${percent(acceptedFpr)} FPR (TPR ${calibration?.tpr.toFixed(3)}): ${sizes.size} classes, ${singletons} of one sample.`);
  else reasons.push(`Tree cut at ${t.toPrecision(4)} (${units}), the threshold at ${percent(acceptedFpr)} FPR (TPR ${r.calibration?.tprAtThreshold.toFixed(3)}) of a calibration on this run's ${r.pairs.linked} linked and ${r.pairs.unlinked} unlinked pairs: ${sizes.size} classes, ${singletons} of one sample.`);
  reasons.push(...thin);
  const caution = cut === 'calibration' || cut === 'fresh-calibration' ? fprCaution(acceptedFpr, n) : null;
  if (caution) reasons.push(caution);
  if (previous) reasons.push(`Class ids carried over from run ${previous.runId} where a class kept more than half its members (Jaccard > ${settings.minJaccard ?? 0.5}); ${stable.retired.length} ids retired.`);
  onProgress('summaries', 1);
  return {
    sampleIds: [...matrix.sampleIds],
    compounds: [...matrix.compounds],
    classIds,
    distanceToMean,
    linkageMatrix: r.linkageMatrix,
    choice: { pretreatment: chosen.pretreatment, score: chosen.score, linkage: chosen.linkage, threshold: cut === 'k' ? null : t, k: settings.k ?? null, acceptedFpr },
    source: { combination: combinationSource, linkage: r.source.linkage, cut },
    calibrationId: calibration && (cut === 'calibration' || combinationSource === 'calibration') ? calibration.id : null,
    reasons,
    combinations: r.combinations,
    linkages: r.linkages.map((l) => ({ method: l.method, copheneticCorrelation: Number.isNaN(l.copheneticCorrelation) ? null : l.copheneticCorrelation })),
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
