/**
 * Principal component analysis of pretreated signatures, for a view of the whole data set. Matches
 * sklearn.decomposition.PCA (full SVD) up to rounding: eigen-decomposition of the covariance (p×p, Jacobi), with
 * sklearn's sign convention.
 */
import type { SignatureMatrix } from './signature-matrix';
import { jacobiEigen } from './util/jacobi-eigen';

export interface PcaResult {
  readonly nComponents: number;
  /** Row-major n×k sample scores (sklearn `transform`). */
  readonly scores: Float64Array;
  /** Row-major k×p loadings, one row per component (sklearn `components_`). */
  readonly loadings: Float64Array;
  /** Variance of each component (ddof = 1). */
  readonly explainedVariance: Float64Array;
  /** Share of the total variance per component. */
  readonly explainedVarianceRatio: Float64Array;
  /** Per-compound mean removed before the decomposition. */
  readonly mean: Float64Array;
}

export interface PcaOptions {
  /** Components kept; default min(n, p), as sklearn. */
  readonly nComponents?: number;
  /**
   * Sign rule: 'scores' (default) makes each component's largest-|score| sample positive (sklearn ≤ 1.4,
   * svd_flip(u_based_decision=True)); 'loadings' makes the largest-|loading| compound positive (sklearn ≥ 1.5).
   */
  readonly signConvention?: 'scores' | 'loadings';
}

/**
 * PCA of a (pretreated) matrix: centred per compound, covariance eigen-decomposition, sklearn sign convention.
 * O(n·p² + p³) time; allocates the n×k scores, the centred copy and p×p work arrays.
 */
export function pca(matrix: SignatureMatrix, options: PcaOptions = {}): PcaResult {
  const n = matrix.sampleIds.length;
  const p = matrix.compounds.length;
  if (n < 2) throw new RangeError('PCA needs at least 2 samples');
  const k = Math.min(options.nComponents ?? Math.min(n, p), Math.min(n, p));
  const x = Float64Array.from(matrix.values);
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let c = 0; c < p; c++) mean[c] += x[i * p + c];
  for (let c = 0; c < p; c++) mean[c] /= n;
  for (let i = 0; i < n; i++) for (let c = 0; c < p; c++) x[i * p + c] -= mean[c];
  const cov = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let a = 0; a < p; a++) {
      const xa = x[o + a];
      if (xa === 0) continue;
      for (let b = a; b < p; b++) cov[a * p + b] += xa * x[o + b];
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      cov[a * p + b] /= n - 1;
      cov[b * p + a] = cov[a * p + b];
    }
  }
  const { values, vectors } = jacobiEigen(cov, p);
  let total = 0;
  for (let c = 0; c < p; c++) total += Math.max(values[c], 0);
  const scores = new Float64Array(n * k);
  const loadings = new Float64Array(k * p);
  const explainedVariance = new Float64Array(k);
  const explainedVarianceRatio = new Float64Array(k);
  const convention = options.signConvention ?? 'scores';
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < p; j++) loadings[c * p + j] = vectors[j * p + c];
    let best = 0;
    let bestSign = 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += x[i * p + j] * loadings[c * p + j];
      scores[i * k + c] = s;
      if (convention === 'scores' && Math.abs(s) > best) {
        best = Math.abs(s);
        bestSign = s < 0 ? -1 : 1;
      }
    }
    if (convention === 'loadings') {
      for (let j = 0; j < p; j++) {
        const l = loadings[c * p + j];
        if (Math.abs(l) > best) {
          best = Math.abs(l);
          bestSign = l < 0 ? -1 : 1;
        }
      }
    }
    if (bestSign < 0) {
      for (let j = 0; j < p; j++) loadings[c * p + j] = -loadings[c * p + j];
      for (let i = 0; i < n; i++) scores[i * k + c] = -scores[i * k + c];
    }
    explainedVariance[c] = Math.max(values[c], 0);
    explainedVarianceRatio[c] = total > 0 ? explainedVariance[c] / total : 0;
  }
  return { nComponents: k, scores, loadings, explainedVariance, explainedVarianceRatio, mean };
}
