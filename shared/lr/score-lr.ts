/**
 * A score-based likelihood-ratio model: a pair distance (0 = identical) → log10 LR for Hp (the pair shares the
 * propositions' common origin: one seizure, or one source) against Hd, by one of the two calibrations LiR offers
 * and the literature validates (Meuwly, Ramos & Haraksim 2017; Leegwater et al. 2024):
 * - 'logistic': ln LR = a + b·f, fitted by balanced logistic regression (logistic.ts) on the feature
 *   f = −log10(distance + offset), which is monotone in the distance (b > 0 is required);
 * - 'pav': isotonic regression of the labels on f with prior-balancing weights (pav.ts), LR = p/(1 − p), linear
 *   between the PAV's points and constant beyond them.
 * Either way the LRs are then bounded by the ELUB of the training LRs (elub.ts; Vergeer et al. 2016), so no LR is
 * stronger than the data could show. The model is a few numbers (logistic) or the PAV's points: kept whole in the
 * calibration record, so every LR a report states can be recomputed from the record alone.
 */
import { bound, elubBounds, ELUB_DEFAULTS, type ElubSettings, type LlrBounds } from './elub';
import { lnToLog10, probabilityToLog10Odds } from './log-odds';
import { DEFAULT_LOGISTIC_C, fitLogistic } from './logistic';
import { fitIsotonic, isotonicAt } from './pav';

export type LrMethod = 'logistic' | 'pav';
export const LR_METHODS: readonly LrMethod[] = ['pav', 'logistic'];

export interface ScoreLrSettings {
  /** Calibration method; default 'pav' (docs/PROFILING.md gives the held-out figures of both). */
  readonly method: LrMethod;
  /** Inverse L2 strength of the logistic slope; default 1 (sklearn, LiR). */
  readonly logisticC: number;
  /** ELUB grid step and extreme substitute. */
  readonly elub: ElubSettings;
}

export const SCORE_LR_DEFAULTS: ScoreLrSettings = { method: 'pav', logisticC: DEFAULT_LOGISTIC_C, elub: ELUB_DEFAULTS };

export interface ScoreLrModel {
  readonly method: LrMethod;
  /** f = −log10(distance + offset): offset = 1e-6 × the median Hd distance of the training pairs (0 stays finite). */
  readonly offset: number;
  /** 'logistic': ln LR = intercept + slope · f. */
  readonly logistic: { readonly intercept: number; readonly slope: number } | null;
  /** 'pav': balanced posterior P(Hp) at feature values x (ascending). */
  readonly pav: { readonly x: readonly number[]; readonly y: readonly number[] } | null;
  /** ELUB of the training LRs, log10. */
  readonly bounds: LlrBounds;
}

/** Raised when a calibration cannot be fitted (one proposition missing, or a logistic slope of the wrong sign). */
export class LrFitError extends Error {
  override name = 'LrFitError';
}

const OFFSET_FRACTION = 1e-6;

/** k-th smallest of `a` (reordered in place), by Hoare's selection. O(n) expected. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Median of `values` (a copy is reordered). O(n) expected. */
function medianOf(values: Float64Array): number {
  const s = Float64Array.from(values);
  const h = s.length >> 1;
  return s.length % 2 ? select(s, h) : (select(s, h - 1) + select(s, h)) / 2;
}

/** The feature of a distance. */
export const featureOf = (distance: number, offset: number): number => -Math.log10(Math.max(0, distance) + offset);

/** Unbounded log10 LRs of feature values under a fitted model (±∞ possible for PAV); the PAV points converted once. */
function rawLlrs(model: Omit<ScoreLrModel, 'bounds'>, f: ArrayLike<number>): Float64Array {
  const out = new Float64Array(f.length);
  if (model.method === 'logistic') {
    const l = model.logistic!;
    for (let i = 0; i < f.length; i++) out[i] = lnToLog10(l.intercept + l.slope * f[i]);
    return out;
  }
  const fit = { x: Float64Array.from(model.pav!.x), y: Float64Array.from(model.pav!.y) };
  for (let i = 0; i < f.length; i++) out[i] = probabilityToLog10Odds(isotonicAt(fit, f[i]));
  return out;
}

/**
 * Fits the model on training distances with labels (1 = Hp, 0 = Hd); needs both. O(n log n) (PAV) or O(n) per
 * Newton step (logistic), plus the ELUB's O(n log n).
 */
export function fitScoreLr(distance: ArrayLike<number>, label: ArrayLike<number>, settings: Partial<ScoreLrSettings> = {}): ScoreLrModel {
  const s = { ...SCORE_LR_DEFAULTS, ...settings };
  const n = distance.length;
  let nHp = 0;
  for (let i = 0; i < n; i++) if (label[i] === 1) nHp++;
  const hd = new Float64Array(n - nHp);
  for (let i = 0, k = 0; i < n; i++) if (label[i] !== 1) hd[k++] = distance[i];
  if (nHp === 0 || hd.length === 0) throw new LrFitError(`an LR calibration needs pairs of both propositions (found ${nHp} Hp and ${hd.length} Hd)`);
  const offset = OFFSET_FRACTION * Math.max(medianOf(hd), Number.MIN_VALUE * 1e6);
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = featureOf(distance[i], offset);
  let partial: Omit<ScoreLrModel, 'bounds'>;
  if (s.method === 'logistic') {
    const fit = fitLogistic(f, label, s.logisticC);
    if (!(fit.slope > 0)) throw new LrFitError(`the logistic calibration found no evidence that closer pairs are more often Hp (slope ${fit.slope.toPrecision(3)}): these scores do not discriminate`);
    partial = { method: 'logistic', offset, logistic: { intercept: fit.intercept, slope: fit.slope }, pav: null };
  } else {
    const prior = nHp / n;
    const fit = fitIsotonic(f, label, [prior, 1 - prior]);
    partial = { method: 'pav', offset, logistic: null, pav: { x: [...fit.x], y: [...fit.y] } };
  }
  return { ...partial, bounds: elubBounds(rawLlrs(partial, f), label, s.elub) };
}

/** The bounded log10 LR of a distance under a model. O(1) logistic, O(m) PAV (use scoreLlrs for many). */
export function scoreLlr(model: ScoreLrModel, distance: number): number {
  return scoreLlrs(model, [distance])[0];
}

/** Bounded log10 LRs of many distances. O(n log m). */
export function scoreLlrs(model: ScoreLrModel, distances: ArrayLike<number>): Float64Array {
  const out = rawLlrs(model, Float64Array.from(distances, (d) => featureOf(d, model.offset)));
  for (let i = 0; i < out.length; i++) out[i] = bound(out[i], model.bounds);
  return out;
}
