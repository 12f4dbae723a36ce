/**
 * Calibration of a link threshold from pairs of known status: ROC, AUC and the threshold at an accepted
 * false-positive rate (2.5 %, Popovic et al.). There is no universal threshold: recalibrate per drug and method and
 * keep each calibration versioned (Esseiva et al. 2011; Morelato et al. 2015). Likelihood ratios are a system of
 * their own, fitted and validated apart (shared/lr).
 */
import { DEFAULT_ACCEPTED_FPR, rocAuc, rocCurve, thresholdAtFpr, type RocCurve } from './roc';
import { median } from './util/stats';

export { DEFAULT_ACCEPTED_FPR } from './roc';

/** Raised when a calibration lacks linked or unlinked pairs. */
export class InsufficientPairsError extends Error {
  constructor(
    readonly linked: number,
    readonly unlinked: number,
  ) {
    super(
      `Calibration needs linked and unlinked pairs but found ${linked} linked and ${unlinked} unlinked. ` +
        'Linked pairs come from several samples of one seizure; unlinked pairs from samples of different cases.',
    );
    this.name = 'InsufficientPairsError';
  }
}

export interface DistanceSummary {
  readonly count: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export interface Calibration {
  readonly acceptedFpr: number;
  /** Link threshold: pairs at distance ≤ threshold are called linked. */
  readonly threshold: number;
  readonly fprAtThreshold: number;
  readonly tprAtThreshold: number;
  readonly auc: number;
  readonly roc: RocCurve;
  readonly linked: DistanceSummary;
  readonly unlinked: DistanceSummary;
}

export interface CalibrateOptions {
  /** Accepted false-positive rate; default 0.025 (Popovic et al.). */
  readonly acceptedFpr?: number;
}

function summary(x: Float64Array): DistanceSummary {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  return { count: x.length, min, median: median(x), max };
}

/**
 * Calibrates from linked and unlinked pair distances: ROC (sklearn-compatible), AUC, threshold at the accepted FPR
 * (default 2.5 %, Popovic et al.). O(m log m).
 */
export function calibrate(linked: Float64Array, unlinked: Float64Array, options: CalibrateOptions = {}): Calibration {
  if (linked.length === 0 || unlinked.length === 0) throw new InsufficientPairsError(linked.length, unlinked.length);
  const acceptedFpr = options.acceptedFpr ?? DEFAULT_ACCEPTED_FPR;
  const t = thresholdAtFpr(linked, unlinked, acceptedFpr);
  return {
    acceptedFpr,
    threshold: t.threshold,
    fprAtThreshold: t.fpr,
    tprAtThreshold: t.tpr,
    auc: rocAuc(linked, unlinked),
    roc: rocCurve(linked, unlinked),
    linked: summary(linked),
    unlinked: summary(unlinked),
  };
}
