/**
 * The compound dictionary: each compound's canonical name, synonyms, CAS number and role. Shipped with a
 * default (shared/domain/default-compounds.ts), editable per workspace (config/compound-dictionary.json).
 * Schema, version, migrations and lookup in one file.
 */
import { z } from 'zod';

export const COMPOUND_ROLES = ['main_drug', 'impurity', 'precursor', 'adulterant', 'diluent', 'internal_standard'] as const;
export const CompoundRole = z.enum(COMPOUND_ROLES);
export type CompoundRole = z.infer<typeof CompoundRole>;
/** Roles as the views report them: compounds not in the dictionary are "unassigned". */
export type CompoundRoleOrUnassigned = CompoundRole | 'unassigned';

export const CompoundEntry = z.object({
  name: z.string().min(1).max(200),
  cas: z.string().regex(/^\d{2,7}-\d{2}-\d$/, 'CAS number like 437-38-7').nullable(),
  role: CompoundRole,
  synonyms: z.array(z.string().min(1).max(200)).default([]),
  /** Why the entry and its role (literature), shown to the analyst. */
  note: z.string().max(2000).optional(),
});
export type CompoundEntry = z.infer<typeof CompoundEntry>;

export const DICTIONARY_FORMAT = 'signature-workbench/compound-dictionary';
export const DICTIONARY_VERSION = 1;

export const CompoundDictionary = z
  .object({
    format: z.literal(DICTIONARY_FORMAT),
    schema_version: z.literal(DICTIONARY_VERSION),
    /** The analyst-facing version of the content (e.g. 2026-11-25.1), named in exports. */
    version: z.string().min(1),
    compounds: z.array(CompoundEntry),
  })
  .superRefine((dict, ctx) => {
    const seen = new Map<string, string>();
    dict.compounds.forEach((c, i) => {
      for (const key of [c.name, ...c.synonyms].map(normaliseCompoundKey)) {
        const other = seen.get(key);
        if (other !== undefined && other !== c.name) {
          ctx.addIssue({ code: 'custom', path: ['compounds', i], message: `"${key}" names both ${other} and ${c.name}` });
        }
        seen.set(key, c.name);
      }
    });
  });
export type CompoundDictionary = z.infer<typeof CompoundDictionary>;

/** The key names are matched on: case, spacing and punctuation variants fold together. */
export function normaliseCompoundKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .replace(/\s*([-,()])\s*/g, '$1')
    .trim();
}

/** Synonym → canonical name, over names and synonyms. */
export function buildLookup(dict: CompoundDictionary): Map<string, CompoundEntry> {
  const map = new Map<string, CompoundEntry>();
  for (const c of dict.compounds) for (const n of [c.name, ...c.synonyms]) map.set(normaliseCompoundKey(n), c);
  return map;
}
