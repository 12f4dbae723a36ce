/**
 * The signature library: per drug, the synthesis routes with their precursor profiles, and the marker rules that
 * weigh a compound's abundance as evidence for routes. Versioned, zod-validated JSON, stored per workspace
 * (config/signature-library.json) over a shipped default (default-library.ts). Schema, version, migrations and
 * lookups in one file. Every rule cites its literature source or is marked an assumption with a note.
 */
import { z } from 'zod';
import { defineFormat } from '../workspace/define-format';
import { normaliseCompoundKey } from '../domain/compound-dictionary';

export const LIBRARY_FORMAT = 'signature-workbench/signature-library';
export const LIBRARY_VERSION = 1;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens, e.g. p2p-leuckart');
const Text = z.string().min(1).max(2000);
const Fraction = z.number().gt(0).lte(1);

/** How much a marker rule weighs when it counts fully; the log10 weight of each level is in `evidence_scale`. */
export const Strength = z.enum(['weak', 'moderate', 'strong']);
export type Strength = z.infer<typeof Strength>;

/** One compound of a route's precursor profile: its share of the precursors (the shares sum to 1). */
export const PrecursorShare = z.object({ compound: Text, proportion: z.number().gt(0).lte(1) });

export const Route = z
  .object({
    id: Id,
    name: Text,
    synonyms: z.array(Text).default([]),
    description: Text,
    /** Expected residual precursors, as shares of the precursors' total area. */
    precursors: z.array(PrecursorShare).default([]),
    /** Literature the profile comes from, or null when it is an assumption. */
    precursors_source: Text.nullable().default(null),
    precursors_assumption: z.boolean().default(false),
    precursors_note: z.string().max(2000).default(''),
  })
  .superRefine((r, ctx) => {
    if (r.precursors.length > 0) {
      const sum = r.precursors.reduce((s, c) => s + c.proportion, 0);
      if (Math.abs(sum - 1) > 1e-6) ctx.addIssue({ code: 'custom', path: ['precursors'], message: `proportions sum to ${sum}, not 1` });
      if (r.precursors_source === null && !r.precursors_assumption) {
        ctx.addIssue({ code: 'custom', path: ['precursors_assumption'], message: 'a profile without a source must be marked an assumption' });
      }
      if (r.precursors_assumption && r.precursors_note.trim() === '') ctx.addIssue({ code: 'custom', path: ['precursors_note'], message: 'say why the assumption' });
    }
  });
export type Route = z.infer<typeof Route>;

export const MarkerRule = z
  .object({
    id: Id,
    /** Canonical compound name (shared/domain compound dictionary). */
    compound: Text,
    /** Routes the marker supports (ids of this drug's routes). */
    routes: z.array(Id).min(1),
    /** Abundance from which it counts, as a fraction of the sample's total target area (normalised signature). */
    min_fraction: Fraction,
    /** Abundance at which it counts fully; default 10 × min_fraction. Between the two the weight grows with log abundance. */
    full_fraction: Fraction.optional(),
    strength: Strength,
    /** Literature for the compound → route link, or null. */
    source: Text.nullable(),
    /** The literature proposes the link rather than establishes it (e.g. Vandeputte et al. 2021). */
    proposed: z.boolean().default(false),
    /** True when the link or any number of the rule (threshold, strength) is not from the literature. */
    assumption: z.boolean(),
    note: z.string().max(2000).default(''),
  })
  .superRefine((m, ctx) => {
    if (m.source === null && !m.assumption) ctx.addIssue({ code: 'custom', path: ['assumption'], message: 'a rule without a source must be marked an assumption' });
    if (m.assumption && m.note.trim() === '') ctx.addIssue({ code: 'custom', path: ['note'], message: 'say why the assumption' });
    if (m.full_fraction !== undefined && !(m.full_fraction > m.min_fraction)) {
      ctx.addIssue({ code: 'custom', path: ['full_fraction'], message: 'must be above min_fraction' });
    }
  });
export type MarkerRule = z.infer<typeof MarkerRule>;

