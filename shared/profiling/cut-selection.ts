/**
 * Choosing the linkage and the cut by how well they recover known links on pairs that did not choose them
 * (../shared/DOMAIN.md, clustering), not by cophenetic correlation, which measures how well a tree keeps distances,
 * not whether it finds sources (on UCI wine it prefers average linkage, ARI −0.005, over Ward, 0.79).
 *
 * Pairs are split into folds by group (the first linked-by column, the seizure): a linked pair is held out with its
 * seizure, an unlinked pair whenever either sample's seizure is. In each fold, each rule fits a cut on the training
 * pairs, and every tree cut there is scored on the held-out pairs by an estimated pairwise F1 of same-source pairs:
 * linked pairs are same-source; each unlinked pair counts as same-source with its posterior probability under the
 * contamination mixture fitted on the training pairs (contamination.ts), since "different case" is not "different
 * source". Pairs are weighted up to their totals where a side was sampled. The candidate with the best pooled F1
 * wins; its rule is then fitted again on all pairs.
 *
 * Rules (each gives a cut height):
 * - `held-out-f1`: the merge height that maximises the estimated F1 on the training pairs (any linkage's scale);
 * - `corrected-fpr`: the pair distance at the contamination-corrected false-positive rate (the accepted FPR among
 *   pairs estimated to be of different sources);
 * - `linked-quantile`: the 99th percentile of the linked pairs' distances.
 */
import { fitContamination, posteriorSameSource, thresholdAtCorrectedFpr, type ContaminationEstimate } from './contamination';
import type { LinkageMethod } from './linkage';
import { denseGroups } from './pair-population';
import { pairMergeHeights } from './merge-heights';
import type { CalibrationPairs, PairSet } from './pairs';
import { throwIfAborted } from './util/abort';
import { mulberry32 } from './util/rng';

export const CUT_RULES = ['held-out-f1', 'corrected-fpr', 'linked-quantile'] as const;
export type CutRule = (typeof CUT_RULES)[number];

/** Settings of the selection; each has its default in CUT_SELECTION_DEFAULTS. */
export interface CutSelectionSettings {
  /** Folds of groups; default 5 (fewer when there are fewer groups with linked pairs). */
  readonly folds: number;
  /** Seed of the fold assignment; default 1. */
  readonly seed: number;
  /** Accepted FPR of the corrected-fpr rule; default 0.025 (Popovic et al.). */
  readonly acceptedFpr: number;
  /** Level of the linked-quantile rule; default 0.99. */
  readonly linkedQuantile: number;
  /** Most unlinked pairs the mixture is fitted on (a seeded sample beyond; posteriors for all); default 20,000. */
  readonly mixturePairs: number;
}

export const CUT_SELECTION_DEFAULTS: CutSelectionSettings = { folds: 5, seed: 1, acceptedFpr: 0.025, linkedQuantile: 0.99, mixturePairs: 20_000 };

export interface CutCandidate {
  readonly linkage: LinkageMethod;
  readonly rule: CutRule;
  /** Held-out estimates pooled over the folds. */
  readonly f1: number;
  /** Share of held-out linked pairs in one class. */
  readonly recall: number;
  /** Estimated share of held-out different-source unlinked pairs in one class. */
  readonly falseLinkRate: number;
  /** The cut fitted on all pairs (merge-height units of the linkage). */
  readonly threshold: number;
}

export interface CutSelection {
  /** Candidates, best first. */
  readonly candidates: CutCandidate[];
  readonly chosen: CutCandidate;
  /** The mixture on all pairs: the contamination shown to the analyst. */
  readonly contamination: ContaminationEstimate;
  readonly folds: number;
}

export interface Tree {
  readonly method: LinkageMethod;
  readonly z: Float64Array;
}

export interface PairDistances {
  readonly linked: Float64Array;
  readonly unlinked: Float64Array;
}

/** Whether held-out selection is possible: at least two groups hold linked pairs, and there are unlinked pairs. */
export function canSelectCut(pairs: CalibrationPairs, groups: Int32Array): boolean {
  const seen = new Set<number>();
  for (let k = 0; k < pairs.linked.i.length && seen.size < 2; k++) seen.add(groups[pairs.linked.i[k]]);
  return seen.size >= 2 && pairs.unlinked.i.length > 0;
}

