/**
 * Route classifiers trained on reference samples: shrinkage LDA on the pretreated signature and k-nearest
 * neighbours on the calibrated score, averaged into one ensemble probability; each with its cross-validated
 * accuracy and confusion matrix, so the analyst sees how far to trust them.
 */
import type { PreparedRows } from '../profiling/scores';
import { crossDistances } from './cross-distances';
import { argmaxClasses, cvFigures, outOfFold, stratifiedFolds, DEFAULT_FOLDS, DEFAULT_FOLD_SEED, type CvFigures, type FoldPlan } from './cross-validation';
import { DEFAULT_K, knnVotes } from './knn';
import { fitLda, ldaPosteriors, sortedClasses, type LdaOptions } from './lda';

export interface RouteClassifierOptions {
  /** kNN neighbours; default 5. */
  readonly k?: number;
  readonly lda?: LdaOptions;
  /** Cross-validation folds; default 5 (clamped to the number of sources, or samples when sources are unknown). */
  readonly folds?: number;
  /** Seed of the fold assignment; default 1. */
  readonly seed?: number;
  /** An explicit fold plan over the references (tests, reproducing a run). */
  readonly foldPlan?: FoldPlan;
}

/** The training data: reference rows of the pretreated matrix, their routes and (optional) sources. */
export interface ReferenceSet {
  /** Row-major n×p pretreated values of every sample (references and questioned). */
  readonly values: Float64Array;
  readonly p: number;
  /** The same rows prepared for the calibrated metric (kNN distances). */
  readonly prepared: PreparedRows;
  /** Matrix rows of the reference samples. */
  readonly rows: Int32Array;
  readonly routes: readonly string[];
  readonly sources: readonly (string | null)[];
}

export interface ClassifierOutput {
  /** Row-major queries × routes posteriors of LDA; null when the references hold a single route. */
  readonly lda: Float64Array | null;
  /** Row-major queries × routes kNN vote fractions. */
  readonly knn: Float64Array;
  /** Mean of the two; kNN alone when the training set holds a single route (LDA undefined). */
  readonly ensemble: Float64Array;
  /** Distance (calibrated metric) from each query to its nearest reference sample. */
  readonly nearest: Float64Array;
}

export interface ClassifierFigures {
  readonly plan: FoldPlan;
  readonly lda: CvFigures | null;
  readonly knn: CvFigures;
  readonly ensemble: CvFigures;
  /** Row-major references × routes out-of-fold ensemble probabilities (for judging the combined rule). */
  readonly outOfFold: Float64Array;
}

/** Trains on the references `train` (indices into refs.rows) and scores the matrix rows `queries`, in `routes` order. */
export function classify(refs: ReferenceSet, routes: readonly string[], train: ArrayLike<number>, queries: ArrayLike<number>, options: RouteClassifierOptions = {}): ClassifierOutput {
  const g = routes.length;
  const nq = queries.length;
  const trainRows = Int32Array.from(train, (t) => refs.rows[t]);
  const trainLabels = Array.from(train, (t) => refs.routes[t]);
  const trainClasses = sortedClasses(trainLabels);
  const toGlobal = trainClasses.map((c) => routes.indexOf(c));
  let lda: Float64Array | null = null;
  if (trainClasses.length >= 2) {
    const model = fitLda(refs.values, refs.p, trainRows, trainLabels, options.lda);
    const local = ldaPosteriors(model, refs.values, queries);
    lda = new Float64Array(nq * g);
    for (let q = 0; q < nq; q++) for (let k = 0; k < trainClasses.length; k++) lda[q * g + toGlobal[k]] = local[q * trainClasses.length + k];
  }
  const dist = crossDistances(refs.prepared, queries, trainRows);
  const refClass = Int32Array.from(trainLabels, (l) => routes.indexOf(l));
  const { votes, nearest } = knnVotes(dist, nq, refClass, g, options.k ?? DEFAULT_K);
  const ensemble = new Float64Array(nq * g);
  for (let q = 0; q < nq * g; q++) ensemble[q] = lda === null ? votes[q] : (lda[q] + votes[q]) / 2;
  return { lda, knn: votes, ensemble, nearest };
}

/**
 * Cross-validates LDA, kNN and their ensemble on the references (stratified k-fold, grouped by source when sources
 * are given; default 5 folds, seed 1). O(folds × training cost).
 */
export function crossValidateClassifiers(refs: ReferenceSet, routes: readonly string[], options: RouteClassifierOptions = {}): ClassifierFigures {
  const n = refs.rows.length;
  const g = routes.length;
  const hasSources = refs.sources.some((s) => s !== null && s !== '');
  const plan = options.foldPlan ?? stratifiedFolds(refs.routes, options.folds ?? DEFAULT_FOLDS, options.seed ?? DEFAULT_FOLD_SEED, hasSources ? refs.sources : undefined);
  const truth = Int32Array.from(refs.routes, (r) => routes.indexOf(r));
  const ldaOof = new Float64Array(n * g);
  const knnOof = new Float64Array(n * g);
  const ensOof = outOfFold(n, g, plan, (train, test) => {
    const out = classify(refs, routes, train, Int32Array.from(test, (t) => refs.rows[t]), options);
    for (let t = 0; t < test.length; t++) {
      knnOof.set(out.knn.subarray(t * g, t * g + g), test[t] * g);
      // A fold whose training part holds one route: every classifier can only name that route.
      ldaOof.set((out.lda ?? out.knn).subarray(t * g, t * g + g), test[t] * g);
    }
    return out.ensemble;
  });
  return {
    plan,
    lda: g >= 2 ? cvFigures(routes, truth, argmaxClasses(ldaOof, n, g)) : null,
    knn: cvFigures(routes, truth, argmaxClasses(knnOof, n, g)),
    ensemble: cvFigures(routes, truth, argmaxClasses(ensOof, n, g)),
    outOfFold: ensOof,
  };
}
