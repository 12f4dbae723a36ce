/**
 * Cross-validation of a score → LR calibration grouped by the unit that pairs share (seizure, or source when it is
 * known): every group of samples goes to one of k folds (seeded), and a pair whose samples lie in folds f and g is
 * given its LR by a model fitted only on pairs with neither sample in f or g. So no pair's group is ever in both the
 * fitting and the validation data, and every pair is validated once (k + k(k − 1)/2 fits). The LRs it returns are
 * the held-out LRs from which every performance figure is computed (Meuwly, Ramos & Haraksim 2017; LiR's
 * cross-validation by source).
 */
import { mulberry32 } from '../profiling/util/rng';
import { LrFitError, fitScoreLr, scoreLlrs, type ScoreLrModel, type ScoreLrSettings } from './score-lr';
import { throwIfAborted } from '../profiling/util/abort';

export interface CvSettings {
  /** Folds; default 5 (fewer when there are fewer groups; callers use defaultFolds for one per group up to 20). */
  readonly folds: number;
  /** Seed of the group → fold assignment; default 1. */
  readonly seed: number;
}

export const CV_DEFAULTS: CvSettings = { folds: 5, seed: 1 };

/** Most groups for which the default is one fold per group (leave one group out); also the most folds asked for. */
export const LEAVE_ONE_OUT_MAX_GROUPS = 20;

/**
 * The default folds for `groups` groups: one per group up to LEAVE_ONE_OUT_MAX_GROUPS (leave one group out), else
 * CV_DEFAULTS.folds. With few groups five folds fit each pair of folds on 60 % of them (10 sources: 6, so 15 pairs
 * of sources), too few to hold two sources that look alike, and the held-out figures then judge a system poorer than
 * the one fitted on all; leaving one group out fits on all but two. Chosen on development collections (10 sources,
 * the accuracy grid's six conditions, seeds 100–300, not the grid's): the source-level calibration loss fell or held
 * on 17 of 18 and the group LR's on 18 of 18 (docs/PROFILING.md).
 */
export function defaultFolds(groups: number): number {
  return groups <= LEAVE_ONE_OUT_MAX_GROUPS ? Math.max(groups, 1) : CV_DEFAULTS.folds;
}

/** Fewest groups a grouped cross-validation needs: a pair across two folds is fitted on a third. */
export const MIN_CV_GROUPS = 3;

/** A fold per group code (0…groups−1), balanced by a seeded shuffle; folds = min(settings.folds, groups). */
export function assignFolds(groups: number, settings: Partial<CvSettings> = {}): { folds: number; foldOfGroup: Uint8Array } {
  const { folds, seed } = { ...CV_DEFAULTS, ...settings };
  const k = Math.min(folds, groups);
  const order = Array.from({ length: groups }, (_, i) => i);
  const rng = mulberry32(seed);
  for (let i = groups - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const foldOfGroup = new Uint8Array(groups);
  order.forEach((g, r) => (foldOfGroup[g] = r % k));
  return { folds: k, foldOfGroup };
}

export interface HeldOut {
  /** Held-out log10 LR per pair; NaN where no model could be fitted (its training pairs lacked a proposition). */
  readonly llr: Float64Array;
  readonly folds: number;
  /** Models fitted (k + k(k − 1)/2 at most). */
  readonly fits: number;
}

/**
 * Held-out LRs of pairs (distance, label 1 = Hp / 0 = Hd, the folds of their two samples). O(F · n log n) for
 * F = k(k + 1)/2 fits; checks `signal` between fits.
 */
export function heldOutLlrs(
  distance: Float64Array,
  label: Uint8Array,
  foldA: Uint8Array,
  foldB: Uint8Array,
  folds: number,
  settings: Partial<ScoreLrSettings> = {},
  signal?: AbortSignal,
): HeldOut {
  const n = distance.length;
  const llr = new Float64Array(n).fill(NaN);
  let fits = 0;
  if (folds < MIN_CV_GROUPS) return { llr, folds, fits };
  const inFold = (a: number, b: number, f: number, g: number): boolean => (a === f && b === g) || (a === g && b === f);
  for (let f = 0; f < folds; f++) {
    for (let g = f; g < folds; g++) {
      throwIfAborted(signal);
      // Two passes: count, then fill typed arrays (no growing arrays of boxed numbers).
      let nTest = 0;
      let nTrain = 0;
      for (let i = 0; i < n; i++) {
        const a = foldA[i];
        const b = foldB[i];
        if (inFold(a, b, f, g)) nTest++;
        else if (a !== f && a !== g && b !== f && b !== g) nTrain++;
      }
      if (nTest === 0) continue;
      const test = new Uint32Array(nTest);
      const testD = new Float64Array(nTest);
      const trainD = new Float64Array(nTrain);
      const trainL = new Uint8Array(nTrain);
      let t = 0;
      let r = 0;
      for (let i = 0; i < n; i++) {
        const a = foldA[i];
        const b = foldB[i];
        if (inFold(a, b, f, g)) {
          test[t] = i;
          testD[t++] = distance[i];
        } else if (a !== f && a !== g && b !== f && b !== g) {
          trainD[r] = distance[i];
          trainL[r++] = label[i];
        }
      }
      let model: ScoreLrModel;
      try {
        model = fitScoreLr(trainD, trainL, settings);
      } catch (e) {
        if (e instanceof LrFitError || e instanceof RangeError) continue;
        throw e;
      }
      fits++;
      const out = scoreLlrs(model, testD);
      for (let k = 0; k < nTest; k++) llr[test[k]] = out[k];
    }
  }
  return { llr, folds, fits };
}