/** Sorted copy's q-quantile (lower), as the rule states it. O(m log m). */
function quantile(x: Float64Array, q: number): number {
  const s = Float64Array.from(x).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

function subset(d: Float64Array, keep: Uint8Array, want: number): Float64Array {
  let n = 0;
  for (let k = 0; k < keep.length; k++) if (keep[k] === want) n++;
  const out = new Float64Array(n);
  n = 0;
  for (let k = 0; k < keep.length; k++) if (keep[k] === want) out[n++] = d[k];
  return out;
}

interface Weighted {
  /** Merge heights of the pairs in a tree. */
  readonly heights: Float64Array;
  /** Probability each pair is same-source (1 for linked). */
  readonly same: Float64Array;
  /** Weight of each pair (its side's total over the pairs drawn). */
  readonly weight: Float64Array;
}

/** The merge height maximising the estimated F1 of same-source pairs (ties: the lowest). O(m log m). */
function bestF1Height(p: Weighted, include: (k: number) => boolean): number {
  const order: number[] = [];
  let positives = 0;
  for (let k = 0; k < p.heights.length; k++) {
    if (!include(k)) continue;
    order.push(k);
    positives += p.same[k] * p.weight[k];
  }
  order.sort((a, b) => p.heights[a] - p.heights[b]);
  let tp = 0;
  let fp = 0;
  let best = -1;
  let at = -Infinity;
  for (let q = 0; q < order.length; q++) {
    const k = order[q];
    tp += p.same[k] * p.weight[k];
    fp += (1 - p.same[k]) * p.weight[k];
    if (q + 1 < order.length && p.heights[order[q + 1]] === p.heights[k]) continue;
    const f1 = (2 * tp) / (tp + fp + positives);
    if (f1 > best) {
      best = f1;
      at = p.heights[k];
    }
  }
  return at;
}

/** Held-out tallies of a cut: weighted TP, FP, FN; linked recall; different-source co-membership. */
class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  linkedIn = 0;
  linked = 0;
  diffIn = 0;
  diff = 0;
  add(inClass: boolean, same: number, weight: number, isLinked: boolean): void {
    if (inClass) {
      this.tp += same * weight;
      this.fp += (1 - same) * weight;
    } else this.fn += same * weight;
    if (isLinked) {
      this.linked++;
      if (inClass) this.linkedIn++;
    } else {
      this.diff += 1 - same;
      if (inClass) this.diffIn += 1 - same;
    }
  }
  get f1(): number {
    const d = 2 * this.tp + this.fp + this.fn;
    return d > 0 ? (2 * this.tp) / d : 0;
  }
}

/**
 * Chooses linkage and cut (see the module doc) among `trees`, on calibration pairs with their distances and the group
 * of each sample (seizure codes; −1 unknown, each such sample a group of its own). Requires canSelectCut. O(L·m log m
 * + F·I·m) for L trees, m pairs, F folds and I EM iterations.
 */
