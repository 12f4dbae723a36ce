/**
 * Automatic mode. Pretreatment × metric by ROC AUC on the calibration pairs, keeping the literature default unless
 * another is clearly better (compare-combinations.ts); linkage and cut by how well they recover known links on
 * held-out pairs, the unlinked pairs' contamination estimated (cut-selection.ts), not by cophenetic correlation. A cut
 * into k classes or at a given threshold needs no pairs; with pairs, the linkage is the one whose cut recovers them
 * best. Every choice can be overridden and every figure compared is returned, so the interface can show why.
 */
import { calibrate, DEFAULT_ACCEPTED_FPR, InsufficientPairsError, type Calibration } from './calibration';
import { numberClasses } from './class-ids';
import { compareCombinations, DEFAULT_COMBINATION, type CombinationFigures, type CompareResult } from './compare-combinations';
import type { ContaminationEstimate } from './contamination';
import { canSelectCut, scorePartitions, selectCut, type CutCandidate, type CutRule, type CutSelectionSettings, type Tree } from './cut-selection';
import { cutAtDistance, cutIntoClusters } from './cut-tree';
import { assertClusteringFits, DEFAULT_MEMORY_BUDGET_BYTES, LINKAGE_METHODS, linkage, startLinkage, type LinkageMethod, type PendingLinkage, type StartChain } from './linkage';
import { encodePopulation, type PairPopulation } from './pair-population';
import { buildPairs, pairDistances, type BuildPairsOptions } from './pairs';
import { PRETREATMENTS, pretreat, type ColumnScaling, type Pretreatment } from './pretreatment';
import { SCORES, startDistancesInThread, type Score, type StartDistances } from './scores';
import type { SignatureMatrix } from './signature-matrix';
import { throwIfAborted } from './util/abort';

/** auto: chosen on the pairs; override: as asked; default: no pairs to choose by, the stated default. */
export type ChoiceSource = 'auto' | 'override' | 'default';

/** How the tree was cut: held-out selection, a given threshold, into k classes, or a stored calibration's threshold. */
export type CutSource = 'held-out' | 'threshold' | 'k' | 'fallback';

/** Linkage when a cut into k classes has no pairs to choose by: Ward keeps classes compact (least increase of variance). */
export const DEFAULT_LINKAGE_FOR_K: LinkageMethod = 'ward';
/** Linkage when a threshold has no pairs to choose by: average, whose merge heights are mean pair distances. */
export const DEFAULT_LINKAGE_FOR_THRESHOLD: LinkageMethod = 'average';

export interface AutoOptions extends BuildPairsOptions {
  readonly pretreatment?: Pretreatment;
  readonly score?: Score;
  readonly linkage?: LinkageMethod;
  /** Fixed cut height (distance units of the chosen metric) instead of a chosen one. */
  readonly threshold?: number;
  /** Cut into at most k classes instead. */
  readonly k?: number;
  /** A cut height to use when the pairs cannot choose one (a stored calibration's threshold). */
  readonly fallbackThreshold?: number;
  /** Accepted FPR; default 0.025 (Popovic et al.). */
  readonly acceptedFpr?: number;
  readonly pretreatments?: readonly Pretreatment[];
  readonly scores?: readonly Score[];
  /** Candidate linkages, in tie-break order; default LINKAGE_METHODS (average first). */
  readonly linkages?: readonly LinkageMethod[];
  readonly logOffset?: number;
  /** Column scaling of a stored calibration (N+S, autoscale), applied instead of refitting on this matrix. */
  readonly scaling?: ColumnScaling;
  /** Memory budget for distances + clustering; default 2 GiB. */
  readonly maxBytes?: number;
  /** Folds, seeds and rule levels of the held-out selection (cut-selection.ts defaults). */
  readonly cutSelection?: Partial<CutSelectionSettings>;
  /** Progress with the current stage name. */
  readonly onProgress?: (stage: AutoStage, fraction: number) => void;
  readonly signal?: AbortSignal;
  /** How the condensed distances are computed; default startDistancesInThread. */
  readonly startDistances?: StartDistances;
  /** How an NN-chain linkage runs; default in this thread (linkage.ts startChainInThread). */
  readonly startChain?: StartChain;
}

