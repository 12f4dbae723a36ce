/**
 * The LR system of a calibration in plain text, for `sigwb calibrate` and `sigwb validate` (the same figures as the
 * app's Calibration view and the validation report): the propositions, how the LRs were calibrated and validated,
 * and for the pair and the group system Cllr, Cllr_min, Cllr_cal, EER, rates of misleading evidence and LR ranges.
 */
import { lrValueText } from '../lr/verbal-scale';
import { pairComparisonText } from '../profiling/pair-comparison';
import type { CalibrationRecord } from './calibration-record';
import type { LrPartRecord, LrSystemRecord } from './lr-system-record';

const pct = (f: number): string => `${Number((f * 100).toPrecision(2))} %`;
const f3 = (x: number): string => x.toFixed(3);
const lg = (x: number | null): string => (x === null ? '∞' : x.toFixed(2));

export const METHOD_NAMES = { pav: 'PAV (isotonic regression)', logistic: 'logistic regression' } as const;

/** One line per figure of a validated part, or the reason it is not validated. */
export function partLines(name: string, part: LrPartRecord): string[] {
  const v = part.validation;
  const head = `${name}: ${part.comparisons.hp.toLocaleString('en-US')} Hp / ${part.comparisons.hd.toLocaleString('en-US')} Hd comparisons; LR bounded to ${lrValueText(part.model.bounds.lower)} … ${lrValueText(part.model.bounds.upper)} (ELUB; log10 ${part.model.bounds.lower.toFixed(2)} to ${part.model.bounds.upper.toFixed(2)})`;
  if (v === null) return [head, '  not validated: no held-out LRs of both propositions'];
  const m = v.misleading;
  return [
    head,
    `  held-out (${v.validated.hp.toLocaleString('en-US')} Hp, ${v.validated.hd.toLocaleString('en-US')} Hd, ${v.fits} fits): Cllr ${f3(v.cllr)}, Cllr_min ${f3(v.cllr_min)}, Cllr_cal ${f3(v.cllr_cal)} bits; EER ${pct(v.eer)}`,
    `  misleading evidence: ${pct(m.hd_above_1)} of Hd with LR > 1 (${pct(m.hd_above_100)} with LR > 100); ${pct(m.hp_below_1)} of Hp with LR < 1 (${pct(m.hp_below_100)} with LR < 1/100)`,
    `  log10 LR range: Hp ${lg(v.range.hp[0])} to ${lg(v.range.hp[1])}; Hd ${lg(v.range.hd[0])} to ${lg(v.range.hd[1])}`,
  ];
}

/** The text block of an LR system (or why a calibration has none). */
export function lrSystemLines(record: CalibrationRecord): string[] {
  const s: LrSystemRecord | null = record.lr_system;
  if (s === null) return [`Likelihood ratios: none validated. Calibration ${record.id} was made before LRs were validated (schema 1, kernel-density model): no LR is reported with it; calibrate again.`];
  const cv = s.cross_validation;
  return [
    `Likelihood ratios (${s.propositions.level} level):`,
    `  ${s.propositions.hp}`,
    `  ${s.propositions.hd}`,
    ...(s.pair_comparison === 'censored' ? [`  ${pairComparisonText('censored')}`] : []),
    `  Score → LR by ${METHOD_NAMES[s.method]}, bounded by ELUB (Vergeer et al. 2016); validated by ${cv.folds}-fold cross-validation grouped by ${cv.grouped_by} (${cv.groups} groups, seed ${cv.seed}): every comparison's LR comes from a model fitted without its groups.`,
    ...partLines('Pair LR', s.pairs),
    ...(s.group ? partLines(`Group LR (sample against up to ${s.group.max_members} members; groups of ${s.group.group_sizes[0]}–${s.group.group_sizes[2]})`, s.group) : ['Group LR: none (no sample-against-group comparisons of both propositions).']),
    ...s.notes.map((n) => `  Note: ${n}`),
  ];
}
