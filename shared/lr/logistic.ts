/**
 * Logistic-regression calibration of a score (LiR's LogitCalibrator): sklearn's LogisticRegression with
 * class_weight='balanced' and its default L2 penalty on the slope (C = 1, intercept not penalised), so that the
 * fitted log-odds are log likelihood ratios (equal effective priors) and a perfectly separated training set still
 * gives a finite slope. Solved here by Newton's method with a backtracking line search on the two coefficients,
 * to the optimum sklearn's solvers approach (the golden test compares with sklearn's newton-cholesky). Two
 * parameters need no library.
 */

export interface LogisticFit {
  /** ln LR = intercept + slope · feature. */
  readonly intercept: number;
  readonly slope: number;
  /** Newton iterations used. */
  readonly iterations: number;
}

/** Inverse L2 strength, sklearn's default C = 1 (LiR keeps it). */
export const DEFAULT_LOGISTIC_C = 1;

/** ln(1 + e^η) without overflow. */
const softplus = (eta: number): number => (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta)));
const sigmoid = (eta: number): number => (eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta)));

/**
 * Fits ln LR = a + b·x to labels (1 = same source, 0 = different) with balanced class weights n/(2·n_class) and
 * penalty b²/(2C) (C default 1). Needs both labels. O(n) per iteration, typically < 30 iterations.
 */
export function fitLogistic(feature: ArrayLike<number>, label: ArrayLike<number>, c = DEFAULT_LOGISTIC_C): LogisticFit {
  const n = feature.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += label[i] === 1 ? 1 : 0;
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) throw new RangeError('logistic calibration needs scores of both propositions');
  const w1 = (c * n) / (2 * n1);
  const w0 = (c * n) / (2 * n0);
  const objective = (a: number, b: number): number => {
    let f = 0.5 * b * b;
    for (let i = 0; i < n; i++) {
      const eta = a + b * feature[i];
      f += label[i] === 1 ? w1 * softplus(-eta) : w0 * softplus(eta);
    }
    return f;
  };
  let a = 0;
  let b = 0;
  let f = objective(a, b);
  let it = 0;
  for (; it < 200; it++) {
    let ga = 0;
    let gb = b;
    let haa = 0;
    let hab = 0;
    let hbb = 1;
    for (let i = 0; i < n; i++) {
      const x = feature[i];
      const s = sigmoid(a + b * x);
      const w = label[i] === 1 ? w1 : w0;
      const r = w * (s - (label[i] === 1 ? 1 : 0));
      const h = w * s * (1 - s);
      ga += r;
      gb += r * x;
      haa += h;
      hab += h * x;
      hbb += h * x * x;
    }
    const det = haa * hbb - hab * hab;
    // A singular Hessian (every weight saturated) falls back to a gradient step.
    let da = det > 0 ? (hbb * ga - hab * gb) / det : ga;
    let db = det > 0 ? (haa * gb - hab * ga) / det : gb;
    const decrement = ga * da + gb * db;
    if (!(decrement > 1e-24 * Math.max(1, Math.abs(f)))) break;
    let step = 1;
    let next = objective(a - da, b - db);
    while (next > f - 1e-4 * step * decrement && step > 1e-12) {
      step /= 2;
      next = objective(a - step * da, b - step * db);
    }
    da *= step;
    db *= step;
    a -= da;
    b -= db;
    const improved = f - next;
    f = next;
    if (improved <= 1e-16 * Math.max(1, Math.abs(f)) && Math.abs(da) + Math.abs(db) <= 1e-15 * (1 + Math.abs(a) + Math.abs(b))) break;
  }
  return { intercept: a, slope: b, iterations: it };
}
