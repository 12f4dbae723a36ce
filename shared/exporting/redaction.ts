/**
 * Redaction profiles: which columns may leave the lab, per audience. Each profile is an allow-list, not a
 * deny-list, on purpose: a column the workbench adds later (a new batch column, an extra `x_` column of an
 * imported file) stays inside the lab until someone decides it may go, instead of leaking by default.
 *
 * Profiles are named, editable, and kept in the workspace as versions: every saved set is a new
 * config/redaction-profiles-V0001.json …, the one in force copied to config/redaction-profiles.json
 * (shared/workspace/document-versions.ts), so that an export or report made under an earlier set can still be
 * verified. Schema, version, migrations and defaults in this one file, as for the workspace manifest. Until an
 * analyst saves an edited set, the shipped defaults apply.
 */
import { z } from 'zod';
import type { Table } from 'apache-arrow';
import { readInForce, saveVersion, VERSION_ID } from '../workspace/document-versions';
import type { Workspace } from '../workspace/Workspace';
import { readVersioned, type VersionedFormat } from './versioned-document';

export const REDACTION_DOCUMENT = 'redaction-profiles';
export const REDACTION_FORMAT = 'signature-workbench/redaction-profiles';
export const REDACTION_VERSION = 2;

/** Stands for every compound-area column of a `signatures` export, whose names come from the data. */
export const COMPOUND_COLUMNS = '@compounds';

/**
 * An allow-list entry: a column name (`case_id`), a prefix pattern (`x_*`), `*` for every column, or
 * `@compounds` for the compound columns of a signatures export.
 */
export const ColumnPattern = z.string().regex(/^(\*|@compounds|[A-Za-z0-9_]+\*?)$/, 'a column name, a prefix ending in *, * or @compounds');

export const RedactionProfile = z.object({
  /** The name used on the command line and in manifests: lower case, digits, dashes. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
  description: z.string().max(2000),
  /** The columns that may leave the lab; every other column is removed. */
  allow: z.array(ColumnPattern).min(1),
  /**
   * How much an export's manifest may say about where the data came from. `full`: selection values and
   * SQL, workspace and imported file names. `minimal`: ids, counts and SHA-256 only (names and selection
   * values can carry case numbers); the audit log inside the lab keeps the full record either way.
   */
  manifest_detail: z.enum(['full', 'minimal']),
}).refine((p) => p.manifest_detail === 'minimal' || (allows(p, 'case_id') && allows(p, 'sample_id')), {
  message: "a profile that removes case_id or sample_id needs manifest_detail 'minimal': a full manifest names the selected cases and samples",
  path: ['manifest_detail'],
});
export type RedactionProfile = z.infer<typeof RedactionProfile>;

export const RedactionProfilesV2 = z
  .object({
    format: z.literal(REDACTION_FORMAT),
    schema_version: z.literal(2),
    /** The version this set was saved as (V0001 …); null for the shipped defaults and a set kept before versions. */
    version: z.string().regex(VERSION_ID).nullable(),
    profiles: z.array(RedactionProfile).min(1),
  })
  .refine((d) => new Set(d.profiles.map((p) => p.name)).size === d.profiles.length, { message: 'profile names must be unique', path: ['profiles'] });
export type RedactionProfiles = z.infer<typeof RedactionProfilesV2>;

const spec: VersionedFormat<RedactionProfiles> = {
  format: REDACTION_FORMAT,
  version: REDACTION_VERSION,
  // 1 → 2: sets are kept as versions; a version-1 set was kept before them (config/redaction-profiles.json alone).
  migrations: { 1: (old) => ({ ...old, version: null }) },
  schema: RedactionProfilesV2,
  what: 'a redaction profile set',
};

/** Columns that describe where and for whom a seizure was made: they identify an investigation. */
const INVESTIGATION_COLUMNS = ['case_id', 'seizure_id', 'city', 'lat', 'lon', 'agency'];
/** What a sample is and what was measured: the substance of every export. */
const SAMPLE_AND_RESULT_COLUMNS = [
  'sample_id', 'seized_on', 'region', 'form', 'mass_g', 'main_drug', 'purity_pct',
  'compound', 'role', 'area', 'detected', 'unit', 'method', 'instrument', 'analysed_on', COMPOUND_COLUMNS,
];

/**
 * The shipped profiles. Lab bookkeeping (batch ids, source lines, raw compound names, not-detected tokens,
 * retention times, measurement counts) and extra `x_` columns stay in the lab for both outside audiences.
 */
