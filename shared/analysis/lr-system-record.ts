/**
 * The likelihood-ratio system as a calibration record keeps it (`lr_system`): the propositions in words and their
 * level, the calibration method, the fitted models whole (logistic coefficients or the PAV's points, and the ELUB
 * bounds), how they were validated, and every performance characteristic of the held-out LRs with the Tippett and
 * ECE curves. What the CLI, the app and the reports show is read from here; the held-out LRs themselves are in the
 * calibration's data files (calibration-store.ts).
 */
import { z } from 'zod';
import type { Propositions } from '../lr/propositions';
import { PAIR_COMPARISONS } from '../profiling/pair-comparison';
import type { ScoreLrModel } from '../lr/score-lr';
import { ECE_PRIORS, TIPPETT_LEVELS, type LrPerformance } from '../lr/validation';
import type { LrSystemComputation, ValidatedPart } from './lr-system-compute';

const num = z.number();
const count = z.number().int().nonnegative();
/** JSON has no infinity: an unbounded end of a held-out range is written as null. */
const end = z.number().nullable();

const ModelRecord = z.object({
  /** Feature f = −log10(distance + offset). */
  offset: num.positive(),
  logistic: z.object({ intercept: num, slope: num.positive() }).nullable(),
  pav: z.object({ x: z.array(num).min(1), y: z.array(num.min(0).max(1)).min(1) }).nullable(),
  /** ELUB of the training LRs (log10). */
  bounds: z.object({ lower: num.max(0), upper: num.min(0) }),
});

const ValidationRecord = z.object({
  validated: z.object({ hp: count, hd: count }),
  fits: count,
  cllr: num,
  cllr_min: num,
  cllr_cal: num,
  eer: num,
  misleading: z.object({ hd_above_1: num, hp_below_1: num, hd_above_100: num, hp_below_100: num }),
  /** Smallest and largest held-out log10 LR per proposition. */
  range: z.object({ hp: z.tuple([end, end]), hd: z.tuple([end, end]) }),
  /** Held-out log10 LR quantiles at `levels`. */
  tippett: z.object({ levels: z.array(num), hp: z.array(end), hd: z.array(end) }),
  ece: z.object({ prior_log10_odds: z.array(num), system: z.array(num), pav: z.array(num), reference: z.array(num) }),
});
export type ValidationRecord = z.infer<typeof ValidationRecord>;

const PartRecord = z.object({ comparisons: z.object({ hp: count, hd: count }), model: ModelRecord, validation: ValidationRecord.nullable() });

export const LrSystemRecord = z.object({
  kind: z.literal('score-based'),
  /**
   * How two samples are compared for an LR (pair-comparison.ts): 'censored' since schema 5; records made before read
   * as 'substitute', the rule they were made with. The group system compares a sample with each member the same way.
   */
  pair_comparison: z.enum(PAIR_COMPARISONS),
  method: z.enum(['pav', 'logistic']),
  propositions: z.object({ level: z.enum(['seizure', 'case', 'source', 'custom']), hp: z.string(), hd: z.string(), hp_clause: z.string(), hd_clause: z.string(), hp_short: z.string(), hd_short: z.string() }),
  cross_validation: z.object({ grouped_by: z.string(), folds: count, seed: z.number().int(), groups: count }),
  /** One pair of samples → LR. */
  pairs: PartRecord,
  /** A sample against a group → LR: the median of its pair distances to the group's members (at most `max_members`). */
  group: PartRecord.extend({
    statistic: z.literal('median pair distance'),
    max_members: count,
    /** Members of the groups compared in the calibration (smallest, median, largest). */
    group_sizes: z.tuple([count, num, count]),
  }).nullable(),
  notes: z.array(z.string()),
});
export type LrSystemRecord = z.infer<typeof LrSystemRecord>;
export type LrPartRecord = z.infer<typeof PartRecord>;

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function validationRecord(p: LrPerformance, fits: number): ValidationRecord {
  return {
    validated: p.validated,
    fits,
    cllr: p.cllr,
    cllr_min: p.cllrMin,
    cllr_cal: p.cllrCal,
    eer: p.eer,
    misleading: { hd_above_1: p.misleading.hdAbove1, hp_below_1: p.misleading.hpBelow1, hd_above_100: p.misleading.hdAbove100, hp_below_100: p.misleading.hpBelow100 },
    range: { hp: [finiteOrNull(p.range.hp[0]), finiteOrNull(p.range.hp[1])], hd: [finiteOrNull(p.range.hd[0]), finiteOrNull(p.range.hd[1])] },
    tippett: { levels: [...TIPPETT_LEVELS], hp: p.tippett.hp.map(finiteOrNull), hd: p.tippett.hd.map(finiteOrNull) },
    ece: { prior_log10_odds: [...ECE_PRIORS], system: p.ece.system, pav: p.ece.pav, reference: p.ece.reference },
  };
}

function modelRecord(m: ScoreLrModel): z.infer<typeof ModelRecord> {
  return { offset: m.offset, logistic: m.logistic, pav: m.pav && { x: [...m.pav.x], y: [...m.pav.y] }, bounds: m.bounds };
}

function partRecord(part: ValidatedPart): z.infer<typeof PartRecord> {
  let hp = 0;
  for (const v of part.label) hp += v;
  return { comparisons: { hp, hd: part.label.length - hp }, model: modelRecord(part.model), validation: part.performance && validationRecord(part.performance, part.fits) };
}

const median = (v: ArrayLike<number>): number => {
  const s = Float64Array.from(v).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

/** The record of a computed LR system (validated by the schema). */
export function buildLrSystemRecord(c: LrSystemComputation, propositions: Propositions, groupedBy: string): LrSystemRecord {
  return LrSystemRecord.parse({
    kind: 'score-based',
    pair_comparison: c.comparison,
    method: c.method,
    propositions: { level: propositions.level, hp: propositions.hp, hd: propositions.hd, hp_clause: propositions.clauses.hp, hd_clause: propositions.clauses.hd, hp_short: propositions.short.hp, hd_short: propositions.short.hd },
    cross_validation: { grouped_by: groupedBy, folds: c.folds, seed: c.cvSeed, groups: c.cvGroups },
    pairs: partRecord(c.pairs),
    group: c.group && {
      ...partRecord(c.group),
      statistic: 'median pair distance',
      max_members: c.group.maxMembers,
      group_sizes: [Math.min(...c.group.comparisons.size), median(c.group.comparisons.size), Math.max(...c.group.comparisons.size)],
    },
    notes: c.notes,
  });
}

/** The fitted model a record part holds, to compute LRs with (score-lr.ts). */
export function modelOf(part: LrPartRecord, method: 'pav' | 'logistic'): ScoreLrModel {
  const m = part.model;
  return { method, offset: m.offset, logistic: m.logistic, pav: m.pav, bounds: m.bounds };
}
