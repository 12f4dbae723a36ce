/**
 * Contamination of the unlinked population. "Different case" is not "different source": a source supplies many cases,
 * so some unlinked pairs share a source (../shared/DOMAIN.md, pair populations), most in small collections, and a
 * threshold at 2.5 % FPR on them falls inside the same-source distribution.
 *
 * Estimate: a two-component mixture on log10 distances, fitted by EM (Dempster, Laird & Rubin 1977) to the
 * linked and unlinked pairs together, the linked pairs known to belong to the same-source component (weight 1) and
 * each unlinked pair to either. The same-source component keeps the linked pairs' spread and may only lie at or above
 * their mean: pairs of one source from different cases differ by more than pairs of one seizure (seizure and batch
 * variation), by a shift on the log scale rather than a wider spread (measured on the generator's collections: sd
 * 0.40–0.53 against 0.38–0.54 for the linked pairs, shifted by 0.4–0.6). Anchoring it so keeps it from swallowing the
 * closest pairs of different sources, or a mode of the different-source distribution when the unlinked pairs are
 * clean. The different-source component is a Student t whose degrees of freedom are estimated with its location and
 * scale (student-t.ts: ECME, Liu & Rubin 1995), so that it holds the heavy left tail that sources looking alike give
 * some collections without swallowing same-source pairs in the others. The same-source share of the unlinked pairs
 * is the mixture weight; each unlinked pair gets its posterior probability of a common source, from which the
 * false-positive rate is corrected: the share of *different-source* pairs within a threshold.
 *
 * A mixture is a model: where the two distributions overlap its posteriors are only as good as the components' shapes,
 * so the estimate is reported as such, and the automatic mode checks its choices on held-out pairs.
 */
import { ecmeDf, LEGACY_DF, logStudentT, logTNorm, type StudentTComponent } from './student-t';
import { mulberry32 } from './util/rng';

/** One component on log10 distance: location and scale (the sd of the Gaussian; the scale of the t). */
export interface LogNormalComponent {
  readonly mean: number;
  readonly sd: number;
}

/** What posteriors need: the fitted mixture (stored in calibration records). */
export interface ContaminationModel {
  /** Estimated share of unlinked pairs that come from a common source (0–1). */
  readonly share: number;
  /** Gaussian (sd) on log10 distance. */
  readonly sameSource: LogNormalComponent;
  /** Student t (location, scale, degrees of freedom) on log10 distance. */
  readonly differentSources: StudentTComponent;
  /** Distances at or below it are floored to it before the log (a distance of 0 has no logarithm). */
  readonly floor: number;
}

