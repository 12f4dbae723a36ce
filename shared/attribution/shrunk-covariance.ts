/**
 * Covariance estimates for linear discriminant analysis when compounds approach or outnumber reference samples:
 * the empirical covariance shrunk towards a scaled identity, with a fixed intensity or the Ledoit–Wolf intensity
 * (Ledoit & Wolf 2004, J Multivariate Anal 88). Written to equal scikit-learn's `_cov` (LinearDiscriminantAnalysis,
 * shrinkage float or 'auto', sklearn 1.2), which standardises each compound before Ledoit–Wolf.
 */

/**
 * Shrinkage intensity in [0, 1]; 'auto': Ledoit–Wolf per route on standardised compounds (sklearn's 'auto');
 * 'pooled-ledoit-wolf': one Ledoit–Wolf intensity from the route-centred samples pooled, without standardising.
 */
export type Shrinkage = number | 'auto' | 'pooled-ledoit-wolf';

const EPS = 2.220446049250313e-16;

/** Mean per column of the rows `idx` of a row-major ·×p matrix. O(|idx|·p). */
export function columnMeans(x: Float64Array, p: number, idx: ArrayLike<number>): Float64Array {
  const m = new Float64Array(p);
  for (let r = 0; r < idx.length; r++) {
    const o = idx[r] * p;
    for (let c = 0; c < p; c++) m[c] += x[o + c];
  }
  for (let c = 0; c < p; c++) m[c] /= idx.length;
  return m;
}

/** Centred copy (row-major |idx|×p) of the chosen rows. O(|idx|·p). */
function centred(x: Float64Array, p: number, idx: ArrayLike<number>, mean: Float64Array): Float64Array {
  const n = idx.length;
  const z = new Float64Array(n * p);
  for (let r = 0; r < n; r++) for (let c = 0; c < p; c++) z[r * p + c] = x[idx[r] * p + c] - mean[c];
  return z;
}

/** Biased (ddof = 0) covariance of centred rows z (n×p). O(n·p²). */
function crossProduct(z: Float64Array, n: number, p: number): Float64Array {
  const s = new Float64Array(p * p);
  for (let r = 0; r < n; r++) {
    const o = r * p;
    for (let a = 0; a < p; a++) {
      const za = z[o + a];
      if (za === 0) continue;
      for (let b = a; b < p; b++) s[a * p + b] += za * z[o + b];
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      s[a * p + b] /= n;
      s[b * p + a] = s[a * p + b];
    }
  }
  return s;
}

/** (1 − s)·C + s·(trace C / p)·I, in place (sklearn shrunk_covariance). O(p²). */
function shrinkInPlace(c: Float64Array, p: number, s: number): void {
  let trace = 0;
  for (let i = 0; i < p; i++) trace += c[i * p + i];
  const mu = trace / p;
  for (let k = 0; k < p * p; k++) c[k] *= 1 - s;
  for (let i = 0; i < p; i++) c[i * p + i] += s * mu;
}

/** Ledoit–Wolf intensity for centred rows z (n×p), as sklearn's ledoit_wolf_shrinkage. O(n·p²). */
export function ledoitWolfIntensity(z: Float64Array, n: number, p: number): number {
  if (p === 1) return 0;
  const trace = new Float64Array(p);
  for (let r = 0; r < n; r++) for (let c = 0; c < p; c++) trace[c] += z[r * p + c] * z[r * p + c];
  let traceSum = 0;
  for (let c = 0; c < p; c++) {
    trace[c] /= n;
    traceSum += trace[c];
  }
  const mu = traceSum / p;
  // beta_ = Σ (X²ᵀX²), delta_ = Σ (XᵀX)² / n²: both from p×p cross products.
  let betaRaw = 0;
  let deltaRaw = 0;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s2 = 0;
      let s1 = 0;
      for (let r = 0; r < n; r++) {
        const za = z[r * p + a];
        const zb = z[r * p + b];
        s1 += za * zb;
        s2 += za * za * zb * zb;
      }
      const w = a === b ? 1 : 2;
      betaRaw += w * s2;
      deltaRaw += w * s1 * s1;
    }
  }
  deltaRaw /= n * n;
  let beta = (1 / (p * n)) * (betaRaw / n - deltaRaw);
  let delta = deltaRaw - 2 * mu * traceSum + p * mu * mu;
  delta /= p;
  beta = Math.min(beta, delta);
  return beta === 0 ? 0 : beta / delta;
}

/**
 * Shrunk covariance (p×p, ddof = 0) of the rows `idx`: fixed intensity s → (1 − s)·C + s·(tr C/p)·I; 'auto' →
 * Ledoit–Wolf on standardised compounds, rescaled (sklearn's LDA 'auto'). Returns the intensity used.
 * O(|idx|·p²).
 */
export function shrunkCovariance(x: Float64Array, p: number, idx: ArrayLike<number>, shrinkage: Shrinkage): { cov: Float64Array; intensity: number } {
  const n = idx.length;
  const mean = columnMeans(x, p, idx);
  const z = centred(x, p, idx, mean);
  if (shrinkage === 'pooled-ledoit-wolf') throw new RangeError('pooled Ledoit–Wolf is estimated over all routes: use pooledShrunkCovariance');
  if (shrinkage !== 'auto') {
    if (!(shrinkage >= 0 && shrinkage <= 1)) throw new RangeError(`shrinkage must be in [0, 1], got ${shrinkage}`);
    const cov = crossProduct(z, n, p);
    shrinkInPlace(cov, p, shrinkage);
    return { cov, intensity: shrinkage };
  }
  // StandardScaler: sd with ddof 0; a compound constant up to rounding keeps scale 1 (sklearn _is_constant_feature).
  const scale = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    let v = 0;
    for (let r = 0; r < n; r++) v += z[r * p + c] * z[r * p + c];
    v /= n;
    const bound = n * EPS * v + (n * mean[c] * EPS) ** 2;
    scale[c] = v <= bound ? 1 : Math.sqrt(v);
  }
  for (let r = 0; r < n; r++) for (let c = 0; c < p; c++) z[r * p + c] /= scale[c];
  // The scaled rows are centred already (a constant compound is 0 after centring).
  const intensity = ledoitWolfIntensity(z, n, p);
  const cov = crossProduct(z, n, p);
  shrinkInPlace(cov, p, intensity);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) cov[a * p + b] *= scale[a] * scale[b];
  return { cov, intensity };
}

/**
 * Pooled within-route covariance Σ_k w_k·S_k (S_k biased, weights summing to 1) shrunk with one Ledoit–Wolf
 * intensity estimated on all route-centred samples together, in the compounds' own units. Unlike sklearn's 'auto',
 * a compound absent from one route (constant there) does not get a variance of order 1 in that route, which would
 * drown exactly the route-specific markers. O(n·p²).
 */
export function pooledShrunkCovariance(x: Float64Array, p: number, groups: readonly ArrayLike<number>[], weights: ArrayLike<number>): { cov: Float64Array; intensity: number } {
  let n = 0;
  for (const g of groups) n += g.length;
  const stacked = new Float64Array(n * p);
  const cov = new Float64Array(p * p);
  let offset = 0;
  groups.forEach((idx, k) => {
    const z = centred(x, p, idx, columnMeans(x, p, idx));
    stacked.set(z, offset * p);
    offset += idx.length;
    const s = crossProduct(z, idx.length, p);
    for (let q = 0; q < p * p; q++) cov[q] += weights[k] * s[q];
  });
  const intensity = ledoitWolfIntensity(stacked, n, p);
  shrinkInPlace(cov, p, intensity);
  return { cov, intensity };
}
