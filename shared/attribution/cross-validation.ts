/**
 * Cross-validated accuracy of a route classifier on the reference samples: stratified k-fold, grouped by source when
 * sources are known. Grouping matters: samples of one source are near-duplicates, so sample-wise folds measure
 * recognising a known source, not attributing a new one, and overstate accuracy.
 */
import { mulberry32 } from '../profiling/util/rng';
import { argmaxRow } from './util/softmax';

/** Default number of folds. */
export const DEFAULT_FOLDS = 5;
/** The seed of the fold plan's shuffle. */
export const DEFAULT_FOLD_SEED = 1;

export interface FoldPlan {
  /** Fold (0 … k−1) per reference sample. */
  readonly folds: Int32Array;
  readonly k: number;
  /** True when each source's samples were kept in one fold. */
  readonly grouped: boolean;
  readonly seed: number;
}

/**
 * Stratified folds: units (a source's samples when `groups` gives one, else single samples) are shuffled within
 * their route (seeded mulberry32) and dealt round-robin over k folds, so every route is spread over the folds.
 * k defaults to 5 and is clamped to the number of units (at least 2 units are needed). O(n log n).
 */
export function stratifiedFolds(labels: readonly string[], k = DEFAULT_FOLDS, seed = 1, groups?: readonly (string | null)[]): FoldPlan {
  const n = labels.length;
  const unitOf = new Int32Array(n);
  const unitKey = new Map<string, number>();
  const unitLabels: string[][] = [];
  for (let i = 0; i < n; i++) {
    const g = groups?.[i];
    const key = g !== undefined && g !== null && g !== '' ? `g:${g}` : `s:${i}`;
    let u = unitKey.get(key);
    if (u === undefined) {
      u = unitLabels.length;
      unitKey.set(key, u);
      unitLabels.push([]);
    }
    unitOf[i] = u;
    unitLabels[u].push(labels[i]);
  }
  const units = unitLabels.length;
  if (units < 2) throw new RangeError(`cross-validation needs at least 2 reference ${groups ? 'sources' : 'samples'}, got ${units}`);
  const kk = Math.max(2, Math.min(Math.floor(k), units));
  // A unit's route is its most frequent one (a source normally has one route).
  const unitLabel = unitLabels.map((ls) => {
    const counts = new Map<string, number>();
    for (const l of ls) counts.set(l, (counts.get(l) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  });
  const rng = mulberry32(seed);
  const order = Array.from({ length: units }, (_, u) => u);
  for (let u = units - 1; u > 0; u--) {
    const j = rng.nextInt(u + 1);
    [order[u], order[j]] = [order[j], order[u]];
  }
  // Stable sort by route keeps the shuffled order within each route.
  order.sort((a, b) => (unitLabel[a] < unitLabel[b] ? -1 : unitLabel[a] > unitLabel[b] ? 1 : 0));
  const unitFold = new Int32Array(units);
  order.forEach((u, t) => (unitFold[u] = t % kk));
  const folds = new Int32Array(n);
  for (let i = 0; i < n; i++) folds[i] = unitFold[unitOf[i]];
  return { folds, k: kk, grouped: groups !== undefined && unitKey.size < n, seed };
}

/** Accuracy figures of one classifier (rows of `confusion` are the true route, columns the predicted one). */
export interface CvFigures {
  readonly classes: readonly string[];
  readonly n: number;
  /** Correct calls / all reference samples (undetermined counts as not correct). */
  readonly accuracy: number;
  /** Row-major g×g counts. */
  readonly confusion: Int32Array;
  /** Samples per true route called "undetermined" (always 0 for a bare classifier). */
  readonly undetermined: Int32Array;
  /** Recall per route (NaN for a route with no reference sample). */
  readonly recall: Float64Array;
}

/** Figures from true and predicted class indices (−1 = undetermined). O(n + g²). */
export function cvFigures(classes: readonly string[], truth: Int32Array, predicted: Int32Array): CvFigures {
  const g = classes.length;
  const confusion = new Int32Array(g * g);
  const undetermined = new Int32Array(g);
  const perClass = new Int32Array(g);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    perClass[truth[i]]++;
    if (predicted[i] < 0) undetermined[truth[i]]++;
    else confusion[truth[i] * g + predicted[i]]++;
    if (predicted[i] === truth[i]) correct++;
  }
  const recall = new Float64Array(g);
  for (let k = 0; k < g; k++) recall[k] = perClass[k] > 0 ? confusion[k * g + k] / perClass[k] : Number.NaN;
  return { classes, n: truth.length, accuracy: truth.length > 0 ? correct / truth.length : Number.NaN, confusion, undetermined, recall };
}

/**
 * Runs `fitPredict` once per fold (train = the other folds) and collects out-of-fold probabilities (row-major
 * n×g, class order `classes`; a route absent from a training fold gets 0). O(k × cost of fitPredict).
 */
export function outOfFold(
  n: number,
  g: number,
  plan: FoldPlan,
  fitPredict: (train: Int32Array, test: Int32Array) => Float64Array,
): Float64Array {
  const out = new Float64Array(n * g);
  for (let f = 0; f < plan.k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (plan.folds[i] === f ? test : train).push(i);
    if (test.length === 0) continue;
    const probs = fitPredict(Int32Array.from(train), Int32Array.from(test));
    if (probs.length !== test.length * g) throw new RangeError(`fold ${f}: ${probs.length} probabilities for ${test.length} samples × ${g} routes`);
    for (let t = 0; t < test.length; t++) out.set(probs.subarray(t * g, t * g + g), test[t] * g);
  }
  return out;
}

/** Predicted class per row (argmax, first on ties), from row-major n×g probabilities. O(n·g). */
export function argmaxClasses(probs: Float64Array, n: number, g: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = argmaxRow(probs, i, g);
  return out;
}