export type AutoStage = 'pairs' | 'combinations' | 'calibration' | 'distances' | 'linkage' | 'cut' | 'classes';

/** What each linkage achieved: its best held-out candidate, or its fixed cut scored on the pairs (null without pairs). */
export interface LinkageFigures {
  readonly method: LinkageMethod;
  readonly f1: number | null;
  readonly recall: number | null;
  readonly falseLinkRate: number | null;
}

export interface AutoResult {
  readonly choice: {
    readonly pretreatment: Pretreatment;
    readonly score: Score;
    readonly linkage: LinkageMethod;
    /** Cut height (null when cut into k). */
    readonly threshold: number | null;
    readonly k: number | null;
    /** Rule of a held-out cut, else null. */
    readonly rule: CutRule | null;
    readonly acceptedFpr: number;
  };
  readonly source: { readonly combination: ChoiceSource; readonly linkage: ChoiceSource; readonly cut: CutSource };
  /** The comparison of pretreatment × metric (null when both were given or there were no pairs). */
  readonly compared: CompareResult | null;
  /** Every pretreatment × metric compared, by AUC (empty when none was). */
  readonly combinations: CombinationFigures[];
  readonly linkages: LinkageFigures[];
  /** Held-out candidates (linkage × rule), best first; empty unless the cut was chosen on held-out pairs. */
  readonly cutCandidates: CutCandidate[];
  readonly folds: number | null;
  /** Contamination of the unlinked pairs (null without pairs). */
  readonly contamination: ContaminationEstimate | null;
  /** Calibration of the chosen combination on the pairs (ROC, uncorrected threshold, LR), or null without pairs. */
  readonly calibration: Calibration | null;
  readonly pairs: { readonly linked: number; readonly unlinked: number; readonly linkedTotal: number; readonly unlinkedTotal: number };
  /** scipy-compatible linkage matrix of the chosen method. */
  readonly linkageMatrix: Float64Array;
  /** Class id per sample (1 = largest class). */
  readonly classIds: Int32Array;
  readonly classCount: number;
}

function countClasses(ids: Int32Array): number {
  let c = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > c) c = ids[i];
  return c;
}

/**
 * Runs the whole chain on a raw signature matrix with a pair population (pair-population.ts). Defaults: every
 * pretreatment × metric, every linkage, FPR 2.5 % (Popovic et al.), 2 GiB budget. O(n²p + L·n² + m log m).
 */
export function autoProfile(matrix: SignatureMatrix, population: PairPopulation, options: AutoOptions = {}): AutoResult {
  const n = matrix.sampleIds.length;
  const maxBytes = options.maxBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  for (const m of options.linkage !== undefined ? [options.linkage] : (options.linkages ?? LINKAGE_METHODS)) assertClusteringFits(n, m, maxBytes);
  // Pretreatment, score and linkage given (explicit settings, or the calibration in force with a linkage): the tree
  // does not depend on the pairs, so the distances and the linkage go first, the linkage on a thread of its own where
  // the host has one, while this thread draws the pairs and fits the cut.
  const early =
    options.pretreatment !== undefined && options.score !== undefined && options.linkage !== undefined
      ? startTree(pretreatAs(matrix, options.pretreatment, options), options.score, options.linkage, options)
      : null;
  try {
    return profileWith(matrix, population, options, early);
  } finally {
    early?.cancel();
  }
}

function pretreatAs(matrix: SignatureMatrix, p: Pretreatment, options: AutoOptions): SignatureMatrix {
  return pretreat(matrix, p, { logOffset: options.logOffset, scaling: options.scaling });
}

/**
 * Whether every distance of these pretreated values is surely finite: with |x| < 1e100 no metric of scores.ts can
 * overflow (Pearson, cosine ≤ 2, Canberra ≤ p, Euclidean and Manhattan ≤ 2e100·p), so the linkage need not read all
 * n(n−1)/2 of them again to check. O(np).
 */
