/**
 * Pool-adjacent-violators (isotonic regression, increasing) of 0/1 labels on a score, with sample weights, as
 * sklearn.isotonic.IsotonicRegression(out_of_bounds='clip') fits and predicts it: points sorted by score, equal scores
 * (closer than 1e-15, numpy's float64 resolution) pooled into one weighted point, blocks pooled while they decrease,
 * redundant points dropped, and predictions interpolated linearly between the points kept, clipped at the ends.
 * Used for Cllr_min (Brümmer & du Preez 2006) and as the PAV score → LR calibration (LiR's IsotonicCalibrator).
 * Written by hand: no maintained JavaScript isotonic-regression package offers weights, tie pooling and sklearn's
 * interpolation together, and the golden test holds this to sklearn to 1e-12.
 */

/** A fitted increasing step-and-ramp function: `x` ascending, `y` non-decreasing in [0, 1]. */
export interface IsotonicFit {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** numpy's float64 resolution, below which sklearn's _make_unique treats two scores as one. */
const RESOLUTION = 1e-15;

/** Sorted copy of the scores of one label. */
function sortedOf(score: ArrayLike<number>, label: ArrayLike<number>, want: number): Float64Array {
  let k = 0;
  for (let i = 0; i < score.length; i++) if (label[i] === want) k++;
  const out = new Float64Array(k);
  k = 0;
  for (let i = 0; i < score.length; i++) if (label[i] === want) out[k++] = score[i];
  return out.sort();
}

/**
 * Points pooled by equal score (ascending), before PAV: score, weighted mean label, total weight. The weight of a
 * point depends on its label only (w0, w1), so each label's scores are sorted natively and merged, ties label 0
 * first as sklearn's np.lexsort((y, X)) orders them. O(n log n).
 */
function uniquePoints(score: ArrayLike<number>, label: ArrayLike<number>, w0: number, w1: number): { x: number[]; y: number[]; w: number[] } {
  const zeros = w0 > 0 ? sortedOf(score, label, 0) : new Float64Array(0);
  const ones = w1 > 0 ? sortedOf(score, label, 1) : new Float64Array(0);
  const x: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  let cx = NaN;
  let sw = 0;
  let swy = 0;
  let a = 0;
  let b = 0;
  while (a < zeros.length || b < ones.length) {
    const takeZero = b >= ones.length || (a < zeros.length && zeros[a] <= ones[b]);
    const v = takeZero ? zeros[a++] : ones[b++];
    if (x.length === 0 || v - cx >= RESOLUTION) {
      if (x.length > 0) {
        y[y.length - 1] = swy / sw;
        w[w.length - 1] = sw;
      }
      cx = v;
      x.push(v);
      y.push(0);
      w.push(0);
      sw = 0;
      swy = 0;
    }
    if (takeZero) sw += w0;
    else {
      sw += w1;
      swy += w1;
    }
  }
  if (x.length > 0) {
    y[y.length - 1] = swy / sw;
    w[w.length - 1] = sw;
  }
  return { x, y, w };
}

/** Weighted PAV on values already in score order; returns the fitted value of each point. O(n). */
export function pavValues(y: readonly number[], w: readonly number[]): Float64Array {
  const n = y.length;
  const value: number[] = [];
  const weight: number[] = [];
  const count: number[] = [];
  for (let i = 0; i < n; i++) {
    let v = y[i];
    let sw = w[i];
    let c = 1;
    while (value.length > 0 && value[value.length - 1] >= v) {
      const pw = weight.pop()!;
      const pv = value.pop()!;
      c += count.pop()!;
      v = (pv * pw + v * sw) / (pw + sw);
      sw += pw;
    }
    value.push(v);
    weight.push(sw);
    count.push(c);
  }
  const out = new Float64Array(n);
  let k = 0;
  for (let b = 0; b < value.length; b++) for (let c = 0; c < count[b]; c++) out[k++] = value[b];
  return out;
}

/**
 * Fits the increasing isotonic regression of `label` (0/1) on `score`, each point weighted by its label's weight
 * (default 1 and 1), keeping only the points sklearn keeps for prediction. O(n log n).
 */
export function fitIsotonic(score: ArrayLike<number>, label: ArrayLike<number>, weights: readonly [number, number] = [1, 1]): IsotonicFit {
  if (label.length !== score.length) throw new RangeError('scores and labels must have one entry per point');
  const u = uniquePoints(score, label, weights[0], weights[1]);
  if (u.x.length === 0) throw new RangeError('isotonic regression needs at least one point with positive weight');
  const fitted = pavValues(u.y, u.w);
  const m = fitted.length;
  const keepX: number[] = [];
  const keepY: number[] = [];
  for (let i = 0; i < m; i++) {
    const interior = i > 0 && i < m - 1;
    if (!interior || fitted[i] !== fitted[i - 1] || fitted[i] !== fitted[i + 1]) {
      keepX.push(u.x[i]);
      keepY.push(fitted[i]);
    }
  }
  return { x: Float64Array.from(keepX), y: Float64Array.from(keepY) };
}

/**
 * The fitted function at `t`, as sklearn predicts it: `t` clipped to [x_0, x_last], then scipy's linear interp1d
 * (the interval found by a left-sided search, so a score equal to a kept point is interpolated from the interval
 * ending there). O(log m).
 */
export function isotonicAt(fit: IsotonicFit, t: number): number {
  const { x, y } = fit;
  const m = x.length;
  if (m === 1) return y[0];
  const c = t < x[0] ? x[0] : t > x[m - 1] ? x[m - 1] : t;
  // First index with x[i] >= c (numpy.searchsorted, side left), kept within [1, m − 1].
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  const i = Math.min(Math.max(lo, 1), m - 1);
  const slope = (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
  return slope * (c - x[i - 1]) + y[i - 1];
}
