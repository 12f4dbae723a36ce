/**
 * Oracle bounds for route attribution on the generated collections (generate.ts): how often could ANY method call a
 * new source's sample rightly, given the data the generator makes? The oracle is the Bayes classifier with the
 * generator's true parameters (the seeded route means, the spreads, the phenethyl-4-ANPP rule), which no method
 * trained on reference samples can beat in expectation (the Bayes rule minimises the expected error, e.g. Duda, Hart
 * & Stork 2001 §2.2–2.4; Hastie, Tibshirani & Friedman 2009 §2.4).
 *
 * The model of a new source's sample of route r, per compound c (generate.ts): log area x_c = μ_rc + source + seizure
 * + sample deviations, independent normals, so x ~ N(μ_r, diag(v_r)) with v_rc = sd_source² + sd_seizure² +
 * sd_sample² for a compound the route makes and sd_seizure² + sd_sample² for one it does not (ABSENT: no route offset,
 * no source deviation); Gupta is a mixture of two halves, with and without phenethyl-4-ANPP. The sample's areas are
 * exp(x) scaled to a random total: only the log-ratios of x reach the data, and the total carries nothing. So the
 * oracle uses the exact density of the log areas up to an additive constant, the density of the maximal invariant
 * under y → y + c·1 (Wijsman 1967; for normal data, the restricted likelihood of Patterson & Thompson 1971):
 *
 *   f_r(y mod 1) = ∫ N(y − c·1; μ_r, diag v_r) dc
 *                = (2π)^{−(p−1)/2} (Π v)^{−1/2} (Σ w)^{−1/2} exp(−½ [Σ w e² − (Σ w e)² / Σ w]),  w = 1/v, e = y − μ_r.
 *
 * Posteriors with equal route priors (as the workbench's LDA). It reads the areas before detection (trueAreas):
 * what is detected is a function of them, so the bound also holds for the censored data every method sees.
 */
import { ABSENT, DEFAULT_SD, FENTANYL_ROUTES, PHENETHYL_4_ANPP, type GenerateOptions } from './generate';

/** One normal component of a route's model of log areas. */
export interface OracleComponent {
  readonly weight: number;
  readonly mean: readonly number[];
  readonly variance: readonly number[];
}

/** A route's model of a new source's sample: a mixture (Gupta) or one component. */
export interface OracleRoute {
  readonly route: string;
  readonly components: readonly OracleComponent[];
}

/** Smallest area read (the generator rounds areas to 0.01: a trace rounded to 0 is read as half the step). */
const AREA_FLOOR = 0.005;

/**
 * The routes' models from the generator's route means (generateFentanylWithMeans) and the spreads of `options`
 * (the generator's defaults otherwise). O(routes · p).
 */
export function oracleRoutes(routeMeans: Readonly<Record<string, readonly number[]>>, options: GenerateOptions = {}): OracleRoute[] {
  const trace = (options.seizureSd ?? DEFAULT_SD.seizure) ** 2 + (options.sampleSd ?? DEFAULT_SD.sample) ** 2;
  const made = (options.sourceSd ?? DEFAULT_SD.source) ** 2 + trace;
  return FENTANYL_ROUTES.filter((r) => routeMeans[r] !== undefined).map((route) => {
    const mean = routeMeans[route];
    const variance = mean.map((m) => (m === ABSENT ? trace : made));
    if (route !== 'gupta') return { route, components: [{ weight: 1, mean, variance }] };
    const c = PHENETHYL_4_ANPP.column;
    const withIt = { weight: 0.5, mean: mean.map((m, k) => (k === c ? PHENETHYL_4_ANPP.mean : m)), variance: variance.map((v, k) => (k === c ? PHENETHYL_4_ANPP.sd ** 2 + trace : v)) };
    return { route, components: [{ weight: 0.5, mean, variance }, withIt] };
  });
}

/**
 * log f(y mod 1): the log density of the log areas `y` up to an additive constant under N(mean, diag(variance)),
 * integrated over the constant (module comment). O(p).
 */
export function shapeLogDensity(y: readonly number[], mean: readonly number[], variance: readonly number[]): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let logDet = 0;
  for (let c = 0; c < y.length; c++) {
    const w = 1 / variance[c];
    const e = y[c] - mean[c];
    s0 += w;
    s1 += w * e;
    s2 += w * e * e;
    logDet += Math.log(variance[c]);
  }
  return -0.5 * ((y.length - 1) * Math.log(2 * Math.PI) + logDet + Math.log(s0)) - 0.5 * (s2 - (s1 * s1) / s0);
}

/** Posterior probabilities of `models`' routes (equal priors) for one sample's areas. O(routes · p). */
export function oraclePosteriors(areas: readonly number[], models: readonly OracleRoute[]): number[] {
  const y = areas.map((a) => Math.log(Math.max(a, AREA_FLOOR)));
  const logs = models.map((m) => {
    const parts = m.components.map((k) => Math.log(k.weight) + shapeLogDensity(y, k.mean, k.variance));
    const top = Math.max(...parts);
    return top + Math.log(parts.reduce((a, b) => a + Math.exp(b - top), 0));
  });
  const top = Math.max(...logs);
  const ex = logs.map((l) => Math.exp(l - top));
  const sum = ex.reduce((a, b) => a + b, 0);
  return ex.map((e) => e / sum);
}

/** The oracle's call: the route of largest posterior (the Bayes rule at equal priors and 0–1 loss). */
export function oracleCall(areas: readonly number[], models: readonly OracleRoute[]): { route: string; probability: number } {
  const post = oraclePosteriors(areas, models);
  let best = 0;
  for (let k = 1; k < post.length; k++) if (post[k] > post[best]) best = k;
  return { route: models[best].route, probability: post[best] };
}
