/**
 * Likelihood ratio of a comparison score: LR(d) = f_linked(d) / f_unlinked(d) from kernel densities of the
 * calibration pairs, reported on the ENFSI verbal scale (ENFSI Guideline for Evaluative Reporting 2015, cut-points
 * 10, 100, 1,000, 10,000), on the side of whichever proposition the LR supports.
 */
import { gaussianKde, kdeLogDensity, type BandwidthRule, type GaussianKde } from './kde';

/** ENFSI 2015 cut-points of the verbal scale. */
export const ENFSI_CUT_POINTS: readonly number[] = [10, 100, 1000, 10000];

/** Verbal qualifiers for the ranges [1, 10), [10, 100), [100, 1000), [1000, 10000), [10000, ∞). */
export const ENFSI_QUALIFIERS: readonly string[] = ['weak', 'moderate', 'moderately strong', 'strong', 'very strong'];

export type Proposition = 'linked' | 'unlinked' | 'neither';

export interface VerbalEquivalent {
  /** Which proposition the finding supports. */
  readonly supports: Proposition;
  /** 0 = neither, 1 = weak … 5 = very strong (with the default cut-points). */
  readonly level: number;
  readonly qualifier: string;
  /** Sentence for a report. */
  readonly text: string;
}

/**
 * Verbal equivalent of an LR: LR ≥ 1 supports "linked", LR < 1 is read as 1/LR in support of "unlinked"
 * (ENFSI 2015 cut-points 10, 100, 1,000, 10,000 by default; LR = 1 supports neither).
 */
export function verbalScale(lr: number, cutPoints: readonly number[] = ENFSI_CUT_POINTS, qualifiers: readonly string[] = ENFSI_QUALIFIERS): VerbalEquivalent {
  if (!(lr >= 0)) throw new RangeError(`LR must be ≥ 0, got ${lr}`);
  if (lr === 1) return { supports: 'neither', level: 0, qualifier: 'no', text: 'The findings support neither proposition over the other.' };
  const supports: Proposition = lr > 1 ? 'linked' : 'unlinked';
  const magnitude = lr > 1 ? lr : 1 / lr;
  let level = 1;
  for (const c of cutPoints) if (magnitude >= c) level++;
  const qualifier = qualifiers[Math.min(level, qualifiers.length) - 1];
  const [a, b] = supports === 'linked' ? ['share a common source', 'come from different sources'] : ['come from different sources', 'share a common source'];
  return { supports, level, qualifier, text: `The findings provide ${qualifier} support for the proposition that the samples ${a} rather than that they ${b}.` };
}

export interface LikelihoodRatioModel {
  readonly linked: GaussianKde;
  readonly unlinked: GaussianKde;
  /** Smallest and largest LR reported (see `likelihoodRatioModel`). */
  readonly minLr: number;
  readonly maxLr: number;
}

export interface LikelihoodRatioOptions {
  /** Bandwidth rule for both densities; default Scott (scipy.stats.gaussian_kde). */
  readonly bandwidth?: BandwidthRule;
  /** 'sample-size' (default): LR within [1/nLinked, nUnlinked]; 'none'; or a symmetric bound on |log10 LR|. */
  readonly cap?: 'sample-size' | 'none' | number;
}

/**
 * Builds the two densities. The default cap keeps the LR within [1/nLinked, nUnlinked]: no LR is reported stronger
 * than the number of comparisons that could have contradicted it, in the spirit of the empirical lower and upper
 * bounds of Vergeer et al. 2016 (Forensic Sci Int 259), because Gaussian tails extrapolate without data.
 */
export function likelihoodRatioModel(linked: Float64Array, unlinked: Float64Array, options: LikelihoodRatioOptions = {}): LikelihoodRatioModel {
  const rule = options.bandwidth ?? 'scott';
  const cap = options.cap ?? 'sample-size';
  let minLr = 0;
  let maxLr = Infinity;
  if (cap === 'sample-size') {
    minLr = 1 / linked.length;
    maxLr = unlinked.length;
  } else if (typeof cap === 'number') {
    minLr = Math.pow(10, -cap);
    maxLr = Math.pow(10, cap);
  }
  return { linked: gaussianKde(linked, rule), unlinked: gaussianKde(unlinked, rule), minLr, maxLr };
}

export interface LikelihoodRatio {
  readonly lr: number;
  readonly log10Lr: number;
  /** True when the cap bounded the value. */
  readonly capped: boolean;
  readonly verbal: VerbalEquivalent;
}

/** LR of a pair distance (same units as the calibration), with its ENFSI 2015 verbal equivalent. O(nLinked + nUnlinked). */
export function likelihoodRatio(model: LikelihoodRatioModel, distance: number): LikelihoodRatio {
  const logLr = kdeLogDensity(model.linked, distance) - kdeLogDensity(model.unlinked, distance);
  let lr = Math.exp(logLr);
  let capped = false;
  if (lr > model.maxLr) {
    lr = model.maxLr;
    capped = true;
  } else if (lr < model.minLr) {
    lr = model.minLr;
    capped = true;
  }
  return { lr, log10Lr: Math.log10(lr), capped, verbal: verbalScale(lr) };
}