export const DrugLibrary = z
  .object({
    /** Canonical name of the main drug (as the samples' main_drug). */
    drug: Text,
    routes: z.array(Route).min(1),
    markers: z.array(MarkerRule).default([]),
    note: z.string().max(4000).default(''),
  })
  .superRefine((d, ctx) => {
    const ids = new Set<string>();
    const names = new Map<string, string>();
    d.routes.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['routes', i, 'id'], message: `route ${r.id} appears twice` });
      ids.add(r.id);
      for (const nm of [r.id, r.name, ...r.synonyms].map(normaliseCompoundKey)) {
        const other = names.get(nm);
        if (other !== undefined && other !== r.id) ctx.addIssue({ code: 'custom', path: ['routes', i], message: `"${nm}" names both ${other} and ${r.id}` });
        names.set(nm, r.id);
      }
    });
    const ruleIds = new Set<string>();
    d.markers.forEach((m, i) => {
      if (ruleIds.has(m.id)) ctx.addIssue({ code: 'custom', path: ['markers', i, 'id'], message: `rule ${m.id} appears twice` });
      ruleIds.add(m.id);
      m.routes.forEach((r, j) => {
        if (!ids.has(r)) ctx.addIssue({ code: 'custom', path: ['markers', i, 'routes', j], message: `${r} is not a ${d.drug} route` });
      });
    });
  });
export type DrugLibrary = z.infer<typeof DrugLibrary>;

/** log10 weight of a marker rule at full abundance, per strength level (an LR-like scale). */
export const EvidenceScale = z
  .object({
    weak: z.number().gt(0),
    moderate: z.number().gt(0),
    strong: z.number().gt(0),
    assumption: z.boolean(),
    note: z.string().max(2000).default(''),
  })
  .refine((s) => s.weak <= s.moderate && s.moderate <= s.strong, 'weak ≤ moderate ≤ strong');
export type EvidenceScale = z.infer<typeof EvidenceScale>;

export const SignatureLibrary = z
  .object({
    format: z.literal(LIBRARY_FORMAT),
    schema_version: z.literal(LIBRARY_VERSION),
    /** Analyst-facing version of the content (e.g. default-2026.11), named in outputs. */
    version: Text,
    evidence_scale: EvidenceScale,
    drugs: z.array(DrugLibrary),
  })
  .superRefine((lib, ctx) => {
    const seen = new Set<string>();
    lib.drugs.forEach((d, i) => {
      const key = normaliseCompoundKey(d.drug);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['drugs', i, 'drug'], message: `${d.drug} appears twice` });
      seen.add(key);
    });
  });
export type SignatureLibrary = z.infer<typeof SignatureLibrary>;

export class SignatureLibraryError extends Error {
  override name = 'SignatureLibraryError';
}

/** The library's format (no migrations yet: version 1 is the first). */
export const libraryFormat = defineFormat({ format: LIBRARY_FORMAT, version: LIBRARY_VERSION, migrations: {}, schema: SignatureLibrary, defaults: {}, what: 'a signature library', error: SignatureLibraryError });

/** Reads a stored library of any known schema version (migrating it), or throws SignatureLibraryError naming the field. */
export function readSignatureLibrary(raw: unknown, where = 'signature library'): SignatureLibrary {
  return libraryFormat.read(raw, where);
}

/** The library part for a drug (matched on the normalised name), or null. */
export function drugLibrary(lib: SignatureLibrary, drug: string): DrugLibrary | null {
  const key = normaliseCompoundKey(drug);
  return lib.drugs.find((d) => normaliseCompoundKey(d.drug) === key) ?? null;
}

/** The route a name designates (id, name or synonym, normalised), or null. */
export function findRoute(drug: DrugLibrary, name: string): Route | null {
  const key = normaliseCompoundKey(name);
  return drug.routes.find((r) => [r.id, r.name, ...r.synonyms].some((n) => normaliseCompoundKey(n) === key)) ?? null;
}

/** The drug whose library has a route of this name, when exactly one has; else null. */
export function drugOfRoute(lib: SignatureLibrary, name: string): DrugLibrary | null {
  const hits = lib.drugs.filter((d) => findRoute(d, name) !== null);
  return hits.length === 1 ? hits[0] : null;
}

/** Every compound name the library uses (rules and precursor profiles), for checking against the dictionary. */
export function libraryCompounds(lib: SignatureLibrary): string[] {
  const out = new Set<string>();
  for (const d of lib.drugs) {
    for (const m of d.markers) out.add(m.compound);
    for (const r of d.routes) for (const c of r.precursors) out.add(c.compound);
  }
  return [...out].sort();
}
