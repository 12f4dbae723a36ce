/**
 * The Student t of the contamination mixture's different-source component (contamination.ts), on log10 distance,
 * with its degrees of freedom estimated from the data rather than fixed.
 *
 * Why estimated: the t's tails decide how many of the closest unlinked pairs it takes from the same-source component.
 * With ν fixed at 4 they were too heavy for collections of many sources, where the different-source distances have
 * no long left tail: at 60 sources the t took same-source pairs and the contamination came out at half the truth
 * (1.0 % for 1.9 %; ν = 2 made it 0.3 %). ν is estimated by the ECME step of Liu & Rubin
 * (1995, Statistica Sinica 5:19–39), in its mixture form (McLachlan & Peel 2000, Finite Mixture Models, §7.8): given
 * the component's location and scale, ν maximises its log-likelihood weighted by each pair's posterior probability of
 * different sources, which increases the mixture's likelihood at every step. ν is kept within [DF_MIN, DF_MAX]: tails
 * no heavier than the t(4) used (and validated) before, up to a t that is a Gaussian for every purpose. The lower
 * bound is a limit found on data, and stated as such: left free down to the Cauchy, ν went to 1 on the bundled sample
 * data, whose sources have several production batches each (same-source pairs of different batches lie well above
 * the linked pairs, where the anchored same-source Gaussian cannot reach them): the Cauchy's tail took them, the
 * contamination fell from 10.8 % to 9.0 % against a true 12.3 %, and the classes split 2 seizures (none with ν = 4).
 * A tail heavier than the t(4) is a sign that the same-source side does not fit, which a heavier different-source
 * tail cannot mend.
 */
import { digamma, logGamma } from './util/special';

/** The component: location and scale on log10 distance, and the degrees of freedom. */
export interface StudentTComponent {
  readonly mean: number;
  /** Scale (not the sd: the sd is scale·√(ν/(ν−2)) for ν > 2). */
  readonly sd: number;
  readonly df: number;
}

/** Smallest ν: the t(4) of records made before ν was estimated (see the module doc). */
export const DF_MIN = 4;
/** Largest ν: beyond it the t and the Gaussian differ by less than the data can tell. */
export const DF_MAX = 200;
/** ν of records made before it was estimated (the fixed value of calibrations and class runs until then). */
export const LEGACY_DF = 4;

/** The last ν asked of logTNorm and its constant: callers evaluate one model's density over many pairs. */
let normDf = NaN;
let normValue = NaN;

/** log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ): the density's constant (the last ν's kept). O(1). */
export function logTNorm(df: number): number {
  if (df !== normDf) {
    normValue = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
    normDf = df;
  }
  return normValue;
}

/** log density of the t at x, given its constant `norm` = logTNorm(c.df). O(1). */
export function logStudentT(x: number, c: StudentTComponent, norm: number): number {
  const z = (x - c.mean) / c.sd;
  return norm - Math.log(c.sd) - ((c.df + 1) / 2) * Math.log1p((z * z) / c.df);
}

/**
 * d/dν of Σ w_k log t(x_k; mean, sd, ν), divided by Σ w_k: each term is
 * ½[ψ((ν+1)/2) − ψ(ν/2) − 1/ν − log(1 + z²/ν) + (ν+1)z²/(ν(ν + z²))]. O(n).
 */
function dfScore(z2: Float64Array, w: Float64Array, sw: number, df: number): number {
  let s = 0;
  for (let k = 0; k < z2.length; k++) s += w[k] * (((df + 1) * z2[k]) / (df * (df + z2[k])) - Math.log1p(z2[k] / df));
  return 0.5 * (digamma((df + 1) / 2) - digamma(df / 2) - 1 / df + s / sw);
}

/**
 * The ECME step for ν (see the module doc): the root of the weighted score in log ν on [DF_MIN, DF_MAX] (a bound when
 * the score keeps one sign), by the Illinois variant of regula falsi, started from a bracket around `start` (the
 * previous ν) and widened to the bounds when it does not hold the root; to 1e-12 in log ν. O(n) per score evaluation,
 * a handful of evaluations once the EM settles.
 */
export function ecmeDf(x: Float64Array, w: Float64Array, mean: number, sd: number, start: number): number {
  const z2 = new Float64Array(x.length);
  let sw = 0;
  for (let k = 0; k < x.length; k++) {
    z2[k] = ((x[k] - mean) / sd) ** 2;
    sw += w[k];
  }
  const f = (t: number) => dfScore(z2, w, sw, Math.exp(t));
  const [lo0, hi0] = [Math.log(DF_MIN), Math.log(DF_MAX)];
  const s0 = Math.min(hi0, Math.max(lo0, Math.log(start)));
  let [a, b] = [Math.max(lo0, s0 - 0.5), Math.min(hi0, s0 + 0.5)];
  let [fa, fb] = [f(a), f(b)];
  if (fa < 0) [a, fa] = [lo0, f(lo0)];
  if (fb > 0) [b, fb] = [hi0, f(hi0)];
  // The log-likelihood falls from ν = DF_MIN on, or still rises at DF_MAX: the bound is the maximum.
  if (fa <= 0) return DF_MIN;
  if (fb >= 0) return DF_MAX;
  let side = 0;
  for (let i = 0; i < 200 && b - a > 1e-12; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (fc === 0) return Math.exp(c);
    if (fc > 0) {
      [a, fa] = [c, fc];
      if (side === 1) fb /= 2;
      side = 1;
    } else {
      [b, fb] = [c, fc];
      if (side === -1) fa /= 2;
      side = -1;
    }
  }
  return Math.exp((a + b) / 2);
}
