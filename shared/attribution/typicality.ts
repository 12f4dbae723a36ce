/**
 * Typicality of a sample for each referenced route: the open-set test of route attribution (../shared/DOMAIN.md:
 * reference samples rarely cover every route in use; a sample unlike every referenced route must come out as "no
 * referenced route fits", not as the nearest one). The statistic is the squared Mahalanobis distance D² of the
 * pretreated signature to the route's mean under the pooled covariance of its sources' mean signatures, shrunk as
 * LDA's default (Ledoit & Wolf 2004, pooled on route-centred units; shrunk-covariance.ts), so that a compound the
 * referenced routes never show, or show in another proportion, weighs by how little their sources vary in it.
 *
 * The cut is not a chi-square quantile: reference samples come in sources (near-duplicates), routes vary between
 * sources more than a normal model of the pooled samples says, and the covariance is shrunk, so D² of a new source
 * is not χ²(p). It is the empirical quantile (numpy's default, linear interpolation) at level 1 − α of the D² that
 * held-out reference samples have to their own route when the model is fitted without their fold, folds grouped by
 * source: the distance a new source of a referenced route shows. α = 0.01 by default: about 1 sample in 100 of a
 * new source of a referenced route is expected beyond the cut (measured across sources in docs/ATTRIBUTION.md).
 */
import { columnMeans, pooledShrunkCovariance } from './shrunk-covariance';
import { sortedClasses } from './lda';
import { choleskyWithRidge, forwardSolveInPlace } from './util/linalg';

/** Default share of new-source samples of a referenced route allowed beyond the cut. */
export const DEFAULT_TYPICALITY_ALPHA = 0.01;

export interface TypicalityModel {
  /** Referenced routes, sorted (as the classifiers' classes). */
  readonly routes: readonly string[];
  readonly p: number;
  /** Lower Cholesky factor of the shrunk pooled covariance (row-major p×p). */
  readonly chol: Float64Array;
  /** Route means whitened by the factor (L⁻¹·μ_k), row-major routes × p. */
  readonly whitenedMeans: Float64Array;
  /** Ledoit–Wolf intensity used, and the ridge added to make the covariance invertible (0 normally). */
  readonly intensity: number;
  readonly ridge: number;
}

/**
 * Fits the model on the rows `rows` of a row-major ·×p matrix with their routes and sources (null: the sample is a
 * unit of its own). The unit is the source: each source's mean signature counts once, route means are the means of
 * their sources' means, and the covariance is the pooled covariance of source means around their route's mean
 * (Ledoit–Wolf shrunk). A new source differs from the known ones by between-source variation, not by the replicate
 * noise that many samples of one source would otherwise make the covariance of (their D² to their own route then
 * runs into the thousands and the cut loses all power). Routes weigh equally. O(n·p + u·p² + p³), u = sources.
 */
export function fitTypicality(x: Float64Array, p: number, rows: ArrayLike<number>, labels: readonly string[], sources: readonly (string | null)[] = []): TypicalityModel {
  if (rows.length !== labels.length) throw new RangeError('one route per training row');
  const routes = sortedClasses(labels);
  const g = routes.length;
  if (g === 0) throw new RangeError('typicality needs reference samples');
  // Source means, stacked in a matrix of their own.
  const unitOf = new Map<string, number>();
  const unitRoute: number[] = [];
  const counts: number[] = [];
  const sums: number[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const src = sources[r];
    const k = routes.indexOf(labels[r]);
    const key = src !== undefined && src !== null && src !== '' ? `${k}\u0000${src}` : `${k}\u0000#${r}`;
    let u = unitOf.get(key);
    if (u === undefined) {
      u = unitRoute.length;
      unitOf.set(key, u);
      unitRoute.push(k);
      counts.push(0);
      sums.push(new Array<number>(p).fill(0));
    }
    counts[u]++;
    const o = rows[r] * p;
    for (let c = 0; c < p; c++) sums[u][c] += x[o + c];
  }
  const units = unitRoute.length;
  const means = new Float64Array(units * p);
  for (let u = 0; u < units; u++) for (let c = 0; c < p; c++) means[u * p + c] = sums[u][c] / counts[u];
  const members: number[][] = routes.map(() => []);
  unitRoute.forEach((k, u) => members[k].push(u));
  const { cov, intensity } = pooledShrunkCovariance(means, p, members, new Float64Array(g).fill(1 / g));
  const { l, ridge } = choleskyWithRidge(cov, p);
  const whitenedMeans = new Float64Array(g * p);
  for (let k = 0; k < g; k++) {
    whitenedMeans.set(columnMeans(means, p, members[k]), k * p);
    forwardSolveInPlace(l, p, whitenedMeans, k * p);
  }
  return { routes, p, chol: l, whitenedMeans, intensity, ridge };
}

/** D² of the rows `queries` to every route of the model (row-major queries × routes). O(q·(p² + g·p)). */
export function typicalityD2(model: TypicalityModel, x: Float64Array, queries: ArrayLike<number>): Float64Array {
  const { p, chol, whitenedMeans } = model;
  const g = model.routes.length;
  const out = new Float64Array(queries.length * g);
  const z = new Float64Array(p);
  for (let q = 0; q < queries.length; q++) {
    z.set(x.subarray(queries[q] * p, queries[q] * p + p));
    forwardSolveInPlace(chol, p, z);
    for (let k = 0; k < g; k++) {
      let d = 0;
      for (let c = 0; c < p; c++) {
        const v = z[c] - whitenedMeans[k * p + c];
        d += v * v;
      }
      out[q * g + k] = d;
    }
  }
  return out;
}

/** Quantile at `level` (0 … 1) with linear interpolation between order statistics (numpy's default); NaN when empty. O(n log n). */
export function empiricalQuantile(values: ArrayLike<number>, level: number): number {
  const v = Array.from(values).filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const h = (v.length - 1) * Math.min(1, Math.max(0, level));
  const lo = Math.floor(h);
  return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
}

/**
 * D² of each training reference to its own route under a model fitted without its fold (`folds[t]`, grouped by
 * source): what a new source of a referenced route shows. NaN where the fold held every reference of the route.
 * `rows` and `labels` are the references' matrix rows and routes. O(k·(n·p² + p³)).
 */
export function heldOutD2(x: Float64Array, p: number, rows: Int32Array, labels: readonly string[], sources: readonly (string | null)[], folds: Int32Array, k: number): Float64Array {
  const out = new Float64Array(rows.length).fill(Number.NaN);
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let t = 0; t < rows.length; t++) (folds[t] === f ? test : train).push(t);
    if (test.length === 0 || train.length === 0) continue;
    const model = fitTypicality(x, p, train.map((t) => rows[t]), train.map((t) => labels[t]), train.map((t) => sources[t] ?? null));
    const d2 = typicalityD2(model, x, test.map((t) => rows[t]));
    const g = model.routes.length;
    test.forEach((t, q) => {
      const k2 = model.routes.indexOf(labels[t]);
      if (k2 >= 0) out[t] = d2[q * g + k2];
    });
  }
  return out;
}