function boundedValues(pre: SignatureMatrix): boolean {
  for (const v of pre.values) if (!(Math.abs(v) < 1e100)) return false;
  return true;
}

interface EarlyTree {
  readonly pre: SignatureMatrix;
  finish(): Tree;
  cancel(): void;
}

/** Distances now (on every core the host offers), then one linkage started on them in place; `finish` gives the tree. */
function startTree(pre: SignatureMatrix, score: Score, method: LinkageMethod, options: AutoOptions): EarlyTree {
  const report = options.onProgress ?? ((): void => undefined);
  const pending = (options.startDistances ?? startDistancesInThread)(pre, score);
  let tree: PendingLinkage;
  try {
    const { dists } = pending.finish((f) => report('distances', f), options.signal);
    // Nothing reads the distances after the tree (the cut is fitted on pair distances and merge heights): in place.
    tree = startLinkage(dists, method, { maxBytes: Infinity, inPlace: true, finiteChecked: boundedValues(pre), startChain: options.startChain, signal: options.signal });
  } finally {
    pending.cancel();
  }
  return { pre, finish: () => ({ method, z: tree.finish((f) => report('linkage', f), options.signal) }), cancel: () => tree.cancel() };
}

/** The distances, then each linkage on them: one alone in place, several on one working copy (the host's twin if made). */
function everyTree(pre: SignatureMatrix, score: Score, methods: readonly LinkageMethod[], options: AutoOptions): Tree[] {
  const report = options.onProgress ?? ((): void => undefined);
  const alone = methods.length === 1;
  const needsCopy = !alone && methods.some((m) => m !== 'single');
  const { dists, twin } = (options.startDistances ?? startDistancesInThread)(pre, score, { twin: needsCopy }).finish((f) => report('distances', f), options.signal);
  const work = needsCopy ? (twin ?? new Float64Array(dists.length)) : undefined;
  const common = { maxBytes: Infinity, finiteChecked: boundedValues(pre), startChain: options.startChain, signal: options.signal };
  return methods.map((method, order) => {
    report('linkage', order / methods.length);
    return { method, z: linkage(dists, method, alone || method === 'single' ? { ...common, inPlace: alone } : { ...common, work }) };
  });
}