export function selectCut(
  trees: readonly Tree[],
  pairs: CalibrationPairs,
  distances: PairDistances,
  groups: Int32Array,
  settings: Partial<CutSelectionSettings> = {},
  signal?: AbortSignal,
): CutSelection {
  const s = { ...CUT_SELECTION_DEFAULTS, ...settings };
  const nL = pairs.linked.i.length;
  const nU = pairs.unlinked.i.length;
  // Groups (unknown: one per sample) shuffled into folds.
  const { code, count: next } = denseGroups(groups);
  const order = Array.from({ length: next }, (_, g) => g);
  const rng = mulberry32(s.seed);
  for (let g = next - 1; g > 0; g--) {
    const r = rng.nextInt(g + 1);
    [order[g], order[r]] = [order[r], order[g]];
  }
  const linkedGroups = new Set<number>();
  for (let k = 0; k < nL; k++) linkedGroups.add(code[pairs.linked.i[k]]);
  const folds = Math.max(2, Math.min(s.folds, linkedGroups.size));
  const fold = new Int32Array(next);
  // Groups holding linked pairs are dealt first, so every fold holds some.
  const dealt = [...order.filter((g) => linkedGroups.has(g)), ...order.filter((g) => !linkedGroups.has(g))];
  dealt.forEach((g, k) => (fold[g] = k % folds));

  const all: PairSet = { i: Uint32Array.from([...pairs.linked.i, ...pairs.unlinked.i]), j: Uint32Array.from([...pairs.linked.j, ...pairs.unlinked.j]) };
  const heights = trees.map((t) => pairMergeHeights(t.z, all));
  const weight = new Float64Array(nL + nU);
  weight.fill(nL > 0 ? pairs.linkedTotal / nL : 0, 0, nL);
  weight.fill(nU > 0 ? pairs.unlinkedTotal / nU : 0, nL);
  const foldOf = (k: number): [number, number] => {
    const a = fold[code[all.i[k]]];
    const b = fold[code[all.j[k]]];
    return [a, b];
  };

  const tallies = trees.map(() => CUT_RULES.map(() => new Tally()));
  for (let f = 0; f < folds; f++) {
    throwIfAborted(signal);
    // 0 training, 1 held out, 2 neither (an unlinked pair across this fold and another is held out).
    const role = new Uint8Array(nL + nU);
    for (let k = 0; k < nL + nU; k++) {
      const [a, b] = foldOf(k);
      role[k] = a === f || b === f ? 1 : 0;
    }
    const trainL = subset(distances.linked, role.subarray(0, nL), 0);
    const trainU = subset(distances.unlinked, role.subarray(nL), 0);
    if (trainL.length === 0 || trainU.length === 0) continue;
    const fit = fitContamination(trainL, trainU, s.mixturePairs, s.seed + f);
    const same = new Float64Array(nL + nU);
    same.fill(1, 0, nL);
    for (let k = 0; k < nU; k++) same[nL + k] = posteriorSameSource(fit.estimate, distances.unlinked[k]);
    const corrected = thresholdAtCorrectedFpr(trainL, trainU, fit.posterior, s.acceptedFpr).threshold;
    const linkedQ = quantile(trainL, s.linkedQuantile);
    trees.forEach((_, t) => {
      const w: Weighted = { heights: heights[t], same, weight };
      const cuts = [bestF1Height(w, (k) => role[k] === 0), corrected, linkedQ];
      cuts.forEach((h, r) => {
        const tally = tallies[t][r];
        for (let k = 0; k < nL + nU; k++) if (role[k] === 1) tally.add(heights[t][k] <= h, same[k], weight[k], k < nL);
      });
    });
  }

  throwIfAborted(signal);
  const final = fitContamination(distances.linked, distances.unlinked, s.mixturePairs, s.seed);
  const sameAll = new Float64Array(nL + nU);
  sameAll.fill(1, 0, nL);
  sameAll.set(final.posterior, nL);
  const corrected = thresholdAtCorrectedFpr(distances.linked, distances.unlinked, final.posterior, s.acceptedFpr).threshold;
  const linkedQ = quantile(distances.linked, s.linkedQuantile);
  const candidates: (CutCandidate & { order: number })[] = [];
  trees.forEach((tree, t) => {
    CUT_RULES.forEach((rule, r) => {
      const tally = tallies[t][r];
      const threshold = rule === 'held-out-f1' ? bestF1Height({ heights: heights[t], same: sameAll, weight }, () => true) : rule === 'corrected-fpr' ? corrected : linkedQ;
      candidates.push({
        linkage: tree.method,
        rule,
        f1: tally.f1,
        recall: tally.linked > 0 ? tally.linkedIn / tally.linked : Number.NaN,
        falseLinkRate: tally.diff > 0 ? tally.diffIn / tally.diff : 0,
        threshold,
        order: candidates.length,
      });
    });
  });
  // Best pooled F1; differences under 1e-9 are ties, kept in the listed order (linkages as given, rules as above).
  candidates.sort((a, b) => (Math.abs(a.f1 - b.f1) > 1e-9 ? b.f1 - a.f1 : a.order - b.order));
  const ranked = candidates.map(({ order: _order, ...c }) => c);
  return { candidates: ranked, chosen: ranked[0], contamination: final.estimate, folds };
}

/** Estimated F1, linked recall and false-link rate of a fixed partition on all pairs (nothing fitted on them). */
export interface PartitionFigures {
  readonly f1: number;
  readonly recall: number;
  readonly falseLinkRate: number;
}

/**
 * How well fixed partitions (a cut into k, or at a given threshold: the pairs chose nothing) recover the pairs'
 * links, each pair weighted as in selectCut with posteriors from the mixture on all pairs. O(L·m + I·m).
 */
export function scorePartitions(labels: readonly Int32Array[], pairs: CalibrationPairs, distances: PairDistances, settings: Partial<CutSelectionSettings> = {}): { figures: PartitionFigures[]; contamination: ContaminationEstimate } {
  const s = { ...CUT_SELECTION_DEFAULTS, ...settings };
  const fit = fitContamination(distances.linked, distances.unlinked, s.mixturePairs, s.seed);
  const nL = pairs.linked.i.length;
  const nU = pairs.unlinked.i.length;
  const wL = nL > 0 ? pairs.linkedTotal / nL : 0;
  const wU = nU > 0 ? pairs.unlinkedTotal / nU : 0;
  const figures = labels.map((lab) => {
    const t = new Tally();
    for (let k = 0; k < nL; k++) t.add(lab[pairs.linked.i[k]] === lab[pairs.linked.j[k]], 1, wL, true);
    for (let k = 0; k < nU; k++) t.add(lab[pairs.unlinked.i[k]] === lab[pairs.unlinked.j[k]], fit.posterior[k], wU, false);
    return { f1: t.f1, recall: t.linked > 0 ? t.linkedIn / t.linked : Number.NaN, falseLinkRate: t.diff > 0 ? t.diffIn / t.diff : 0 };
  });
  return { figures, contamination: fit.estimate };
}
