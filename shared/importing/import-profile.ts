/**
 * Named import profiles: how one instrument's or LIMS's files are read (header → canonical field,
 * parsing options, sheet), saved by the analyst from the mapping step and kept in the workspace as
 * config/import-profiles.json. Schema, version, migrations and storage in one file.
 */
import { z } from 'zod';
import { defineFormat } from '../workspace/define-format';
import { CANONICAL_FIELDS } from './header-synonyms';
import type { Workspace } from '../workspace/Workspace';

export const IMPORT_PROFILES_DOCUMENT = 'import-profiles';
export const IMPORT_PROFILES_FORMAT = 'signature-workbench/import-profiles';
export const IMPORT_PROFILES_VERSION = 1;

/**
 * What a source column becomes: a canonical field (sample_id, compound, area …), a compound column of a
 * wide file ("compound_column": its header names the compound), an extra column kept as text, or nothing.
 */
export const ColumnTarget = z.union([z.enum(CANONICAL_FIELDS as [string, ...string[]]), z.enum(['compound_column', 'extra', 'ignore'])]);

export const ProfileReadOptions = z
  .object({
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
    delimiter: z.enum([',', ';', '\t', '|']),
    quote: z.enum(['"', "'", '']),
    headerRow: z.number().int().nonnegative(),
    decimal: z.enum(['.', ',']),
    thousands: z.enum(['', ',', '.', ' ', "'"]),
    dateOrder: z.enum(['DMY', 'MDY', 'YMD']).nullable(),
  })
  .partial();

export const ImportProfile = z.object({
  name: z.string().trim().min(1).max(100),
  /** The instrument or system whose files it reads, for the analyst. */
  instrument: z.string().max(200).optional(),
  /** Forces what the files hold, when their columns do not tell. */
  kind: z.enum(['results-long', 'results-wide', 'samples']).optional(),
  /** Source header (as written) → target. Headers not named here go through the synonym table. */
  columns: z.record(z.string(), ColumnTarget).default({}),
  options: ProfileReadOptions.default({}),
  /** XLSX: the sheet to read (name), else the first. */
  sheet: z.string().optional(),
  note: z.string().max(2000).optional(),
});
export type ImportProfile = z.infer<typeof ImportProfile>;

export const ImportProfiles = z
  .object({
    format: z.literal(IMPORT_PROFILES_FORMAT),
    schema_version: z.literal(IMPORT_PROFILES_VERSION),
    profiles: z.array(ImportProfile),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.profiles.forEach((p, i) => {
      if (seen.has(p.name)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'name'], message: `two profiles are named "${p.name}"` });
      seen.add(p.name);
    });
  });
export type ImportProfiles = z.infer<typeof ImportProfiles>;

/** The profiles document's format (version 1 is the first: the next schema change adds its migration here, with a test). */
export const importProfilesFormat = defineFormat({
  format: IMPORT_PROFILES_FORMAT,
  version: IMPORT_PROFILES_VERSION,
  migrations: {},
  schema: ImportProfiles,
  defaults: { profiles: [] },
  what: 'import profiles',
});

/** Parses (and migrates) a stored profiles document; throws with the path of the first problem. */
export function readImportProfiles(raw: unknown): ImportProfiles {
  return importProfilesFormat.read(raw, `config/${IMPORT_PROFILES_DOCUMENT}.json`);
}

/** The workspace's profiles (none when it has not saved any). */
export async function loadImportProfiles(ws: Workspace): Promise<ImportProfile[]> {
  const doc = await ws.getDocument(IMPORT_PROFILES_DOCUMENT);
  return doc === null ? [] : readImportProfiles(doc).profiles;
}

/** The profile with this name, or null. */
export async function findImportProfile(ws: Workspace, name: string): Promise<ImportProfile | null> {
  return (await loadImportProfiles(ws)).find((p) => p.name === name) ?? null;
}

/** Saves a profile (replacing one of the same name); validated before anything is written. */
export async function saveImportProfile(ws: Workspace, profile: ImportProfile): Promise<void> {
  const checked = ImportProfile.parse(profile);
  const others = (await loadImportProfiles(ws)).filter((p) => p.name !== checked.name);
  const doc = importProfilesFormat.create({ profiles: [...others, checked] });
  await ws.putDocument(IMPORT_PROFILES_DOCUMENT, doc, 'import-profile.save');
}

/** Removes a profile; false when there was none of that name. */
export async function deleteImportProfile(ws: Workspace, name: string): Promise<boolean> {
  const all = await loadImportProfiles(ws);
  if (!all.some((p) => p.name === name)) return false;
  const doc = importProfilesFormat.create({ profiles: all.filter((p) => p.name !== name) });
  await ws.putDocument(IMPORT_PROFILES_DOCUMENT, doc, 'import-profile.delete');
  return true;
}
