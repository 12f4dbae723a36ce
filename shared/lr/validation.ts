/**
 * A validated score-based LR system, as Leegwater et al. 2024 ("From data to a validated score-based LR system")
 * and the LiR toolkit build one: the score → LR calibration (score-lr.ts) fitted on all pairs is the system in
 * use; its performance is that of the held-out LRs of a grouped cross-validation (grouped-cv.ts), never of the LRs
 * of the pairs it was fitted on. The figures kept: Cllr, Cllr_min, Cllr_cal, EER, rates of misleading evidence,
 * the LR ranges reached, and the Tippett and ECE curves (performance.ts).
 */
import { throwIfAborted } from '../profiling/util/abort';
import { heldOutLlrs, MIN_CV_GROUPS } from './grouped-cv';
import { cllr, cllrMin, ece, equalErrorRate, misleadingRates, pavLlrs, type MisleadingRates } from './performance';
import { fitScoreLr, type ScoreLrModel, type ScoreLrSettings } from './score-lr';

/** Prior log10 odds of the ECE curve: −3 … 3 by 0.1 (LiR's default range). */
export const ECE_PRIORS: readonly number[] = Array.from({ length: 61 }, (_, k) => (k - 30) / 10);

/** Probability levels of the Tippett quantiles kept: 0, 0.01, …, 1. */
export const TIPPETT_LEVELS: readonly number[] = Array.from({ length: 101 }, (_, k) => k / 100);

export interface LrPerformance {
  /** Comparisons validated (held-out LR known) per proposition. */
  readonly validated: { readonly hp: number; readonly hd: number };
  readonly cllr: number;
  readonly cllrMin: number;
  readonly cllrCal: number;
  readonly eer: number;
  readonly misleading: MisleadingRates;
  /** Smallest and largest held-out log10 LR per proposition. */
  readonly range: { readonly hp: [number, number]; readonly hd: [number, number] };
  /** Held-out log10 LR quantiles at TIPPETT_LEVELS per proposition (Tippett plot: share ≥ x is 1 − level). */
  readonly tippett: { readonly hp: number[]; readonly hd: number[] };
  /** ECE (bits) at ECE_PRIORS for the LRs, after PAV, and for the uninformative reference. */
  readonly ece: { readonly system: number[]; readonly pav: number[]; readonly reference: number[] };
}

/** Quantile (linear, numpy's default) of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The performance figures of held-out log10 LRs (NaN entries are the unvalidated ones, left out). O(n log n + n·61). */
export function lrPerformance(llr: Float64Array, label: Uint8Array): LrPerformance | null {
  const keep: number[] = [];
  for (let i = 0; i < llr.length; i++) if (!Number.isNaN(llr[i])) keep.push(i);
  const l = Float64Array.from(keep, (i) => llr[i]);
  const y = Uint8Array.from(keep, (i) => label[i]);
  const hp = Float64Array.from(l.filter((_, k) => y[k] === 1)).sort();
  const hd = Float64Array.from(l.filter((_, k) => y[k] === 0)).sort();
  if (hp.length === 0 || hd.length === 0) return null;
  const c = cllr(l, y);
  const m = cllrMin(l, y);
  const pav = pavLlrs(l, y);
  return {
    validated: { hp: hp.length, hd: hd.length },
    cllr: c,
    cllrMin: m,
    cllrCal: c - m,
    eer: equalErrorRate(l, y),
    misleading: misleadingRates(l, y),
    range: { hp: [hp[0], hp[hp.length - 1]], hd: [hd[0], hd[hd.length - 1]] },
    tippett: { hp: TIPPETT_LEVELS.map((q) => quantile(hp, q)), hd: TIPPETT_LEVELS.map((q) => quantile(hd, q)) },
    ece: { system: [...ece(l, y, ECE_PRIORS)], pav: [...ece(pav, y, ECE_PRIORS)], reference: [...ece(new Float64Array(l.length), y, ECE_PRIORS)] },
  };
}

export interface ValidatedLrSystem {
  /** Fitted on every comparison: the system in use. */
  readonly model: ScoreLrModel;
  /** Held-out log10 LR per comparison (NaN when it could not be validated). */
  readonly heldOut: Float64Array;
  readonly folds: number;
  readonly fits: number;
  /** Null when no comparison could be validated (fewer than MIN_CV_GROUPS groups, or folds without both propositions). */
  readonly performance: LrPerformance | null;
}

/**
 * Fits the system on all comparisons and validates it by grouped cross-validation (folds of each comparison's two
 * groups given). O(F · n log n) for F = folds(folds + 1)/2 fits.
 */
export function validateLrSystem(
  distance: Float64Array,
  label: Uint8Array,
  foldA: Uint8Array,
  foldB: Uint8Array,
  folds: number,
  settings: Partial<ScoreLrSettings> = {},
  signal?: AbortSignal,
): ValidatedLrSystem {
  const model = fitScoreLr(distance, label, settings);
  throwIfAborted(signal);
  const held = folds >= MIN_CV_GROUPS ? heldOutLlrs(distance, label, foldA, foldB, folds, settings, signal) : { llr: new Float64Array(distance.length).fill(NaN), folds, fits: 0 };
  return { model, heldOut: held.llr, folds: held.folds, fits: held.fits, performance: lrPerformance(held.llr, label) };
}
