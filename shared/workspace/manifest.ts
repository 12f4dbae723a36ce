/**
 * The workspace manifest (workspace.json): its schema, its version, its migrations and its defaults, in
 * one place (the tldraw record pattern, ../shared/STYLE.md). Every read goes through `readManifest`, which
 * migrates older versions forward and refuses newer ones with a clear message.
 */
import { z } from 'zod';

export const MANIFEST_FORMAT = 'signature-workbench/workspace';
export const MANIFEST_VERSION = 1;

export const BatchKind = z.enum(['results', 'samples']);
export type BatchKind = z.infer<typeof BatchKind>;

/** One imported file. The data file is immutable once written; corrections arrive as new batches. */
export const BatchRecord = z.object({
  id: z.string().regex(/^B\d{4,}$/),
  kind: BatchKind,
  /** The imported file's own name, size and SHA-256: the provenance a court may ask for. */
  file_name: z.string().min(1),
  file_size: z.number().int().nonnegative(),
  file_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The file type recognised (csv, tsv, xlsx, parquet, arrow) and the import profile used, if any. */
  format: z.string(),
  profile: z.string().nullable(),
  analyst: z.string(),
  imported_at: z.string(),
  rows_read: z.number().int().nonnegative(),
  rows_imported: z.number().int().nonnegative(),
  rows_quarantined: z.number().int().nonnegative(),
  /** The Arrow IPC file that holds the imported rows, and its SHA-256. */
  data_file: z.string(),
  data_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  quarantine_file: z.string().nullable(),
  /** The batch this one corrects (a new version of the same file), if any. */
  supersedes: z.string().nullable(),
  /** The sheet read from a workbook (XLSX): two sheets of one file are two imports, not a duplicate. */
  sheet: z.string().nullable().optional(),
});
export type BatchRecord = z.infer<typeof BatchRecord>;

export const ManifestV1 = z.object({
  format: z.literal(MANIFEST_FORMAT),
  schema_version: z.literal(1),
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  created_at: z.string(),
  created_by: z.string(),
  app_version: z.string(),
  batches: z.array(BatchRecord),
  /** Named JSON documents kept in config/ (compound dictionary, import profiles, calibrations …). */
  documents: z.record(z.string(), z.object({ file: z.string(), sha256: z.string(), updated_at: z.string() })),
});
export type Manifest = z.infer<typeof ManifestV1>;

/**
 * Migrations from each older version to the next: `migrations[v]` turns a version-v object into v+1.
 * Version 1 is the first, so the list is empty; the next schema change adds its step here with a test.
 */
const migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** Parses and migrates a manifest; throws ManifestError saying what is wrong. */
export function readManifest(raw: unknown, where = 'workspace.json'): Manifest {
  if (typeof raw !== 'object' || raw === null) throw new ManifestError(`${where}: not a JSON object`);
  let doc = raw as Record<string, unknown>;
  if (doc.format !== MANIFEST_FORMAT) throw new ManifestError(`${where}: not a Signature Workbench workspace manifest (format is ${JSON.stringify(doc.format)})`);
  let version = doc.schema_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ManifestError(`${where}: schema_version must be a whole number from 1 on`);
  }
  if (version > MANIFEST_VERSION) {
    throw new ManifestError(`${where}: written by a newer Signature Workbench (schema ${version}; this one reads up to ${MANIFEST_VERSION}). Update the workbench to open it.`);
  }
  while (version < MANIFEST_VERSION) {
    const step = migrations[version];
    if (!step) throw new ManifestError(`${where}: no migration from schema ${version}`);
    doc = { ...step(doc), schema_version: version + 1 };
    version += 1;
  }
  const parsed = ManifestV1.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** A new, empty manifest. */
export function newManifest(init: { id: string; name: string; createdBy: string; appVersion: string; now: Date }): Manifest {
  return {
    format: MANIFEST_FORMAT,
    schema_version: MANIFEST_VERSION,
    id: init.id,
    name: init.name,
    created_at: init.now.toISOString(),
    created_by: init.createdBy,
    app_version: init.appVersion,
    batches: [],
    documents: {},
  };
}
