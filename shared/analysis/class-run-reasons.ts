/**
 * The sentences a class run gives for its choices (record `reasons`, the CLI, the class report): the combination, the
 * linkage and the cut with the figures that chose them, and the contamination of the unlinked pairs.
 */
import type { AutoResult } from '../profiling/auto';
import type { CutCandidate, CutRule } from '../profiling/cut-selection';
import { CONTAMINATION_MODEL, describeUnlinked, type PairRule } from './analysis-inputs';
import { choiceReason } from './calibration-compute';
import { combinationLabel, LINKAGE_LABELS, onScale100, percent, SCORE_LABELS } from './labels';

/** The rules of a held-out cut in words. */
export const CUT_RULE_WORDS: Record<CutRule, string> = {
  'held-out-f1': 'the cut maximising the estimated F1 of same-source pairs on the training pairs',
  'corrected-fpr': 'the pair distance at the contamination-corrected false-positive rate',
  'linked-quantile': 'the 99th percentile of the linked pairs\' distances',
};

const f2 = (x: number | null): string => (x === null || Number.isNaN(x) ? '–' : x.toFixed(3));

/** The combination sentence: as asked, from a calibration, chosen on the pairs, or the default without pairs. */
export function combinationReason(r: AutoResult, source: 'auto' | 'override' | 'calibration' | 'default', calibration: { id: string; auc: number } | null): string {
  const label = combinationLabel(r.choice.pretreatment, r.choice.score);
  if (source === 'override') return `${label} as asked.`;
  if (source === 'calibration' && calibration) return `${label} from calibration ${calibration.id} (ROC AUC ${calibration.auc.toFixed(4)}).`;
  if (source === 'default' || r.compared === null) return `${label}: no calibration pairs to compare combinations on, so the literature default (Andersson et al. 2007).`;
  return choiceReason(r.compared);
}

function candidateWords(c: CutCandidate): string {
  return `estimated F1 ${f2(c.f1)} of same-source pairs, ${percent(c.recall)} of held-out linked pairs in one class, ${percent(c.falseLinkRate)} of different-source pairs`;
}

/** The linkage and cut sentence (and the contamination one when the pairs were modelled). */
export function cutReasons(r: AutoResult, rule: PairRule, cut: 'held-out' | 'calibration' | 'threshold' | 'k', k: number | null, calibration: { id: string; acceptedFpr: number; tpr: number } | null, referenceDistance: number, classes: number, singletons: number): string[] {
  const t = r.choice.threshold;
  const method = LINKAGE_LABELS[r.choice.linkage];
  const units = `${SCORE_LABELS[r.choice.score]} distance`;
  const out: string[] = [];
  const linkageWhy = r.source.linkage === 'override' ? 'as asked' : r.source.linkage === 'default' ? (cut === 'k' ? 'no known links to choose a linkage by, so Ward (least increase of variance keeps classes compact)' : 'no known links to choose a linkage by, so average (merge heights are mean pair distances)') : null;
  const others = (pick: (l: AutoResult['linkages'][number]) => boolean) =>
    r.linkages.filter((l) => l.method !== r.choice.linkage && pick(l)).map((l) => `${LINKAGE_LABELS[l.method]} ${f2(l.f1)}`).join(', ');
  if (cut === 'held-out') {
    const c = r.cutCandidates[0];
    out.push(
      `${method} linkage cut at ${(t as number).toPrecision(4)} (${units}, ${onScale100(t as number, r.choice.score, referenceDistance)}), chosen on held-out pairs (${r.folds} folds of ${rule.linked_by[0]} groups; the pairs that fitted a cut never scored it): ${candidateWords(c)}; rule: ${CUT_RULE_WORDS[c.rule]}, fitted again on all pairs. ${classes} classes, ${singletons} of one sample.${linkageWhy ? ` Linkage ${linkageWhy}.` : ` Best F1 of the other linkages: ${others((l) => l.f1 !== null) || 'none'}.`}`,
    );
  } else if (cut === 'k') {
    const figures = r.linkages.find((l) => l.method === r.choice.linkage);
    out.push(`Tree cut into at most ${k} classes as asked (${classes} classes); ${method} linkage, ${linkageWhy ?? `the one whose cut recovers the pairs' links best (estimated F1 ${f2(figures?.f1 ?? null)}; ${others(() => true)})`}.`);
  } else if (cut === 'threshold') {
    const figures = r.linkages.find((l) => l.method === r.choice.linkage);
    out.push(`Tree cut at ${t} (${units}) as asked (${classes} classes); ${method} linkage, ${linkageWhy ?? `the one whose cut recovers the pairs' links best (estimated F1 ${f2(figures?.f1 ?? null)}; ${others(() => true)})`}.`);
  } else {
    out.push(
      `Too few pairs to choose a cut on held-out pairs: ${method} linkage cut at ${(t as number).toPrecision(4)} (${units}), the threshold of calibration ${calibration?.id} at ${percent(calibration?.acceptedFpr ?? 0)} FPR (TPR ${calibration?.tpr.toFixed(3)}): ${classes} classes, ${singletons} of one sample.`,
    );
  }
  const e = r.contamination;
  if (e) {
    out.push(
      `Contamination: about ${percent(e.share)} of the unlinked pairs (${describeUnlinked(rule)}) are estimated to share a source; they are not counted as false links (model: ${CONTAMINATION_MODEL}).`,
    );
  }
  return out;
}

/** "3 and 4 merged into 12; 5 split into 13, 14; 6 emptied": where retired class ids' samples are now. */
export function retiredWords(retired: readonly number[], into: readonly (readonly number[])[]): string {
  const and = (ids: readonly number[]) => (ids.length < 2 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);
  const merged = new Map<number, number[]>();
  const parts: string[] = [];
  retired.forEach((id, k) => {
    const to = into[k] ?? [];
    if (to.length === 1) merged.set(to[0], [...(merged.get(to[0]) ?? []), id]);
    else parts.push(to.length === 0 ? `${id} emptied (its samples removed)` : `${id} split into ${to.join(', ')}`);
  });
  return [...[...merged].map(([to, ids]) => `${and(ids)} merged into ${to}`), ...parts].join('; ');
}

/**
 * The id sentence of a run with a previous one: classes compared on the samples both runs hold
 * (shared/profiling/class-ids.ts), the threshold, and the ids retired with where their samples went.
 */
export function classIdReason(previousRun: string, minJaccard: number, retired: readonly number[], into: readonly (readonly number[])[]): string {
  const n = retired.length;
  return `Class ids carried over from run ${previousRun}, comparing classes on the samples both runs hold: a class keeps the id of the earlier class with which it shares more than half of their samples (Jaccard > ${minJaccard}), so new samples joining a class do not cost it its id and a class of new samples only gets a new one; ${n === 0 ? 'no id retired' : `${n} ${n === 1 ? 'id' : 'ids'} retired: ${retiredWords(retired, into)}`}.`;
}
