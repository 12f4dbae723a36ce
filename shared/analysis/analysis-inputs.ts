/**
 * What an analysis was run on, as every persisted analysis record states it: the signature selection, how
 * calibration pairs were formed, and the SHA-256 of every batch file read. Reports must be reproducible from
 * their inputs and parameters (DOMAIN.md, "Reports shared with law enforcement").
 */
import { z } from 'zod';
import { COMPOUND_ROLES } from '../domain/compound-dictionary';
import { supersededIds } from '../db/workspace-views';
import { DEFAULT_NON_DETECT_RULE, LEGACY_NON_DETECT_RULE, NON_DETECT_RULES, type NonDetectRule } from '../profiling/non-detects';
import type { Workspace } from '../workspace/Workspace';
import { MAX_RULE_COLUMNS } from '../profiling/pair-population';
import type { SignatureSelection } from './signature-query';

export const RoleName = z.enum([...COMPOUND_ROLES, 'unassigned']);

/** A saved target list a selection came from. */
export const TargetListRef = z.object({ drug: z.string().min(1), method: z.string().min(1), version: z.number().int().positive() });
export type TargetListRef = z.infer<typeof TargetListRef>;

/** The signature selection as stored: the roles or explicit list asked for, and the compounds actually used. */
export const SignatureSelectionRecord = z.object({
  roles: z.array(RoleName).nullable(),
  /** The compounds used, in matrix column order. */
  compounds: z.array(z.string().min(1)),
  sample_filter: z.string().nullable(),
  target_list: TargetListRef.nullable(),
  /** Compounds the analyst left out of the roles or list (canonical names). */
  excluded_compounds: z.array(z.string().min(1)),
  /**
   * How non-detects entered (shared/profiling/non-detects.ts). Absent in records made before the rule was stated:
   * they used 'zero' (recordedNonDetects), and stay absent so that what is computed from them stays byte for byte.
   */
  non_detects: z.enum(NON_DETECT_RULES).optional(),
});
export type SignatureSelectionRecord = z.infer<typeof SignatureSelectionRecord>;

/** The non-detect rule a record's signature was computed with: its stated rule, or 'zero' for older records. */
export function recordedNonDetects(signature: SignatureSelectionRecord): NonDetectRule {
  return signature.non_detects ?? LEGACY_NON_DETECT_RULE;
}

const ColumnName = z.string().min(1);
const RuleColumns = z.array(ColumnName).min(1).max(MAX_RULE_COLUMNS);

/**
 * How calibration pairs are formed (the population rule, shared/profiling/pair-population.ts; Popovic et al.'s
 * R1–R4). Linked: equal on every `linked_by` column, none empty, optionally only in groups of `linked_group_size`
 * samples (the group of the first column, e.g. seizures of 2–10 samples). Unlinked: different on every
 * `unlinked_by.columns` column, none empty, optionally only between samples alone in their group
 * (`unlinked_singletons`).
 */
export const PairRule = z.object({
  linked_by: RuleColumns,
  unlinked_by: z.object({ columns: RuleColumns, rule: z.literal('different') }),
  /** max null: no upper bound. */
  linked_group_size: z
    .object({ min: z.number().int().min(2), max: z.number().int().min(2).nullable() })
    .refine((s) => s.max === null || s.max >= s.min, { message: 'the largest group size must be at least the smallest' })
    .nullable(),
  unlinked_singletons: z.boolean(),
});
export type PairRule = z.infer<typeof PairRule>;

/**
 * Schema 1 → 2 of the records holding inputs (calibrations, class runs): the pair rule of one column per side
 * becomes lists, and the signature gains its excluded compounds (none then).
 */
export function migrateInputsV1(rule: { linked_by: string; unlinked_by: { column: string } }, signature: Record<string, unknown>): { rule: PairRule; signature: Record<string, unknown> } {
  return {
    rule: { linked_by: [rule.linked_by], unlinked_by: { columns: [rule.unlinked_by.column], rule: 'different' }, linked_group_size: null, unlinked_singletons: false },
    signature: { ...signature, excluded_compounds: [] },
  };
}