export interface ContaminationEstimate extends ContaminationModel {
  /** P(common source | distance) of each unlinked pair, aligned with the input. */
  readonly posterior: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface ContaminationOptions {
  /** Most EM iterations; default 500. */
  readonly maxIterations?: number;
  /** Convergence on the mean log-likelihood per pair; default 1e-9. */
  readonly tolerance?: number;
}

/** Smallest sd of a component, log10 units: a component cannot collapse onto one value. */
const MIN_SD = 0.01;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

const logPdf = (x: number, c: LogNormalComponent): number => {
  const z = (x - c.mean) / c.sd;
  return -0.5 * z * z - Math.log(c.sd) - LOG_SQRT_2PI;
};


function floorOf(linked: Float64Array, unlinked: Float64Array): number {
  let min = Infinity;
  for (const d of [linked, unlinked]) for (let k = 0; k < d.length; k++) if (d[k] > 0 && d[k] < min) min = d[k];
  return Number.isFinite(min) ? min / 2 : 1e-12;
}

function logs(d: Float64Array, floor: number): Float64Array {
  const x = new Float64Array(d.length);
  for (let k = 0; k < d.length; k++) x[k] = Math.log10(d[k] > floor ? d[k] : floor);
  return x;
}

/** Weighted mean and sd (floored at MIN_SD) of x with weights w, plus optional points of weight 1. */
function moments(x: Float64Array, w: Float64Array | null, fixed: Float64Array | null): LogNormalComponent {
  let s = 0;
  let sw = 0;
  for (let k = 0; k < x.length; k++) {
    const wk = w ? w[k] : 1;
    s += wk * x[k];
    sw += wk;
  }
  if (fixed) for (let k = 0; k < fixed.length; k++) s += fixed[k];
  const n = sw + (fixed?.length ?? 0);
  const mean = s / n;
  let v = 0;
  for (let k = 0; k < x.length; k++) v += (w ? w[k] : 1) * (x[k] - mean) ** 2;
  if (fixed) for (let k = 0; k < fixed.length; k++) v += (fixed[k] - mean) ** 2;
  return { mean, sd: Math.max(MIN_SD, Math.sqrt(v / n)) };
}

/**
 * Fits the mixture (see the module doc) to linked and unlinked pair distances. O(I·(a + b)) for I iterations (default
 * at most 500, tolerance 1e-9 on the mean log-likelihood).
 */
export function estimateContamination(linked: Float64Array, unlinked: Float64Array, options: ContaminationOptions = {}): ContaminationEstimate {
  if (linked.length === 0 || unlinked.length === 0) throw new RangeError('contamination needs linked and unlinked pairs');
  const floor = floorOf(linked, unlinked);
  const xl = logs(linked, floor);
  const xu = logs(unlinked, floor);
  const m = xu.length;
  const anchor = moments(xl, null, null);
  let same = anchor;
  const r = new Float64Array(m);
  // Start: unlinked pairs within the linked range lean to a common source.
  const cut = same.mean + 2 * same.sd;
  for (let k = 0; k < m; k++) r[k] = xu[k] <= cut ? 0.9 : 0.01;
  let share = 0;
  // ν starts at the value it was fixed at before it was estimated.
  let diff: StudentTComponent = { mean: 0, sd: 1, df: LEGACY_DF };
  let previous = -Infinity;
  let iterations = 0;
  let converged = false;
  const max = options.maxIterations ?? 500;
  const tol = options.tolerance ?? 1e-9;
  const inverse = new Float64Array(m);
  const u = new Float64Array(m);
  for (; iterations < max; iterations++) {
    // M-step: the weight is the unlinked pairs' share only; the linked pairs inform the same-source shape.
    let sr = 0;
    for (let k = 0; k < m; k++) sr += r[k];
    share = Math.min(1 - 1e-9, Math.max(1e-9, sr / m));
    same = { mean: Math.max(anchor.mean, moments(xu, r, xl).mean), sd: anchor.sd };
    // Student t by EM with latent scales u = (ν + 1)/(ν + z²) (Lange, Little & Taylor 1989), then ν by ECME given
    // the new location and scale (student-t.ts); the first step from moments.
    for (let k = 0; k < m; k++) inverse[k] = 1 - r[k];
    if (iterations === 0) diff = { ...moments(xu, inverse, null), df: diff.df };
    else {
      const nu = diff.df;
      let su = 0;
      let sx = 0;
      let sw = 0;
      for (let k = 0; k < m; k++) {
        const z = (xu[k] - diff.mean) / diff.sd;
        u[k] = (nu + 1) / (nu + z * z);
        su += inverse[k] * u[k];
        sx += inverse[k] * u[k] * xu[k];
        sw += inverse[k];
      }
      const mean = sx / su;
      let sv = 0;
      for (let k = 0; k < m; k++) sv += inverse[k] * u[k] * (xu[k] - mean) ** 2;
      const sd = Math.max(MIN_SD, Math.sqrt(sv / sw));
      diff = { mean, sd, df: ecmeDf(xu, inverse, mean, sd, nu) };
    }
    const tNorm = logTNorm(diff.df);
    // E-step, in logs so that far tails stay finite.
    let ll = 0;
    const ls = Math.log(share);
    const ld = Math.log(1 - share);
    for (let k = 0; k < m; k++) {
      const a = ls + logPdf(xu[k], same);
      const b = ld + logStudentT(xu[k], diff, tNorm);
      const top = Math.max(a, b);
      const norm = top + Math.log(Math.exp(a - top) + Math.exp(b - top));
      r[k] = Math.exp(a - norm);
      ll += norm;
    }
    for (let k = 0; k < xl.length; k++) ll += logPdf(xl[k], same);
    ll /= m + xl.length;
    if (Math.abs(ll - previous) < tol) {
      converged = true;
      iterations++;
      break;
    }
    previous = ll;
  }
  return { share, sameSource: same, differentSources: diff, posterior: r, floor, iterations, converged };
}

/** Whether a fit can correct rates: it converged, and its same-source component lies below the other. */
export function usableContamination(e: ContaminationEstimate): boolean {
  return e.converged && e.sameSource.mean < e.differentSources.mean;
}

/** Most unlinked pairs the mixture is fitted on by default (a seeded sample beyond; posteriors are given for all). */
export const MIXTURE_MAX_PAIRS = 20_000;

/**
 * The mixture fitted on at most `cap` unlinked pairs (a seeded uniform sample beyond; default 20,000), with the
 * posterior of every unlinked pair. O(I·(a + cap) + b).
 */
export function fitContamination(linked: Float64Array, unlinked: Float64Array, cap = MIXTURE_MAX_PAIRS, seed = 1): { estimate: ContaminationEstimate; posterior: Float64Array } {
  if (unlinked.length <= cap) {
    const estimate = estimateContamination(linked, unlinked);
    return { estimate, posterior: estimate.posterior };
  }
  const rng = mulberry32(seed);
  const sample = new Float64Array(cap);
  let taken = 0;
  for (let k = 0; k < unlinked.length && taken < cap; k++) if ((unlinked.length - k) * rng.next() < cap - taken) sample[taken++] = unlinked[k];
  const estimate = estimateContamination(linked, sample);
  return { estimate, posterior: Float64Array.from(unlinked, (d) => posteriorSameSource(estimate, d)) };
}

/** P(common source | distance d) under a fitted mixture. O(1). */
export function posteriorSameSource(e: ContaminationModel, d: number): number {
  const x = Math.log10(d > e.floor ? d : e.floor);
  const a = Math.log(e.share) + logPdf(x, e.sameSource);
  const b = Math.log(1 - e.share) + logStudentT(x, e.differentSources, logTNorm(e.differentSources.df));
  return 1 / (1 + Math.exp(b - a));
}

export interface CorrectedThreshold {
  /** Largest observed unlinked or linked distance whose corrected FPR does not exceed the accepted rate. */
  readonly threshold: number;
  /** Estimated share of different-source unlinked pairs at or below the threshold. */
  readonly fpr: number;
  /** Share of all unlinked pairs at or below it (the uncorrected rate). */
  readonly rawFpr: number;
  /** Share of linked pairs at or below it. */
  readonly tpr: number;
}

/**
 * The threshold at a contamination-corrected false-positive rate: the FPR counts unlinked pairs weighted by their
 * posterior probability of *different* sources, so that same-source pairs among them are not counted as false links.
 * When even the smallest distance exceeds the rate, min − 1 (nothing linked), as thresholdAtFpr does. O((a+b) log(a+b)).
 */
export function thresholdAtCorrectedFpr(linked: Float64Array, unlinked: Float64Array, posterior: Float64Array, acceptedFpr: number): CorrectedThreshold {
  const m = unlinked.length;
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) => unlinked[a] - unlinked[b]);
  let totalDiff = 0;
  for (let k = 0; k < m; k++) totalDiff += 1 - posterior[k];
  const sortedLinked = Float64Array.from(linked).sort();
  let best = -Infinity;
  let bestFpr = 0;
  let bestRaw = 0;
  let cum = 0;
  let k = 0;
  // Candidate thresholds: each distinct unlinked distance, and the linked distances between them.
  const candidates = Float64Array.from([...unlinked, ...linked]).sort();
  for (let c = 0; c < candidates.length; c++) {
    const t = candidates[c];
    if (c + 1 < candidates.length && candidates[c + 1] === t) continue;
    while (k < m && unlinked[order[k]] <= t) cum += 1 - posterior[order[k++]];
    const fpr = totalDiff > 0 ? cum / totalDiff : 0;
    if (fpr > acceptedFpr) break;
    best = t;
    bestFpr = fpr;
    bestRaw = k / m;
  }
  if (best === -Infinity) best = candidates[0] - 1;
  let tp = 0;
  while (tp < sortedLinked.length && sortedLinked[tp] <= best) tp++;
  return { threshold: best, fpr: bestFpr, rawFpr: bestRaw, tpr: tp / sortedLinked.length };
}
