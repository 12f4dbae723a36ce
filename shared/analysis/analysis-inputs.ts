/**
 * What an analysis was run on, as every persisted analysis record states it: the signature selection, how
 * calibration pairs were formed, and the SHA-256 of every batch file read. Reports must be reproducible from
 * their inputs and parameters (DOMAIN.md, "Reports shared with law enforcement").
 */
import { z } from 'zod';
import { COMPOUND_ROLES } from '../domain/compound-dictionary';
import { supersededIds } from '../db/workspace-views';
import type { Workspace } from '../workspace/Workspace';
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
});
export type SignatureSelectionRecord = z.infer<typeof SignatureSelectionRecord>;

/** Linked pairs: same value of `linked_by` (default seizure_id). Unlinked: different values of `unlinked_by.column`. */
export const PairRule = z.object({
  linked_by: z.string().min(1),
  unlinked_by: z.object({ column: z.string().min(1), rule: z.literal('different') }),
});
export type PairRule = z.infer<typeof PairRule>;

/** Default pair rule: same seizure = linked; different case = unlinked (Popovic et al.; Carby-Robinson et al. 2021). */
export const DEFAULT_LINKED_BY = 'seizure_id';
export const DEFAULT_UNLINKED_BY = 'case_id';

export const InputBatch = z.object({ id: z.string(), kind: z.enum(['results', 'samples']), data_sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type InputBatch = z.infer<typeof InputBatch>;

/** The live (not superseded) batches the views read, with their data files' SHA-256, in id order. */
export function inputBatches(ws: Workspace): InputBatch[] {
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
  };
}

/** Names as stored in records (the core's string unions). */
export const PretreatmentName = z.enum(['none', 'n', 'sqrt', 'fourth-root', 'log', 'n+s', 'autoscale']);
export const ScoreName = z.enum(['pearson', 'cosine', 'euclidean', 'manhattan', 'canberra']);
export const LinkageName = z.enum(['single', 'complete', 'average', 'weighted', 'ward']);