export const DEFAULT_REDACTION_PROFILES: RedactionProfiles = {
  format: REDACTION_FORMAT,
  schema_version: REDACTION_VERSION,
  version: null,
  profiles: [
    { name: 'internal', description: 'Inside the lab: every column.', allow: ['*'], manifest_detail: 'full' },
    {
      name: 'law-enforcement',
      description: 'For the investigators of the case: sample, seizure and result columns; lab bookkeeping and extra x_ columns stay in the lab.',
      allow: [...SAMPLE_AND_RESULT_COLUMNS.slice(0, 1), ...INVESTIGATION_COLUMNS, ...SAMPLE_AND_RESULT_COLUMNS.slice(1)],
      manifest_detail: 'full',
    },
    {
      name: 'external-partner',
      description: 'For partners outside the investigation (other labs, researchers): no case, seizure, place or agency, no extra x_ columns; the manifest names no files.',
      allow: SAMPLE_AND_RESULT_COLUMNS,
      manifest_detail: 'minimal',
    },
    {
      name: 'intelligence-exchange',
      description: 'For exchange packages to partner labs and agencies (sigwb share): signatures, classes, drug, seizure date, region and port of entry; no case, seizure, city, coordinates or agency; sample ids pseudonymised.',
      allow: ['seized_on', 'region', 'x_port_of_entry', 'main_drug', 'form', COMPOUND_COLUMNS],
      manifest_detail: 'minimal',
    },
  ],
};

export class RedactionError extends Error {
  override name = 'RedactionError';
}

/** Validates (and migrates) a profile set read from JSON. */
export function readRedactionProfiles(raw: unknown, where = `config/${REDACTION_DOCUMENT}.json`): RedactionProfiles {
  return readVersioned(raw, spec, where);
}

/** The profiles in force for a workspace: its saved set (the latest version), or the shipped defaults. */
export async function loadRedactionProfiles(ws: Workspace): Promise<RedactionProfiles> {
  const stored = await readInForce(ws, REDACTION_DOCUMENT);
  return stored === null ? DEFAULT_REDACTION_PROFILES : readRedactionProfiles(stored.raw, stored.inForce.file);
}

/**
 * Validates an edited profile set and saves it as a new version (audited as `redaction.save`); returns the set in
 * force. A set equal to the saved one in force writes nothing.
 */
export async function saveRedactionProfiles(ws: Workspace, profiles: RedactionProfile[]): Promise<RedactionProfiles> {
  const doc = readRedactionProfiles({ format: REDACTION_FORMAT, schema_version: REDACTION_VERSION, version: null, profiles }, 'redaction profiles');
  const current = await readInForce(ws, REDACTION_DOCUMENT);
  if (current !== null) {
    const saved = readRedactionProfiles(current.raw, current.inForce.file);
    if (JSON.stringify(saved.profiles) === JSON.stringify(doc.profiles)) return saved;
  }
  const v = await saveVersion(ws, REDACTION_DOCUMENT, (version) => ({ ...doc, version }), 'redaction.save');
  return { ...doc, version: v.version };
}

/** The named profile, or a RedactionError listing the names there are. */
export function findProfile(set: RedactionProfiles, name: string): RedactionProfile {
  const p = set.profiles.find((q) => q.name === name);
  if (!p) throw new RedactionError(`no redaction profile "${name}" (profiles: ${set.profiles.map((q) => q.name).join(', ')})`);
  return p;
}

/** Whether a profile lets a column leave the lab; `isCompound` marks a signatures export's compound columns. */
export function allows(profile: { readonly allow: readonly string[] }, column: string, isCompound = false): boolean {
  return profile.allow.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern === COMPOUND_COLUMNS) return isCompound;
    if (isCompound) return false;
    return pattern.endsWith('*') ? column.startsWith(pattern.slice(0, -1)) : column === pattern;
  });
}

export interface Redacted {
  table: Table;
  /** Columns removed, in table order. */
  removed: string[];
}

/** Drops the columns the profile does not allow; `compoundColumns` names a signatures export's area columns. O(columns). */
export function applyRedaction(table: Table, profile: RedactionProfile, compoundColumns: ReadonlySet<string> = new Set()): Redacted {
  const names = table.schema.fields.map((f) => f.name);
  const kept = names.filter((n) => allows(profile, n, compoundColumns.has(n)));
  const removed = names.filter((n) => !kept.includes(n));
  return { table: removed.length === 0 ? table : table.select(kept), removed };
}