/** Default pair rule: same seizure = linked; different case = unlinked (Popovic et al.; Carby-Robinson et al. 2021). */
export const DEFAULT_LINKED_BY = 'seizure_id';
export const DEFAULT_UNLINKED_BY = 'case_id';
export const DEFAULT_PAIR_RULE: PairRule = { linked_by: [DEFAULT_LINKED_BY], unlinked_by: { columns: [DEFAULT_UNLINKED_BY], rule: 'different' }, linked_group_size: null, unlinked_singletons: false };

/** "same seizure_id" / "same seizure_id, x_route (groups of 2–10 samples by seizure_id)": the linked side in words. */
export function describeLinked(rule: PairRule): string {
  const s = rule.linked_group_size;
  const size = s ? ` (groups of ${s.max === null ? `${s.min} or more` : s.min === s.max ? `${s.min}` : `${s.min}–${s.max}`} samples by ${rule.linked_by[0]})` : '';
  return `same ${rule.linked_by.join(', ')}${size}`;
}

/** "different case_id" / "different on each of seizure_id, x_route; only samples alone in their seizure_id": the unlinked side in words. */
export function describeUnlinked(rule: PairRule): string {
  const cols = rule.unlinked_by.columns;
  const head = cols.length === 1 ? `different ${cols[0]}` : `different on each of ${cols.join(', ')}`;
  return `${head}${rule.unlinked_singletons ? `; only samples alone in their ${rule.linked_by[0]}` : ''}`;
}

export const InputBatch = z.object({ id: z.string(), kind: z.enum(['results', 'samples']), data_sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type InputBatch = z.infer<typeof InputBatch>;

/** The live (not superseded) batches the views read, with their data files' SHA-256, in id order. */
export function inputBatches(ws: { manifest: Pick<Workspace['manifest'], 'batches'> }): InputBatch[] {
  const superseded = supersededIds(ws.manifest.batches);
  return ws.manifest.batches
    .filter((b) => !superseded.has(b.id))
    .map((b) => ({ id: b.id, kind: b.kind, data_sha256: b.data_sha256 }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The stored form of a selection, given the compounds it resolved to. */
export function selectionRecord(selection: SignatureSelection, compounds: readonly string[]): SignatureSelectionRecord {
  return {
    roles: selection.compounds?.length ? null : [...(selection.roles ?? [])],
    compounds: [...compounds],
    sample_filter: selection.sampleFilter ?? null,
    target_list: selection.targetList ?? null,
    excluded_compounds: [...(selection.excludeCompounds ?? [])],
    non_detects: selection.nonDetects ?? DEFAULT_NON_DETECT_RULE,
  };
}

/** A 95 % interval as stored in records. */
export const Interval = z.object({ low: z.number(), high: z.number() });

/** The contamination of a calibration's unlinked pairs as stored (shared/profiling/contamination.ts). */
export const ContaminationRecord = z.object({
  /** Estimated share of unlinked pairs from a common source. */
  share: z.number().min(0).max(1),
  /**
   * Components on log10 distance: same source a Gaussian (mean, sd); different sources a Student t (location, scale,
   * degrees of freedom `df`, estimated; absent in records made while it was fixed at 4: shared/profiling/student-t.ts).
   */
  same_source: z.object({ mean: z.number(), sd: z.number() }),
  different_sources: z.object({ mean: z.number(), sd: z.number(), df: z.number().min(1).optional() }),
  /** Distances below it are taken at it before the log. */
  floor: z.number().positive(),
  converged: z.boolean(),
  model: z.string(),
});
export type ContaminationRecord = z.infer<typeof ContaminationRecord>;

/** The model as records name it. */
export const CONTAMINATION_MODEL = 'two-component mixture on log10 distances (same source: Gaussian anchored on the linked pairs; different sources: Student t, degrees of freedom estimated)';

/** Names as stored in records (the core's string unions). */
export const PretreatmentName = z.enum(['none', 'n', 'sqrt', 'fourth-root', 'log', 'n+s', 'autoscale']);
export const ScoreName = z.enum(['pearson', 'cosine', 'euclidean', 'manhattan', 'canberra']);
export const LinkageName = z.enum(['single', 'complete', 'average', 'weighted', 'ward']);