/** autoProfile after the checks, with the tree already under way when `early` is given. */
function profileWith(matrix: SignatureMatrix, population: PairPopulation, options: AutoOptions, early: EarlyTree | null): AutoResult {
  const report = options.onProgress ?? ((): void => undefined);
  const fixedCut = options.k !== undefined || options.threshold !== undefined;
  const acceptedFpr = options.acceptedFpr ?? DEFAULT_ACCEPTED_FPR;

  report('pairs', 0);
  const pairs = buildPairs(population, options);
  const groups = encodePopulation(population).firstGroup;
  const havePairs = pairs.linked.i.length > 0 && pairs.unlinked.i.length > 0;
  throwIfAborted(options.signal);
  if (!havePairs && !fixedCut && options.fallbackThreshold === undefined) throw new InsufficientPairsError(pairs.linked.i.length, pairs.unlinked.i.length);

  let compared: CompareResult | null = null;
  let pretreatment = options.pretreatment;
  let score = options.score;
  let combinationSource: ChoiceSource = pretreatment !== undefined && score !== undefined ? 'override' : 'auto';
  if (pretreatment === undefined || score === undefined) {
    if (havePairs) {
      compared = compareCombinations(matrix, pairs, {
        pretreatments: pretreatment !== undefined ? [pretreatment] : (options.pretreatments ?? PRETREATMENTS),
        scores: score !== undefined ? [score] : (options.scores ?? SCORES),
        acceptedFpr,
        logOffset: options.logOffset,
        groups,
        onProgress: (f) => report('combinations', f),
        signal: options.signal,
      });
      pretreatment = compared.best.pretreatment;
      score = compared.best.score;
    } else {
      pretreatment = pretreatment ?? DEFAULT_COMBINATION.pretreatment;
      score = score ?? DEFAULT_COMBINATION.score;
      combinationSource = 'default';
    }
  }
  const pre = early?.pre ?? pretreatAs(matrix, pretreatment, options);

  report('calibration', 0);
  const distances = havePairs ? { linked: pairDistances(pre, score, pairs.linked), unlinked: pairDistances(pre, score, pairs.unlinked) } : null;
  const calibration = distances ? calibrate(distances.linked, distances.unlinked, { acceptedFpr }) : null;

  const cutFromPairs = distances !== null && (fixedCut || canSelectCut(pairs, groups));
  const defaultLinkage = options.k !== undefined ? DEFAULT_LINKAGE_FOR_K : DEFAULT_LINKAGE_FOR_THRESHOLD;
  const methods = options.linkage !== undefined ? [options.linkage] : cutFromPairs ? (options.linkages ?? LINKAGE_METHODS) : [defaultLinkage];
  const trees: Tree[] = early ? [early.finish()] : everyTree(pre, score, methods, options);
  const linkageSource: ChoiceSource = options.linkage !== undefined ? 'override' : cutFromPairs ? 'auto' : 'default';

  report('cut', 0);
  let chosen = trees[0];
  let threshold: number | null;
  let rule: CutRule | null = null;
  let cut: CutSource;
  let labels: Int32Array;
  let cutCandidates: CutCandidate[] = [];
  let folds: number | null = null;
  let contamination: ContaminationEstimate | null = null;
  let figures: LinkageFigures[] = trees.map((t) => ({ method: t.method, f1: null, recall: null, falseLinkRate: null }));
  if (fixedCut) {
    cut = options.k !== undefined ? 'k' : 'threshold';
    const cutOf = (z: Float64Array) => (options.k !== undefined ? cutIntoClusters(z, options.k) : cutAtDistance(z, options.threshold as number));
    const all = trees.map((t) => cutOf(t.z));
    let best = 0;
    if (distances) {
      const scored = scorePartitions(all, pairs, distances, { ...options.cutSelection, acceptedFpr });
      contamination = scored.contamination;
      figures = trees.map((t, k) => ({ method: t.method, ...scored.figures[k] }));
      // Best estimated F1; ties keep the listed order.
      scored.figures.forEach((f, k) => (f.f1 > scored.figures[best].f1 + 1e-9 ? (best = k) : undefined));
    }
    chosen = trees[best];
    labels = all[best];
    threshold = options.k !== undefined ? null : (options.threshold as number);
  } else if (cutFromPairs && distances) {
    cut = 'held-out';
    const selection = selectCut(trees, pairs, distances, groups, { ...options.cutSelection, acceptedFpr }, options.signal);
    chosen = trees.find((t) => t.method === selection.chosen.linkage) as Tree;
    threshold = selection.chosen.threshold;
    rule = selection.chosen.rule;
    labels = cutAtDistance(chosen.z, threshold);
    cutCandidates = selection.candidates;
    folds = selection.folds;
    contamination = selection.contamination;
    figures = trees.map((t) => {
      const c = selection.candidates.find((x) => x.linkage === t.method) as CutCandidate;
      return { method: t.method, f1: c.f1, recall: c.recall, falseLinkRate: c.falseLinkRate };
    });
  } else {
    cut = 'fallback';
    threshold = options.fallbackThreshold as number;
    labels = cutAtDistance(chosen.z, threshold);
  }

  report('classes', 0);
  const classIds = numberClasses(labels);
  report('classes', 1);
  return {
    choice: { pretreatment, score, linkage: chosen.method, threshold, k: options.k ?? null, rule, acceptedFpr },
    source: { combination: combinationSource, linkage: linkageSource, cut },
    compared,
    combinations: compared?.combinations ?? [],
    linkages: figures,
    cutCandidates,
    folds,
    contamination,
    calibration,
    pairs: { linked: pairs.linked.i.length, unlinked: pairs.unlinked.i.length, linkedTotal: pairs.linkedTotal, unlinkedTotal: pairs.unlinkedTotal },
    linkageMatrix: chosen.z,
    classIds,
    classCount: countClasses(classIds),
  };
}
