/**
 * Automatic mode: pretreatment × metric by ROC AUC on the calibration pairs, linkage by the highest cophenetic
 * correlation, tree cut at the threshold of the accepted FPR (2.5 %, Popovic et al.). Every choice can be overridden
 * and every figure compared is returned, so the interface can show why.
 */
import type { PairPopulation } from './pair-population';
import { buildPairs, pairDistances, type BuildPairsOptions } from './pairs';
import { calibrate, DEFAULT_ACCEPTED_FPR, InsufficientPairsError, type Calibration } from './calibration';
import { compareCombinations, type CombinationFigures } from './compare-combinations';
import { copheneticCorrelation } from './cophenetic';
import { cutAtDistance } from './cut-tree';
import { numberClasses } from './class-ids';
import { assertClusteringFits, DEFAULT_MEMORY_BUDGET_BYTES, LINKAGE_METHODS, linkage, type LinkageMethod } from './linkage';
import { PRETREATMENTS, pretreat, type ColumnScaling, type Pretreatment } from './pretreatment';
import { condensedDistances, SCORES, type Score } from './scores';
import type { SignatureMatrix } from './signature-matrix';
import { throwIfAborted } from './util/abort';

export type ChoiceSource = 'auto' | 'override';

export interface AutoOptions extends BuildPairsOptions {
  readonly pretreatment?: Pretreatment;
  readonly score?: Score;
  readonly linkage?: LinkageMethod;
  /** Fixed link threshold (distance units of the chosen metric) instead of the calibrated one. */
  readonly threshold?: number;
  /** Accepted FPR; default 0.025 (Popovic et al.). */
  readonly acceptedFpr?: number;
  readonly pretreatments?: readonly Pretreatment[];
  readonly scores?: readonly Score[];
  readonly linkages?: readonly LinkageMethod[];
  readonly logOffset?: number;
  /** Column scaling of a stored calibration (N+S, autoscale), applied instead of refitting on this matrix. */
  readonly scaling?: ColumnScaling;
  /** Memory budget for distances + clustering; default 2 GiB. */
  readonly maxBytes?: number;
  /** Progress with the current stage name. */
  readonly onProgress?: (stage: AutoStage, fraction: number) => void;
  readonly signal?: AbortSignal;
}

export type AutoStage = 'pairs' | 'combinations' | 'calibration' | 'distances' | 'linkage' | 'classes';

export interface LinkageFigures {
  readonly method: LinkageMethod;
  readonly copheneticCorrelation: number;
}

export interface AutoResult {
  readonly choice: {
    readonly pretreatment: Pretreatment;
    readonly score: Score;
    readonly linkage: LinkageMethod;
    readonly threshold: number;
    readonly acceptedFpr: number;
  };
  readonly source: { readonly combination: ChoiceSource; readonly linkage: ChoiceSource; readonly threshold: ChoiceSource };
  /** Every pretreatment × metric compared, ranked (empty when both were overridden). */
  readonly combinations: CombinationFigures[];
  /** Cophenetic correlation of every linkage compared, best first (only the override when it was given). */
  readonly linkages: LinkageFigures[];
  /** Calibration of the chosen combination, or null when no pairs were available and the threshold was given. */
  readonly calibration: Calibration | null;
  readonly pairs: { readonly linked: number; readonly unlinked: number; readonly linkedTotal: number; readonly unlinkedTotal: number };
  /** scipy-compatible linkage matrix of the chosen method. */
  readonly linkageMatrix: Float64Array;
  /** Class id per sample (1 = largest class), cut at the threshold. */
  readonly classIds: Int32Array;
  readonly classCount: number;
}

/**
 * Runs the whole chain on a raw signature matrix with a pair population (pair-population.ts). Defaults:
 * every pretreatment × metric, every linkage, FPR 2.5 % (Popovic et al.), 2 GiB budget. O(n²p + L·n²).
 */
