/**
 * Automatic mode: pretreatment × metric by ROC AUC on the calibration pairs, linkage by the highest cophenetic
 * correlation, tree cut at the threshold of the accepted FPR (2.5 %, Popovic et al.). Every choice can be overridden
 * and every figure compared is returned, so the interface can show why.
 */
import type { PairPopulation } from './pair-population';
import { buildPairs, pairDistances, type BuildPairsOptions, type CalibrationPairs } from './pairs';
import { calibrate, DEFAULT_ACCEPTED_FPR, InsufficientPairsError, type Calibration } from './calibration';
import { compareCombinations, type CombinationFigures } from './compare-combinations';
import { copheneticCorrelation, meanDistance } from './cophenetic';
import { cutAtDistance } from './cut-tree';
import { numberClasses } from './class-ids';
import { assertClusteringFits, DEFAULT_MEMORY_BUDGET_BYTES, LINKAGE_METHODS, linkage, startLinkage, type LinkageMethod, type PendingLinkage, type StartChain } from './linkage';
import { PRETREATMENTS, pretreat, type ColumnScaling, type Pretreatment } from './pretreatment';
import { SCORES, startDistancesInThread, type Score, type StartDistances } from './scores';
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
  /** How the condensed distances are computed; default startDistancesInThread. */
  readonly startDistances?: StartDistances;
  /** How an NN-chain linkage runs; default in this thread (linkage.ts startChainInThread). */
  readonly startChain?: StartChain;
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

  const pretreatAs = (p: Pretreatment): SignatureMatrix => pretreat(matrix, p, { logOffset: options.logOffset, scaling: options.scaling });
  // Pretreatment, score and one linkage given (explicit settings, or the calibration in force): the tree does not
  // depend on the pairs, so the distances and the linkage go first, the linkage on a thread of its own where the host
  // has one, while this thread draws and calibrates the pairs.
  const early = options.pretreatment !== undefined && options.score !== undefined && linkages.length === 1 ? startTree(pretreatAs(options.pretreatment), options.score, linkages[0], options) : null;
  try {
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
    const pre = early?.pre ?? pretreatAs(pretreatment);

    report('calibration', 0);
    let calibration: Calibration | null = null;
    if (havePairs) {
      calibration = calibrate(pairDistances(pre, score, pairs.linked), pairDistances(pre, score, pairs.unlinked), { acceptedFpr });
    } else if (options.threshold === undefined) {
      throw new InsufficientPairsError(pairs.linked.i.length, pairs.unlinked.i.length);
    }
    const threshold = options.threshold ?? (calibration === null ? Number.NaN : calibration.threshold);
    const figures = early ? [early.finish()] : everyLinkage(pre, score, linkages, options);
    return finishAuto(options, { pretreatment, score, acceptedFpr, threshold, combinations, calibration, pairs, figures, n });
  } finally {
    early?.cancel();
  }
}

type TreeFigures = LinkageFigures & { z: Float64Array; order: number };

/**
 * Whether every distance of these pretreated values is surely finite: with |x| < 1e100 no metric of scores.ts can
 * overflow (Pearson, cosine ≤ 2, Canberra ≤ p, Euclidean and Manhattan ≤ 2e100·p), so the linkage need not read all
 * n(n−1)/2 of them again to check. O(np).
 */
function boundedValues(pre: SignatureMatrix): boolean {
  for (const v of pre.values) if (!(Math.abs(v) < 1e100)) return false;
  return true;
}

/** Distances now (on every core the host offers), then one linkage started; `finish` gives its tree and figures. */
function startTree(pre: SignatureMatrix, score: Score, method: LinkageMethod, options: AutoOptions): { pre: SignatureMatrix; finish(): TreeFigures; cancel(): void } {
  const report = options.onProgress ?? ((): void => undefined);
  // A linkage other than single overwrites a working copy of the distances: have it made with them.
  const pending = (options.startDistances ?? startDistancesInThread)(pre, score, { twin: method !== 'single' });
  let dists: Float64Array;
  let tree: PendingLinkage;
  let mean: number;
  try {
    const made = pending.finish((f) => report('distances', f), options.signal);
    dists = made.dists;
    tree = startLinkage(made.twin ?? made.dists, method, { maxBytes: Infinity, inPlace: made.twin !== null, finiteChecked: boundedValues(pre), startChain: options.startChain, signal: options.signal });
    // While the tree is built elsewhere: the cophenetic correlation's one pass that does not need it.
    mean = meanDistance(dists);
  } finally {
    pending.cancel();
  }
  return {
    pre,
    finish() {
      const z = tree.finish((f) => report('linkage', f), options.signal);
      return { method, copheneticCorrelation: copheneticCorrelation(z, dists, mean), z, order: 0 };
    },
    cancel: () => tree.cancel(),
  };
}

/** The distances, then every linkage compared on them (one working copy reused). */
function everyLinkage(pre: SignatureMatrix, score: Score, linkages: readonly LinkageMethod[], options: AutoOptions): TreeFigures[] {
  const report = options.onProgress ?? ((): void => undefined);
  const twin = linkages.length === 1 && linkages[0] !== 'single';
  const { dists, twin: copy } = (options.startDistances ?? startDistancesInThread)(pre, score, { twin }).finish((f) => report('distances', f), options.signal);
  const work = copy === null && (linkages.length > 1 || linkages[0] !== 'single') ? new Float64Array(dists.length) : undefined;
  const finiteChecked = boundedValues(pre);
  return linkages.map((method, order) => {
    report('linkage', order / linkages.length);
    const z =
      copy !== null
        ? linkage(copy, method, { maxBytes: Infinity, inPlace: true, finiteChecked, startChain: options.startChain, signal: options.signal })
        : linkage(dists, method, { maxBytes: Infinity, work: method === 'single' ? undefined : work, finiteChecked, startChain: options.startChain, signal: options.signal });
    return { method, copheneticCorrelation: copheneticCorrelation(z, dists), z, order };
  });
}

interface AutoParts {
  pretreatment: Pretreatment;
  score: Score;
  acceptedFpr: number;
  threshold: number;
  combinations: CombinationFigures[];
  calibration: Calibration | null;
  pairs: CalibrationPairs;
  figures: TreeFigures[];
  n: number;
}

/** The chosen linkage (highest cophenetic correlation), its cut and the result record. */
function finishAuto(options: AutoOptions, parts: AutoParts): AutoResult {
  const { pretreatment, score, acceptedFpr, threshold, combinations, calibration, pairs, figures, n } = parts;
  const report = options.onProgress ?? ((): void => undefined);
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

