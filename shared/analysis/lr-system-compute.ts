/**
 * The likelihood-ratio system of a calibration, computed with it (pure and synchronous, for the engine worker): the
 * pair LR system (the chosen combination's pair distances → LR) and the group LR system (a sample against a group:
 * the median pair distance → LR), each fitted on all its comparisons and validated by cross-validation grouped by
 * seizure, or by source when the rule links by source (shared/lr). Meuwly, Ramos & Haraksim 2017; Leegwater et al.
 * 2024; the NFI's LiR toolkit.
 */
import { assignFolds, CV_DEFAULTS, defaultFolds, MIN_CV_GROUPS } from '../lr/grouped-cv';
import { GROUP_COMPARISON_DEFAULTS, groupComparisons, type Comparer, type GroupComparisons, type GroupComparisonSettings } from '../lr/group-comparisons';
import type { PropositionLevel } from '../lr/propositions';
import { SCORE_LR_DEFAULTS, type LrMethod, type ScoreLrModel } from '../lr/score-lr';
import { validateLrSystem, type LrPerformance } from '../lr/validation';
import type { PairComparison } from '../profiling/pair-comparison';
import type { PairSet } from '../profiling/pairs';
import { throwIfAborted } from '../profiling/util/abort';

export interface LrSystemSettings {
  /** Score → LR calibration; default by level (defaultLrMethod). */
  method?: LrMethod;
  /** Cross-validation folds; default one per group up to 20 groups, else 5 (defaultFolds). */
  folds?: number;
  /** Seed of the group → fold assignment (and of the group comparisons); default 1. */
  cvSeed?: number;
  /** Caps of the group comparisons (group-comparisons.ts defaults). */
  group?: Partial<GroupComparisonSettings>;
}

/** `folds` holds beyond LEAVE_ONE_OUT_MAX_GROUPS groups; up to it, one fold per group (defaultFolds). */
export const LR_SYSTEM_DEFAULTS = { method: SCORE_LR_DEFAULTS.method, folds: CV_DEFAULTS.folds, cvSeed: CV_DEFAULTS.seed, group: GROUP_COMPARISON_DEFAULTS };

/**
 * The calibration method for propositions of a level, fixed beforehand on development collections (seeds other than
 * the accuracy grid's; docs/PROFILING.md): at source level the Hd pairs are of different sources only and their
 * log LR is close to linear in the log distance, where logistic regression lost 0.001–0.012 bits to calibration
 * against PAV's 0.004–0.04 (fewer groups, more PAV steps that held-out sources do not follow); at seizure or case
 * level the Hd pairs mix same-source pairs of other seizures with different sources, a two-humped population that
 * a logistic line cannot follow (calibration loss 0.016–0.036 bits against PAV's 0.003–0.009).
 */
export function defaultLrMethod(level: PropositionLevel): LrMethod {
  return level === 'source' ? 'logistic' : 'pav';
}

export interface LrSystemInput {
  /** How two samples are compared (pair-comparison.ts); the pairs' `distances` are by the same rule. */
  comparison: PairComparison;
  /** The samples compared by that rule: prepared rows of the chosen pretreatment × score, or a pair function. */
  compare: Comparer;
  pairs: { linked: PairSet; unlinked: PairSet };
  distances: { linked: Float64Array; unlinked: Float64Array };
  /** Cross-validation group per sample (seizure or source code); every sample in a pair has one (≥ 0). */
  cvGroup: Int32Array;
  /** The group whose members a sample is linked to (−1: none). */
  linkedKey: Int32Array;
  /** Whether (i, j), i < j, is an unlinked pair under the population rule. */
  unlinkedPair: (i: number, j: number) => boolean;
}

export interface ValidatedPart {
  model: ScoreLrModel;
  /** 1 = Hp, 0 = Hd, per comparison. */
  label: Uint8Array;
  /** Held-out log10 LR per comparison (NaN: not validated). */
  heldOut: Float64Array;
  foldA: Uint8Array;
  foldB: Uint8Array;
  fits: number;
  performance: LrPerformance | null;
}

export interface LrSystemComputation {
  /** How the pairs (and the members of a group comparison) were compared. */
  comparison: PairComparison;
  /** Each pair's distance under that rule (linked first), the LR's score. */
  pairDistance: Float64Array;
  method: LrMethod;
  folds: number;
  cvSeed: number;
  /** Cross-validation groups among the samples compared. */
  cvGroups: number;
  /** Comparisons in order: the linked pairs, then the unlinked pairs (the calibration's data file order). */
  pairs: ValidatedPart;
  /** Null when no sample has a linked group of two or more, or no group comparison of either proposition exists. */
  group: (ValidatedPart & { comparisons: GroupComparisons; maxMembers: number }) | null;
  /** Why a part could not be validated, in words. */
  notes: string[];
}