export function autoProfile(
  matrix: SignatureMatrix,
  population: PairPopulation,
  options: AutoOptions = {},
): AutoResult {
  const n = matrix.sampleIds.length;
  const report = options.onProgress ?? ((): void => undefined);
  const linkages = options.linkage !== undefined ? [options.linkage] : (options.linkages ?? LINKAGE_METHODS);
  const maxBytes = options.maxBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  for (const m of linkages) assertClusteringFits(n, m, maxBytes);
  const acceptedFpr = options.acceptedFpr ?? DEFAULT_ACCEPTED_FPR;

  report('pairs', 0);
  const pairs = buildPairs(population, options);
  const havePairs = pairs.linked.i.length > 0 && pairs.unlinked.i.length > 0;
  throwIfAborted(options.signal);

  let combinations: CombinationFigures[] = [];
  let pretreatment = options.pretreatment;
  let score = options.score;
  if (pretreatment === undefined || score === undefined) {
    const compared = compareCombinations(matrix, pairs, {
      pretreatments: pretreatment !== undefined ? [pretreatment] : (options.pretreatments ?? PRETREATMENTS),
      scores: score !== undefined ? [score] : (options.scores ?? SCORES),
      acceptedFpr,
      logOffset: options.logOffset,
      onProgress: (f) => report('combinations', f),
      signal: options.signal,
    });
    combinations = compared.combinations;
    pretreatment = compared.best.pretreatment;
    score = compared.best.score;
  }
  const pre = pretreat(matrix, pretreatment, { logOffset: options.logOffset, scaling: options.scaling });

  report('calibration', 0);
  let calibration: Calibration | null = null;
  if (havePairs) {
    calibration = calibrate(pairDistances(pre, score, pairs.linked), pairDistances(pre, score, pairs.unlinked), { acceptedFpr });
  } else if (options.threshold === undefined) {
    throw new InsufficientPairsError(pairs.linked.i.length, pairs.unlinked.i.length);
  }
  const threshold = options.threshold ?? (calibration === null ? Number.NaN : calibration.threshold);

  const dists = condensedDistances(pre, score, (f) => report('distances', f), options.signal);
  const work = linkages.length > 1 || linkages[0] !== 'single' ? new Float64Array(dists.length) : undefined;
  const figures: (LinkageFigures & { z: Float64Array; order: number })[] = [];
  linkages.forEach((method, order) => {
    report('linkage', order / linkages.length);
    const z = linkage(dists, method, { maxBytes: Infinity, work: method === 'single' ? undefined : work, signal: options.signal });
    figures.push({ method, copheneticCorrelation: copheneticCorrelation(z, dists), z, order });
  });
  // Highest cophenetic correlation first; NaN (constant distances) last; ties keep the listed order.
  const key = (c: number): number => (Number.isNaN(c) ? -Infinity : c);
  figures.sort((a, b) => {
    const ka = key(a.copheneticCorrelation);
    const kb = key(b.copheneticCorrelation);
    return ka !== kb ? (kb > ka ? 1 : -1) : a.order - b.order;
  });
  const chosen = figures[0];

  report('classes', 0);
  const classIds = numberClasses(cutAtDistance(chosen.z, threshold));
  let classCount = 0;
  for (let i = 0; i < n; i++) if (classIds[i] > classCount) classCount = classIds[i];
  report('classes', 1);

  return {
    choice: { pretreatment, score, linkage: chosen.method, threshold, acceptedFpr },
    source: {
      combination: options.pretreatment !== undefined && options.score !== undefined ? 'override' : 'auto',
      linkage: options.linkage !== undefined ? 'override' : 'auto',
      threshold: options.threshold !== undefined ? 'override' : 'auto',
    },
    combinations,
    linkages: figures.map(({ method, copheneticCorrelation: c }) => ({ method, copheneticCorrelation: c })),
    calibration,
    pairs: { linked: pairs.linked.i.length, unlinked: pairs.unlinked.i.length, linkedTotal: pairs.linkedTotal, unlinkedTotal: pairs.unlinkedTotal },
    linkageMatrix: chosen.z,
    classIds,
    classCount,
  };
}

