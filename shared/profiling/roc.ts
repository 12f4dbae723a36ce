/**
 * ROC analysis of linked vs unlinked pair distances (small distance = link), as sklearn.metrics.roc_curve /
 * roc_auc_score with y_score = −distance: tied distances form one ROC step, so AUC counts ties as half.
 */

/** ROC points; a pair is called linked when its distance ≤ threshold. */
export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Distance thresholds, ascending; the first (no pair linked) is min distance − 1, as sklearn 1.2 does. */
  readonly thresholds: Float64Array;
  readonly nLinked: number;
  readonly nUnlinked: number;
}

/** Cumulative linked (tp) and unlinked (fp) counts at each distinct distance, ascending. O((a+b) log(a+b)). */
function steps(linked: Float64Array, unlinked: Float64Array): { tp: Float64Array; fp: Float64Array; t: Float64Array } {
  const a = Float64Array.from(linked).sort();
  const b = Float64Array.from(unlinked).sort();
  if (Number.isNaN(a[a.length - 1]) || Number.isNaN(b[b.length - 1])) throw new RangeError('distances must not be NaN');
  const cap = a.length + b.length;
  const tp = new Float64Array(cap);
  const fp = new Float64Array(cap);
  const t = new Float64Array(cap);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    tp[k] = i;
    fp[k] = j;
    t[k] = v;
    k++;
  }
  return { tp: tp.subarray(0, k), fp: fp.subarray(0, k), t: t.subarray(0, k) };
}

/**
 * ROC curve of linked vs unlinked distances; `dropIntermediate` (default true, as sklearn) drops collinear
 * points that do not change the plotted curve. O((a+b) log(a+b)).
 */
export function rocCurve(linked: Float64Array, unlinked: Float64Array, options: { dropIntermediate?: boolean } = {}): RocCurve {
  if (linked.length === 0 || unlinked.length === 0) throw new RangeError('ROC needs at least one linked and one unlinked pair');
  const { tp, fp, t } = steps(linked, unlinked);
  let keep: number[];
  if ((options.dropIntermediate ?? true) && tp.length > 2) {
    keep = [0];
    for (let k = 1; k < tp.length - 1; k++) {
      if (fp[k + 1] - 2 * fp[k] + fp[k - 1] !== 0 || tp[k + 1] - 2 * tp[k] + tp[k - 1] !== 0) keep.push(k);
    }
    keep.push(tp.length - 1);
  } else {
    keep = Array.from({ length: tp.length }, (_, k) => k);
  }
  const m = keep.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  thresholds[0] = t[0] - 1;
  for (let q = 0; q < keep.length; q++) {
    fpr[q + 1] = fp[keep[q]] / unlinked.length;
    tpr[q + 1] = tp[keep[q]] / linked.length;
    thresholds[q + 1] = t[keep[q]];
  }
  return { fpr, tpr, thresholds, nLinked: linked.length, nUnlinked: unlinked.length };
}

/** Area under the ROC curve (trapezoid, ties as half, = sklearn roc_auc_score; 0.980 reported by Popovic et al.). */
export function rocAuc(linked: Float64Array, unlinked: Float64Array): number {
  if (linked.length === 0 || unlinked.length === 0) throw new RangeError('AUC needs at least one linked and one unlinked pair');
  const { tp, fp } = steps(linked, unlinked);
  let area = 0;
  let pt = 0;
  let pf = 0;
  for (let k = 0; k < tp.length; k++) {
    area += (fp[k] - pf) * (tp[k] + pt);
    pt = tp[k];
    pf = fp[k];
  }
  return area / (2 * linked.length * unlinked.length);
}

/** The link threshold chosen at an accepted false-positive rate, with the rates it achieves on the pairs. */
export interface ThresholdAtFpr {
  /** Largest observed distance whose FPR (share of unlinked pairs with distance ≤ it) is ≤ the accepted FPR. */
  readonly threshold: number;
  readonly acceptedFpr: number;
  readonly fpr: number;
  readonly tpr: number;
}

/** Default accepted false-positive rate: 2.5 % (Popovic et al., Australian methamphetamine). */
export const DEFAULT_ACCEPTED_FPR = 0.025;

/**
 * Threshold at the accepted FPR (default 2.5 %, Popovic et al.; 0.5 % in Carby-Robinson et al. 2021): the largest
 * distance keeping FPR ≤ accepted; min distance − 1 (nothing linked) when even the smallest distance exceeds it.
 */
export function thresholdAtFpr(linked: Float64Array, unlinked: Float64Array, acceptedFpr = DEFAULT_ACCEPTED_FPR): ThresholdAtFpr {
  if (linked.length === 0 || unlinked.length === 0) throw new RangeError('a threshold needs linked and unlinked pairs');
  if (!(acceptedFpr >= 0 && acceptedFpr <= 1)) throw new RangeError(`accepted FPR must be within [0, 1], got ${acceptedFpr}`);
  const { tp, fp, t } = steps(linked, unlinked);
  let best = -1;
  for (let k = 0; k < tp.length; k++) {
    if (fp[k] / unlinked.length <= acceptedFpr) best = k;
    else break;
  }
  if (best < 0) return { threshold: t[0] - 1, acceptedFpr, fpr: 0, tpr: 0 };
  return { threshold: t[best], acceptedFpr, fpr: fp[best] / unlinked.length, tpr: tp[best] / linked.length };
}
