/**
 * The open-set route rule fitted on reference samples and applied to questioned ones: classifiers among the
 * referenced routes (route-classifiers.ts), the typicality test with its cut (typicality.ts), and the decision
 * (route-decision.ts). One function fits it, one applies it, so that the questioned samples and every validation
 * (resubstitution, grouped cross-validation, nested cross-validation, leave-one-route-out) go through the same path.
 *
 * The cut is chosen on held-out sources of the training references (folds grouped by source, as the classifiers'
 * cross-validation). Where fewer than MIN_HELD_OUT held-out distances exist (e.g. every route from one source), the
 * folds fall back to single samples: a stricter cut (a sample's own source stays in training), said in the notes.
 */
import { DEFAULT_FOLDS, stratifiedFolds, type FoldPlan } from './cross-validation';
import { classify, type ReferenceSet, type RouteClassifierOptions } from './route-classifiers';
import { sortedClasses } from './lda';
import { decideRoute, type MarkerSiblings, type RouteCall, type RouteDecisionOptions } from './route-decision';
import { DEFAULT_TYPICALITY_ALPHA, empiricalQuantile, fitTypicality, heldOutD2, typicalityD2, type TypicalityModel } from './typicality';

/** Held-out distances a cut needs before it is trusted from source-grouped folds. */
export const MIN_HELD_OUT = 10;

export interface OpenSetOptions extends RouteClassifierOptions, RouteDecisionOptions {
  /** Share of new-source samples of a referenced route allowed beyond the typicality cut; default 0.01. */
  readonly alpha?: number;
  /** Smallest Wilson lower bound of a route's held-out precision for its calls to stand (route-gate.ts); 0 = off. */
  readonly gateFloor?: number;
  /**
   * The gate counts a route's held-out calls by reference source where a marker sibling of it is referenced too
   * (route-gate.ts); default true (reports made before it pass false: class-evidence.ts).
   */
  readonly gateBySource?: boolean;
}

export interface OpenSetModel {
  /** Routes with reference samples in training, sorted. */
  readonly referenced: readonly string[];
  readonly typicality: TypicalityModel;
  /** D² cut: a sample fits a route when its D² to it is at most this. */
  readonly cut: number;
  /** Held-out distances behind the cut, and whether their folds were grouped by source. */
  readonly heldOut: number;
  readonly grouped: boolean;
}

/** What the rule sees of each query: the evidence, then the call. */
export interface OpenSetOutput {
  /** Ensemble probabilities among `referenced` (row-major queries × referenced; all 1 with a single route). */
  readonly ensemble: Float64Array;
  /** LDA posteriors (null with a single referenced route) and kNN vote fractions, likewise. */
  readonly lda: Float64Array | null;
  readonly knn: Float64Array;
  /** Distance (calibrated metric) to the nearest training reference. */
  readonly nearest: Float64Array;
  /** D² to each referenced route (row-major queries × referenced). */
  readonly d2: Float64Array;
}

/** Training references (indices into refs) as matrix rows and labels. */
function subset(refs: ReferenceSet, train: ArrayLike<number>): { rows: Int32Array; labels: string[]; sources: (string | null)[] } {
  return { rows: Int32Array.from(train, (t) => refs.rows[t]), labels: Array.from(train, (t) => refs.routes[t]), sources: Array.from(train, (t) => refs.sources[t]) };
}

/**
 * Fits the rule on the references `train` (indices into refs): typicality model on all of them, cut from held-out
 * folds (grouped by source when sources are given; `plan` when given, else stratified folds of the training set).
 * O(folds·(n·p² + p³)).
 */
export function fitOpenSet(refs: ReferenceSet, train: ArrayLike<number>, options: OpenSetOptions = {}, plan?: FoldPlan): OpenSetModel {
  const { rows, labels, sources } = subset(refs, train);
  const referenced = sortedClasses(labels);
  const typicality = fitTypicality(refs.values, refs.p, rows, labels, sources);
  const alpha = options.alpha ?? DEFAULT_TYPICALITY_ALPHA;
  const hasSources = sources.some((s) => s !== null && s !== '');
  const foldsOf = (groups?: readonly (string | null)[]): FoldPlan | undefined => {
    try {
      return stratifiedFolds(labels, options.folds ?? DEFAULT_FOLDS, options.seed ?? 1, groups);
    } catch (e) {
      if (e instanceof RangeError) return undefined; // a single sample or source: nothing to hold out
      throw e;
    }
  };
  const folds = plan ?? foldsOf(hasSources ? sources : undefined);
  let held = folds === undefined ? new Float64Array(0) : heldOutD2(refs.values, refs.p, rows, labels, sources, folds.folds, folds.k);
  let grouped = folds?.grouped ?? false;
  if (held.filter((d) => !Number.isNaN(d)).length < MIN_HELD_OUT && grouped) {
    const bySample = foldsOf();
    held = bySample === undefined ? new Float64Array(0) : heldOutD2(refs.values, refs.p, rows, labels, sources, bySample.folds, bySample.k);
    grouped = false;
  }
  const valid = held.filter((d) => !Number.isNaN(d));
  return { referenced, typicality, cut: valid.length > 0 ? empiricalQuantile(valid, 1 - alpha) : Number.POSITIVE_INFINITY, heldOut: valid.length, grouped };
}

/** The rule's evidence for the matrix rows `queries`, with the classifiers trained on `train`. O(q·(r·p + p²)). */
export function openSetEvidence(refs: ReferenceSet, train: ArrayLike<number>, model: OpenSetModel, queries: ArrayLike<number>, options: OpenSetOptions = {}): OpenSetOutput {
  const d2 = typicalityD2(model.typicality, refs.values, queries);
  const c = classify(refs, model.referenced, train, queries, options);
  return { ensemble: c.ensemble, lda: c.lda, knn: c.knn, nearest: c.nearest, d2 };
}

/** The call of query q from its evidence and its marker scores (library-route order, null when no rule counted). */
export function openSetCall(
  routes: readonly string[],
  model: OpenSetModel,
  out: OpenSetOutput,
  q: number,
  markerScores: ArrayLike<number> | null,
  options: OpenSetOptions = {},
  siblings?: MarkerSiblings,
): RouteCall {
  const g = model.referenced.length;
  return decideRoute(
    routes,
    model.referenced,
    {
      classifier: out.ensemble.subarray(q * g, q * g + g),
      fits: Array.from({ length: g }, (_, k) => out.d2[q * g + k] <= model.cut),
      markerScores,
    },
    options,
    siblings,
  );
}
