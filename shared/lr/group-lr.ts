/**
 * Group-level likelihood ratios: a questioned sample against a group (a known source's reference samples, or the
 * other members of a chemical class), by the group LR system (the median pair distance calibrated and validated
 * on sample-against-group comparisons, group-comparisons.ts). A class is then judged member by member, each against
 * the rest of the class: the class-level figure is the median member's LR (a typical member), with the weakest
 * member's; when more members oppose the rest of the class (LR < 1) than the validated rate of misleading evidence
 * makes likely for one homogeneous group (binomial tail < 1 %, rate estimated as (k + ½)/(n + 1) from the held-out
 * Hp comparisons), the class is said to mix sources and no class-level LR is stated. Assumptions, stated in the
 * reports: a group is homogeneous under Hp; members' LRs are not independent (they share the rest of the class), so
 * the count test is a screen, not an exact test; groups larger than the calibration's compare against 50 members.
 */
import { mulberry32 } from '../profiling/util/rng';
import { groupScore, pairDistance, type Comparer } from './group-comparisons';
import { scoreLlr, type ScoreLrModel } from './score-lr';

/** Tail probability below which a class is said to mix sources. */
export const MIXED_CLASS_ALPHA = 0.01;

/**
 * log10 LR of sample x against the samples of a group (median distance by `compare`, which must be the calibration's
 * pair comparison; at most `maxMembers` compared, seeded).
 */
export function sampleGroupLlr(compare: Comparer, x: number, group: readonly number[], model: ScoreLrModel, maxMembers = 50, seed = 1): number {
  let to = group.filter((g) => g !== x);
  if (to.length === 0) throw new RangeError('a group LR needs a group of at least one other sample');
  if (to.length > maxMembers) {
    const rng = mulberry32(seed);
    to = [...to];
    for (let i = 0; i < maxMembers; i++) {
      const j = i + rng.nextInt(to.length - i);
      [to[i], to[j]] = [to[j], to[i]];
    }
    to = to.slice(0, maxMembers);
  }
  return scoreLlr(model, groupScore(compare, x, to));
}

/** Each member's log10 LR against the rest of its class. O(m · min(m, 50) · p). */
export function memberLlrs(compare: Comparer, members: readonly number[], model: ScoreLrModel, maxMembers = 50): Float64Array {
  const d = pairDistance(compare);
  return Float64Array.from(members, (x, k) => sampleGroupLlr(d, x, members, model, maxMembers, k + 1));
}

/**
 * memberLlrs, the same LRs in the same order, computed in slices of about `sliceMs` (default 20 ms) with `between()`
 * awaited after each: on the interface thread (a class report made or verified in the app) a class of 250 members took
 * one task of 100–130 ms (docs/VIEWS.md, Large data). O(m · min(m, 50) · p).
 */
export async function memberLlrsInSlices(compare: Comparer, members: readonly number[], model: ScoreLrModel, maxMembers: number, between: () => Promise<void>, sliceMs = 20): Promise<Float64Array> {
  const d = pairDistance(compare);
  const out = new Float64Array(members.length);
  let since = Date.now();
  for (let k = 0; k < members.length; k++) {
    out[k] = sampleGroupLlr(d, members[k], members, model, maxMembers, k + 1);
    if (k + 1 < members.length && Date.now() - since >= sliceMs) {
      await between();
      since = Date.now();
    }
  }
  return out;
}

/** P(X ≥ k) for X ~ Binomial(n, r). O(n). */
export function binomialTail(k: number, n: number, r: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let logTerm = n * Math.log1p(-r);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += Math.exp(logTerm);
    logTerm += Math.log((n - i) / (i + 1)) + Math.log(r) - Math.log1p(-r);
  }
  return Math.max(0, 1 - below);
}

export interface GroupEvidence {
  readonly members: number;
  /** Median and smallest member log10 LR. */
  readonly medianLlr: number;
  readonly minLlr: number;
  /** Members whose LR against the rest is below 1. */
  readonly opposing: number;
  /** P(at least `opposing` such members | one homogeneous group). */
  readonly tail: number;
  /** True when the class is said to mix sources (tail < MIXED_CLASS_ALPHA): no class-level LR is stated. */
  readonly mixed: boolean;
}

/** The class-level reading of its members' log10 LRs, given the held-out Hp comparisons of the group system. */
export function groupEvidence(llrs: Float64Array, heldOutHp: { misleading: number; validated: number }): GroupEvidence {
  const s = Float64Array.from(llrs).sort();
  const m = s.length;
  const h = m >> 1;
  const opposing = s.filter((v) => v < 0).length;
  const rate = (heldOutHp.misleading + 0.5) / (heldOutHp.validated + 1);
  const tail = binomialTail(opposing, m, rate);
  return { members: m, medianLlr: m % 2 ? s[h] : (s[h - 1] + s[h]) / 2, minLlr: s[0], opposing, tail, mixed: tail < MIXED_CLASS_ALPHA };
}