export type LrSystemProgress = (stage: 'likelihood ratios', fraction: number) => void;

/** Fits and validates both LR systems. O(F · k log k) for k pairs and F = folds(folds + 1)/2, plus the group comparisons. */
export function computeLrSystem(input: LrSystemInput, settings: LrSystemSettings = {}, onProgress: LrSystemProgress = () => undefined, signal?: AbortSignal): LrSystemComputation {
  const method = settings.method ?? LR_SYSTEM_DEFAULTS.method;
  const cvSeed = settings.cvSeed ?? LR_SYSTEM_DEFAULTS.cvSeed;
  const { linked, unlinked } = input.distances;
  const nL = linked.length;
  const n = nL + unlinked.length;
  // Renumber the groups that take part, so that the folds balance over them.
  const used = new Map<number, number>();
  const codeOf = (i: number): number => {
    const g = input.cvGroup[i];
    let c = used.get(g);
    if (c === undefined) used.set(g, (c = used.size));
    return c;
  };
  const ga = new Int32Array(n);
  const gb = new Int32Array(n);
  const sides: [PairSet, number][] = [[input.pairs.linked, 0], [input.pairs.unlinked, nL]];
  for (const [set, at] of sides) {
    for (let k = 0; k < set.i.length; k++) {
      ga[at + k] = codeOf(set.i[k]);
      gb[at + k] = codeOf(set.j[k]);
    }
  }
  const { folds, foldOfGroup } = assignFolds(used.size, { folds: settings.folds ?? defaultFolds(used.size), seed: cvSeed });
  const notes: string[] = [];
  if (folds < MIN_CV_GROUPS) notes.push(`Only ${used.size} group${used.size === 1 ? '' : 's'} of samples take part: a grouped cross-validation needs at least ${MIN_CV_GROUPS}, so the likelihood ratios are not validated and are not reported.`);
  const distance = new Float64Array(n);
  distance.set(linked);
  distance.set(unlinked, nL);
  const label = new Uint8Array(n).fill(1, 0, nL);
  const foldA = Uint8Array.from(ga, (g) => foldOfGroup[g]);
  const foldB = Uint8Array.from(gb, (g) => foldOfGroup[g]);
  onProgress('likelihood ratios', 0);
  const pv = validateLrSystem(distance, label, foldA, foldB, folds, { method }, signal);
  const pairs: ValidatedPart = { model: pv.model, label, heldOut: pv.heldOut, foldA, foldB, fits: pv.fits, performance: pv.performance };
  if (folds >= MIN_CV_GROUPS && pv.performance === null) notes.push('No fold held pairs of both propositions: the pair likelihood ratios could not be validated.');
  onProgress('likelihood ratios', 0.6);
  throwIfAborted(signal);
  const groupSettings = { ...LR_SYSTEM_DEFAULTS.group, seed: cvSeed, ...settings.group };
  const comparisons = groupComparisons(input.compare, input.linkedKey, input.unlinkedPair, groupSettings, signal);
  let group: LrSystemComputation['group'] = null;
  const hp = comparisons.label.reduce((s, v) => s + v, 0);
  if (hp === 0 || hp === comparisons.label.length) {
    notes.push('No sample-against-group comparisons of both propositions could be drawn (no linked group of two or more samples, or no group unlinked from them): group likelihood ratios are not available.');
  } else {
    // A comparison's groups: the questioned sample's and the other group's; any member's CV group stands for it.
    const firstMember = new Map<number, number>();
    for (let i = 0; i < input.linkedKey.length; i++) if (input.linkedKey[i] >= 0 && !firstMember.has(input.linkedKey[i])) firstMember.set(input.linkedKey[i], i);
    const foldOfKey = (key: number): number => {
      const c = used.get(input.cvGroup[firstMember.get(key)!]);
      // A group none of whose samples is in a calibration pair: its own fold by code.
      return c === undefined ? (key % Math.max(1, folds)) : foldOfGroup[c];
    };
    const gfA = Uint8Array.from(comparisons.groupA, foldOfKey);
    const gfB = Uint8Array.from(comparisons.groupB, foldOfKey);
    const gv = validateLrSystem(comparisons.distance, comparisons.label, gfA, gfB, folds, { method }, signal);
    group = { model: gv.model, label: comparisons.label, heldOut: gv.heldOut, foldA: gfA, foldB: gfB, fits: gv.fits, performance: gv.performance, comparisons, maxMembers: groupSettings.maxMembers };
  }
  onProgress('likelihood ratios', 1);
  return { comparison: input.comparison, pairDistance: distance, method, folds, cvSeed, cvGroups: used.size, pairs, group, notes };
}
