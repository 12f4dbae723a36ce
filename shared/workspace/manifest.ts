/**
 * The workspace manifest (workspace.json): its schema, its version, its migrations and its defaults, in
 * one place (defineFormat, the tldraw record pattern of ../shared/STYLE.md). Every read goes through
 * `readManifest`, which migrates older versions forward and refuses newer ones with a clear message.
 */
import { z } from 'zod';
import { defineFormat } from './define-format';

export const MANIFEST_FORMAT = 'signature-workbench/workspace';
export const MANIFEST_VERSION = 2;

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

export const ManifestV2 = z.object({
  format: z.literal(MANIFEST_FORMAT),
  schema_version: z.literal(2),
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  created_at: z.string(),
  created_by: z.string(),
  app_version: z.string(),
  batches: z.array(BatchRecord),
  /** Named JSON documents kept in config/ (compound dictionary, import profiles, calibrations …). */
  documents: z.record(z.string(), z.object({ file: z.string(), sha256: z.string(), updated_at: z.string() })),
  /**
   * How many commits the workspace has had: each write (shared/workspace/commit.ts) raises it by one and its audit
   * line records it, so a writer whose manifest is older than the one on disk is refused, and the audit log's last
   * line must name the manifest's generation (shared/workspace/check.ts).
   */
  generation: z.number().int().nonnegative(),
});
export type Manifest = z.infer<typeof ManifestV2>;

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** The manifest's format. 1 → 2: the generation, 0 for a workspace written before it (its first commit makes it 1). */
export const manifestFormat = defineFormat({
  format: MANIFEST_FORMAT,
  version: MANIFEST_VERSION,
  migrations: { 1: (old) => ({ ...old, generation: 0 }) },
  schema: ManifestV2,
  defaults: { batches: [], documents: {}, generation: 0 },
  what: 'a Signature Workbench workspace manifest',
  error: ManifestError,
});

/** Parses and migrates a manifest; throws ManifestError saying what is wrong. */
export function readManifest(raw: unknown, where = 'workspace.json'): Manifest {
  return manifestFormat.read(raw, where);
}

/** A new, empty manifest at generation 0 (its creation commit makes it 1). */
export function newManifest(init: { id: string; name: string; createdBy: string; appVersion: string; now: Date }): Manifest {
  return manifestFormat.create({ id: init.id, name: init.name, created_at: init.now.toISOString(), created_by: init.createdBy, app_version: init.appVersion });
}
