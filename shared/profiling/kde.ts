/**
 * One-dimensional Gaussian kernel density estimate of a score distribution, as scipy.stats.gaussian_kde
 * (bandwidth = sd(ddof=1) × Scott's factor n^(−1/5) by default).
 */

export interface GaussianKde {
  /** The sample the density is built on (a sorted copy). */
  readonly data: Float64Array;
  /** Kernel sd, in the units of the data. */
  readonly bandwidth: number;
  /** Bandwidth factor (scipy's kde.factor): Scott n^(−1/5), Silverman (3n/4)^(−1/5), or given. */
  readonly factor: number;
}

export type BandwidthRule = 'scott' | 'silverman' | number;

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Fits a Gaussian KDE (default Scott's rule, as scipy.stats.gaussian_kde; a number is used as the factor, like
 * scipy's bw_method scalar). When all values are equal the sd is 0 and the bandwidth is floored at
 * 1e-6 × max(1, |value|) instead of failing as scipy does. O(n).
 */
export function gaussianKde(data: Float64Array, rule: BandwidthRule = 'scott'): GaussianKde {
  const n = data.length;
  if (n === 0) throw new RangeError('a density needs at least one value');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += data[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (data[i] - mean) * (data[i] - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const factor = rule === 'scott' ? Math.pow(n, -1 / 5) : rule === 'silverman' ? Math.pow((n * 3) / 4, -1 / 5) : rule;
  if (!(factor > 0)) throw new RangeError(`bandwidth factor must be > 0, got ${factor}`);
  let bandwidth = sd * factor;
  if (!(bandwidth > 0)) bandwidth = 1e-6 * Math.max(1, Math.abs(mean));
  return { data: Float64Array.from(data).sort(), bandwidth, factor };
}

/** Index of the first sorted value ≥ x (binary search). O(log n). */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Kernels further than this (in log units) below the largest one change the sum by < 1e-17 relative. */
const NEGLIGIBLE = -40;

/**
 * Natural log of the density at x, by log-sum-exp over the kernels that matter: the data are sorted, so terms fall
 * off monotonically on each side of x and the sum stops at the first negligible one; far tails stay finite.
 * O(log n + kernels within reach).
 */
export function kdeLogDensity(kde: GaussianKde, x: number): number {
  const { data, bandwidth } = kde;
  const n = data.length;
  const inv = 1 / bandwidth;
  const right = lowerBound(data, x);
  const left = right - 1;
  let nearest = Infinity;
  if (right < n) nearest = data[right] - x;
  if (left >= 0 && x - data[left] < nearest) nearest = x - data[left];
  const maxE = -0.5 * (nearest * inv) * (nearest * inv);
  let s = 0;
  for (let i = right; i < n; i++) {
    const u = (data[i] - x) * inv;
    const e = -0.5 * u * u - maxE;
    if (e < NEGLIGIBLE) break;
    s += Math.exp(e);
  }
  for (let i = left; i >= 0; i--) {
    const u = (x - data[i]) * inv;
    const e = -0.5 * u * u - maxE;
    if (e < NEGLIGIBLE) break;
    s += Math.exp(e);
  }
  return maxE + Math.log(s) - Math.log(n * bandwidth) - LOG_SQRT_2PI;
}

/** Density at x (per unit of the data); 0 where it underflows, as scipy. O(log n + kernels within reach). */
export function kdeDensity(kde: GaussianKde, x: number): number {
  return Math.exp(kdeLogDensity(kde, x));
}

/** Densities at each point of `xs` (e.g. a plotting grid). O(n·m). */
export function kdeEvaluate(kde: GaussianKde, xs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(xs.length);
  for (let k = 0; k < xs.length; k++) out[k] = kdeDensity(kde, xs[k]);
  return out;
}
