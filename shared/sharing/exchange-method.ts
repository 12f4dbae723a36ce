/**
 * The method a lab's shared signatures were made with, and its validation figures: what a partner needs to judge and
 * reuse them. Profiles are comparable across labs only when they were pretreated alike: the same compounds in the same
 * (N normalises to the sum of exactly those; their order does not matter, columns go by name), the same pretreatment and log offset, the same score, and no
 * data-set scaling of the sender's own (N+S and autoscale divide by the sender's standard deviations, which a
 * receiver's new samples do not share). Harmonised methods make inter-lab comparison possible at all (Andersson et al.
 * 2007, the European harmonised amphetamine method; Esseiva et al. 2011: recalibrate per drug and per method): the
 * receiver links partner profiles under its own calibration in force, and the record says whose figures are whose.
 */
import { z } from 'zod';
import type { CalibrationRecord } from '../analysis/calibration-record';
import type { EvidenceModel } from '../linking/link-evidence';
import { sha256Hex } from '../util/sha256';
import { utf8 } from '../util/text';

export const SharedMethod = z.object({
  calibration_id: z.string(),
  compounds: z.array(z.string()).min(1),
  pretreatment: z.string(),
  score: z.string(),
  log_offset: z.number(),
  /** The sender's column scaling (N+S, autoscale), or null. */
  column_scaling: z.object({ centre: z.array(z.number()).nullable(), scale: z.array(z.number()).nullable() }).nullable(),
  /** What makes two labs' profiles comparable (see the module doc), as SHA-256 of those fields. */
  comparable_key: z.string().regex(/^[0-9a-f]{64}$/),
  threshold: z.object({ distance: z.number(), score_100: z.number(), fpr: z.number(), tpr: z.number() }),
  accepted_fpr: z.number(),
  auc: z.number(),
  pairs: z.object({ linked: z.number().int(), unlinked: z.number().int() }),
  /** The pair populations the calibration was made on (its record's pairs_rule). */
  pairs_rule: z.unknown(),
  lr: z.object({ model: z.string(), validated: z.boolean(), validation: z.unknown().nullable() }),
  warnings: z.array(z.string()),
});
export type SharedMethod = z.infer<typeof SharedMethod>;

/** The comparability key of a method's pretreatment (see the module doc). */
export function comparableKey(m: Pick<SharedMethod, 'compounds' | 'pretreatment' | 'score' | 'log_offset' | 'column_scaling'>): Promise<string> {
  return sha256Hex(utf8(JSON.stringify([[...m.compounds].sort(), m.pretreatment, m.score, m.pretreatment === 'log' ? m.log_offset : null, m.column_scaling])));
}

/** The method of a workspace's calibration in force, with its validation figures (and the LR system's, when it has one). */
export async function sharedMethodOf(record: CalibrationRecord, evidence: Pick<EvidenceModel, 'description' | 'validated'>): Promise<SharedMethod> {
  const s = record.column_scaling;
  const base = {
    compounds: [...record.inputs.signature.compounds],
    pretreatment: record.chosen.pretreatment,
    score: record.chosen.score,
    log_offset: record.inputs.log_offset,
    column_scaling: s && (s.centre || s.scale) ? { centre: s.centre, scale: s.scale } : null,
  };
  const lrSystem = (record as { lr_system?: { validation?: unknown } | null }).lr_system;
  return SharedMethod.parse({
    ...base,
    calibration_id: record.id,
    comparable_key: await comparableKey(base),
    threshold: record.threshold,
    accepted_fpr: record.accepted_fpr,
    auc: record.auc,
    pairs: { linked: record.inputs.pairs.linked, unlinked: record.inputs.pairs.unlinked },
    pairs_rule: record.inputs.pairs_rule,
    lr: { model: evidence.description, validated: evidence.validated, validation: lrSystem?.validation ?? null },
    warnings: record.warnings,
  });
}

/** Pretreatments a receiver can derive from relative areas (N): those that start from N (pretreatment.ts). */
const FROM_RELATIVE = new Set(['n', 'sqrt', 'fourth-root', 'log', 'n+s']);

/**
 * How a partner's profiles can be linked under our method: 'as-sent' (the same method: their pretreated values),
 * 'relative' (our pretreatment applied to their relative areas, renormalised over our compounds: the same N-based
 * pretreatment a sample of ours gets), or the reason they cannot.
 */
export function comparability(ours: SharedMethod, theirs: SharedMethod, hasRelative: boolean): { use: 'as-sent' | 'relative' } | { reason: string } {
  const missing = ours.compounds.filter((c) => !theirs.compounds.includes(c));
  if (!theirs.column_scaling && !ours.column_scaling && theirs.comparable_key === ours.comparable_key) return { use: 'as-sent' };
  if (missing.length) return { reason: `their profiles lack ${missing.join(', ')}` };
  if (!hasRelative) return { reason: `they sent pretreated values only (${theirs.pretreatment} + ${theirs.score}; ours ${ours.pretreatment} + ${ours.score})` };
  if (!FROM_RELATIVE.has(ours.pretreatment)) return { reason: `our pretreatment ${ours.pretreatment} does not start from relative areas` };
  return { use: 'relative' };
}
