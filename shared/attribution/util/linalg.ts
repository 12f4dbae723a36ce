/**
 * Small dense linear algebra for the route classifiers: symmetric positive-definite solves by Cholesky
 * (Golub & Van Loan, Matrix Computations, §4.2). Matrices are row-major Float64Arrays; p is the number of
 * compounds (10–60), so O(p³) is negligible beside reading the data.
 */

/** Raised when a matrix that must be positive definite is not (after the allowed jitter). */
export class NotPositiveDefiniteError extends Error {
  override name = 'NotPositiveDefiniteError';
}

/**
 * Lower Cholesky factor L (row-major p×p, L·Lᵀ = a) of a symmetric positive-definite matrix; `a` is not modified.
 * Throws NotPositiveDefiniteError on a non-positive pivot. O(p³/3).
 */
export function cholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    if (!(d > 0)) throw new NotPositiveDefiniteError(`pivot ${j} is ${d}`);
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b in place for each of the m columns of the row-major p×m `b`. O(p²m). */
export function choleskySolveInPlace(l: Float64Array, p: number, b: Float64Array, m: number): void {
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < p; i++) {
      let s = b[i * m + c];
      for (let k = 0; k < i; k++) s -= l[i * p + k] * b[k * m + c];
      b[i * m + c] = s / l[i * p + i];
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = b[i * m + c];
      for (let k = i + 1; k < p; k++) s -= l[k * p + i] * b[k * m + c];
      b[i * m + c] = s / l[i * p + i];
    }
  }
}

/**
 * Cholesky factor of a symmetric positive (semi)definite `a` (p×p); a singular `a` (a compound never detected with
 * zero shrinkage) gets a ridge of 1e-10 × mean diagonal, then ×10 until the factorisation succeeds. Returns the
 * factor and the ridge used (0 normally). O(p³).
 */
export function choleskyWithRidge(a: Float64Array, p: number): { l: Float64Array; ridge: number } {
  let trace = 0;
  for (let i = 0; i < p; i++) trace += a[i * p + i];
  const scale = trace > 0 ? trace / p : 1;
  let ridge = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    const work = Float64Array.from(a);
    if (ridge > 0) for (let i = 0; i < p; i++) work[i * p + i] += ridge;
    try {
      return { l: cholesky(work, p), ridge };
    } catch (e) {
      if (!(e instanceof NotPositiveDefiniteError)) throw e;
      ridge = ridge === 0 ? 1e-10 * scale : ridge * 10;
    }
  }
  throw new NotPositiveDefiniteError('the pooled covariance stays singular even with a ridge of 0.1 × its mean variance');
}

/** Solves a·x = b for symmetric positive (semi)definite `a` (p×p) and row-major p×m `b`, ridged as choleskyWithRidge. O(p³ + p²m). */
export function solveSymmetric(a: Float64Array, p: number, b: Float64Array, m: number): { x: Float64Array; ridge: number } {
  const { l, ridge } = choleskyWithRidge(a, p);
  const x = Float64Array.from(b);
  choleskySolveInPlace(l, p, x, m);
  return { x, ridge };
}

/** Forward substitution: overwrites v (length p, at offset o) with L⁻¹·v for a lower Cholesky factor L. O(p²). */
export function forwardSolveInPlace(l: Float64Array, p: number, v: Float64Array, o = 0): void {
  for (let i = 0; i < p; i++) {
    let s = v[o + i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * v[o + k];
    v[o + i] = s / l[i * p + i];
  }
}
