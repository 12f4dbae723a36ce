/**
 * The export manifest (`<file>.manifest.json`, and embedded in every report): what left the lab, from which
 * inputs, under which redaction profile and sensitivity label, by whom and when, and the SHA-256 of the
 * file itself, so that an export can be checked and reproduced (SWGDRUG SD-5; ISO 21043-5). Schema,
 * version, migrations and defaults in one file, like the workspace manifest.
 */
import { z } from 'zod';
import type { Table } from 'apache-arrow';
import type { Workspace } from '../workspace/Workspace';
import { supersededIds } from '../db/workspace-views';
import { DICTIONARY_DOCUMENT, loadDictionary } from '../domain/workspace-dictionary';
import { loadVocabularies, VOCABULARIES_DOCUMENT } from '../domain/workspace-vocabulary';
import { inForce } from '../workspace/document-versions';
import { sha256Hex } from '../util/sha256';
import { utf8 } from '../util/text';
import type { RedactionProfile } from './redaction';
import { describeSelection, type Selection } from './selection';
import { SensitivityLabel } from './sensitivity-label';
import { documentInputs, DocumentVersionUsed } from './versioned-inputs';
import { readVersioned, type VersionedFormat } from './versioned-document';

export const EXPORT_MANIFEST_FORMAT = 'signature-workbench/export-manifest';
export const EXPORT_MANIFEST_VERSION = 4;
/** The first manifest schema that states the controlled vocabularies (reports of earlier ones show values as written). */
export const VOCABULARIES_SINCE_SCHEMA = 4;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * What a report was computed from, beyond the inputs every export lists, so that `sigwb verify` can compute it
 * again: the builder, its parameters, the versioned analysis records it read (each with its record's and data
 * file's SHA-256), and the report's own SHA-256 (shared/reporting/report-hash.ts defines it).
 */
export const ReportRecord = z.object({
  /** The builder that made the report. */
  kind: z.enum(['sample-list', 'class-report', 'validation-report']),
  /** The name the report was written under (the text names its manifest file after it). */
  file_name: z.string().min(1),
  /** The builder's parameters; each builder checks its own (shared/reporting). */
  settings: z.record(z.string(), z.unknown()),
  /** Calibrations and class runs read: never overwritten, so a changed SHA-256 means a changed record. */
  records: z.array(
    z.object({
      kind: z.enum(['calibration', 'class-run']),
      id: z.string(),
      document: z.string(),
      record_sha256: Sha256,
      data_file: z.string(),
      data_sha256: Sha256,
    }),
  ),
  /** SHA-256 of the HTML with every occurrence of this value deleted; '' while the report is being hashed. */
  report_sha256: z.union([Sha256, z.literal('')]),
});
export type ReportRecord = z.infer<typeof ReportRecord>;

const ManifestBodyV4 = z.object({
  format: z.literal(EXPORT_MANIFEST_FORMAT),
  schema_version: z.literal(EXPORT_MANIFEST_VERSION),
  /** Also in the audit log entry of this export: the link between what left and the lab's record. */
  export_id: z.string().min(1).max(100),
  kind: z.enum(['data', 'report']),
  created_at: z.string(),
  analyst: z.string().min(1),
  software: z.object({ name: z.string(), version: z.string() }),
  /** Required: every export carries a sensitivity label (e.g. PROTECTED B). */
  sensitivity_label: SensitivityLabel,
  /** The workspace's name is null when the redaction profile's manifest detail is minimal. */
  workspace: z.object({ id: z.string(), name: z.string().nullable() }),
  selection: z.object({
    kind: z.enum(['all', 'cases', 'samples', 'sql']),
    description: z.string(),
    /** Values and SQL are null when withheld by the redaction profile (see `withheld`). */
    case_ids: z.array(z.string()).nullable(),
    sample_ids: z.array(z.string()).nullable(),
    sql: z.string().nullable(),
    withheld: z.boolean(),
    /**
     * SHA-256 of `{"nonce":…,"selection":…}` as JSON: a commitment to the selection. The nonce is only in the
     * lab's audit log, so the lab can show which selection this was, while guessing case numbers and hashing
     * them does not reveal a withheld one.
     */
    sha256: Sha256,
    samples: z.number().int().nonnegative(),
  }),
  content: z.object({
    what: z.enum(['samples', 'measurements', 'signatures', 'sample-list', 'class-report', 'validation-report']),
    query_sql: z.string().nullable(),
    rows: z.number().int().nonnegative(),
    columns: z.array(z.object({ name: z.string(), type: z.string() })),
    notes: z.array(z.string()),
  }),
  redaction: z.object({
    profile: z.string(),
    /** A copy of the allow-list as it was: profiles can be edited later. */
    allow: z.array(z.string()),
    manifest_detail: z.enum(['full', 'minimal']),
    removed_columns: z.array(z.string()),
  }),
  inputs: z.object({
    /** Every batch of the workspace, superseded ones marked (their rows are not in the views). */
    batches: z.array(
      z.object({
        batch_id: z.string(),
        kind: z.string(),
        file_name: z.string().nullable(),
        file_sha256: Sha256,
        data_sha256: Sha256,
        superseded: z.boolean(),
      }),
    ),
    /**
     * The workspace documents the export read, with their SHA-256 (schemas 1 and 2: every document). A document
     * kept as versions is listed through the version read (the copy in force, config/<name>.json, never: it is
     * rewritten at every save).
     */
    documents: z.array(z.object({ name: z.string(), sha256: z.string() })),
    /**
     * The version used of each document kept as versions that the export read (redaction profiles, reference
     * samples, compound dictionary, signature library, calibration in force); one never saved is absent.
     */
    versions: z.array(DocumentVersionUsed),
    /** The compound dictionary that named the compounds: the workspace's own, or the shipped default. */
    compound_dictionary: z.object({ version: z.string(), source: z.enum(['workspace', 'shipped default']) }),
    /**
     * The controlled vocabularies that mapped region, form and main drug: the workspace's own, or the shipped default.
     * Written from schema 4 on; absent in manifests made before vocabularies existed (values shown as written).
     */
    vocabularies: z.object({ version: z.string(), source: z.enum(['workspace', 'shipped default']) }).optional(),
  }),
  /** Reports only (absent from data exports and from reports made before it existed). */
  report: ReportRecord.optional(),
});

const Output = z.object({
  file_name: z.string().min(1),
  format: z.string(),
  media_type: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: Sha256,
  /** Whether text starting with = + - @ tab or CR was prefixed with an apostrophe (CSV, XLSX). */
  formulas_neutralised: z.boolean(),
});

export const ExportManifestV4 = ManifestBodyV4.extend({ output: Output });
export type ExportManifest = z.infer<typeof ExportManifestV4>;
/** A manifest without its output record: what a report embeds (a file cannot hold its own SHA-256). */
export type ExportManifestBody = z.infer<typeof ManifestBodyV4>;
export type ExportOutput = z.infer<typeof Output>;

const spec: VersionedFormat<ExportManifest> = {
  format: EXPORT_MANIFEST_FORMAT,
  version: EXPORT_MANIFEST_VERSION,
  migrations: {
    // 1 → 2: inputs.versions. Version 1 came before documents were kept as versions: each was edited in place and
    // is listed in inputs.documents as it was, which is what a version of the earlier layout (null) means.
    1: (old) => ({ ...old, inputs: { ...(old.inputs as Record<string, unknown>), versions: [] } }),
    // 2 → 3: the same fields; inputs.documents now lists only the documents read, where schema 2 listed every one.
    // sigwb verify reads the schema a report was written in (recordedSchema) to compute it again the same way.
    2: (old) => old,
    // 3 → 4: inputs.vocabularies. A report of schema 3 or earlier was made before the controlled vocabularies: sigwb
    // verify computes it again with the values as written (VOCABULARIES_SINCE_SCHEMA).
    3: (old) => old,
  },
  schema: ExportManifestV4,
  what: 'a Signature Workbench export manifest',
};

const bodySpec: VersionedFormat<ExportManifestBody> = { format: spec.format, version: spec.version, migrations: spec.migrations, schema: ManifestBodyV4, what: 'a Signature Workbench report manifest' };

/** The schema a manifest was written in, before migration (1 to 4); read it after readExportManifest accepted it. */
export function recordedSchema(raw: unknown): number {
  const v = (raw as { schema_version?: unknown }).schema_version;
  return typeof v === 'number' ? v : EXPORT_MANIFEST_VERSION;
}

/** Validates (and migrates) a manifest read from JSON. */
export function readExportManifest(raw: unknown, where = 'export manifest'): ExportManifest {
  return readVersioned(raw, spec, where);
}

/** Validates a manifest body as a report embeds it (no output record: a file cannot hold its own SHA-256). */
export function readExportManifestBody(raw: unknown, where = 'embedded manifest'): ExportManifestBody {
  return readVersioned(raw, bodySpec, where);
}

/** The manifest's file name beside an export: `<file>.manifest.json`. */
export function manifestFileName(file: string): string {
  return `${file}.manifest.json`;
}

/** The commitment a manifest records for its selection (see `selection.sha256`). */
export async function selectionCommitment(selection: Selection, nonce: string): Promise<string> {
  return sha256Hex(utf8(JSON.stringify({ nonce, selection })));
}

/** A fresh 128-bit nonce as hex. */
export function newNonce(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ManifestInit {
  exportId: string;
  kind: 'data' | 'report';
  now: Date;
  analyst: string;
  appVersion: string;
  label: string;
  ws: Workspace;
  selection: Selection;
  /** Random hex kept in the audit log (see selection.sha256). */
  selectionNonce: string;
  /** Number of samples the selection holds. */
  samples: number;
  what: ExportManifestBody['content']['what'];
  querySql: string | null;
  /** The table as it leaves (after redaction). */
  table: Table;
  notes: string[];
  profile: RedactionProfile;
  removed: string[];
  /** Reports: what they were computed from (see ReportRecord). */
  report?: ReportRecord;
  /** The schema to write (default the current); an earlier one only to compute a report of that schema again (sigwb verify). */
  schema?: number;
}

/**
 * Builds and checks the manifest of an export, everything but its output record. `m.ws` is the recording view the
 * export was built on (Workspace.recording): the documents read through it are its inputs, with the compound
 * dictionary, read here because the views it queried named the compounds with it.
 */
export async function buildManifestBody(m: ManifestInit): Promise<ExportManifestBody> {
  const full = m.profile.manifest_detail === 'full';
  const superseded = supersededIds(m.ws.manifest.batches);
  const sel = m.selection;
  const schema = m.schema ?? EXPORT_MANIFEST_VERSION;
  const dictionary = await loadDictionary(m.ws);
  // Read through the recording view so that the manifest lists the vocabularies the views mapped values with (a report
  // computed again by sigwb verify maps them with the same version).
  const vocabularies = await loadVocabularies(m.ws);
  const ownVocabularies = inForce(m.ws.manifest, VOCABULARIES_DOCUMENT) !== null;
  // Not by the copy in force (config/compound-dictionary.json), which the view of a report being verified hides.
  const ownDictionary = inForce(m.ws.manifest, DICTIONARY_DOCUMENT) !== null;
  const { documents, versions } = documentInputs(m.ws, schema);
  const body: ExportManifestBody = {
    format: EXPORT_MANIFEST_FORMAT,
    schema_version: EXPORT_MANIFEST_VERSION,
    export_id: m.exportId,
    kind: m.kind,
    created_at: m.now.toISOString(),
    analyst: m.analyst,
    software: { name: 'Signature Workbench', version: m.appVersion },
    sensitivity_label: m.label,
    workspace: { id: m.ws.manifest.id, name: full ? m.ws.manifest.name : null },
    selection: {
      kind: sel.kind,
      description: full || sel.kind === 'all' || sel.kind === 'sql' ? describeSelection(sel) : `a selection by ${sel.kind === 'cases' ? 'case' : 'sample id'} (values withheld)`,
      case_ids: full && sel.kind === 'cases' ? sel.case_ids : null,
      sample_ids: full && sel.kind === 'samples' ? sel.sample_ids : null,
      sql: full && sel.kind === 'sql' ? sel.sql : null,
      withheld: !full && sel.kind !== 'all',
      sha256: await selectionCommitment(sel, m.selectionNonce),
      samples: m.samples,
    },
    content: {
      what: m.what,
      query_sql: full ? m.querySql : null,
      rows: m.table.numRows,
      columns: m.table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) })),
      notes: m.notes,
    },
    redaction: { profile: m.profile.name, allow: [...m.profile.allow], manifest_detail: m.profile.manifest_detail, removed_columns: m.removed },
    inputs: {
      batches: m.ws.manifest.batches.map((b) => ({
        batch_id: b.id,
        kind: b.kind,
        file_name: full ? b.file_name : null,
        file_sha256: b.file_sha256,
        data_sha256: b.data_sha256,
        superseded: superseded.has(b.id),
      })),
      documents,
      versions,
      compound_dictionary: { version: dictionary.version, source: ownDictionary ? 'workspace' : 'shipped default' },
      vocabularies: { version: vocabularies.version, source: ownVocabularies ? 'workspace' : 'shipped default' },
    },
    ...(m.report === undefined ? {} : { report: m.report }),
  };
  const checked = ManifestBodyV4.parse(body);
  return schema === EXPORT_MANIFEST_VERSION ? checked : earlierSchema(checked, schema);
}

/**
 * A body in the form of an earlier schema, only to compute a report of that schema again, byte for byte: its
 * schema_version, no inputs.versions before schema 2, no inputs.vocabularies before schema 4. Not a valid body of the
 * current schema.
 */
function earlierSchema(body: ExportManifestBody, schema: number): ExportManifestBody {
  if (schema < 1 || schema > EXPORT_MANIFEST_VERSION) throw new RangeError(`no export manifest schema ${schema}`);
  // Keys removed, never re-added: the embedded manifest's key order is part of the report's bytes.
  const { vocabularies: _, ...withoutVocabularies } = body.inputs;
  const { versions: __, ...withoutVersions } = withoutVocabularies;
  const inputs = schema < 2 ? withoutVersions : schema < VOCABULARIES_SINCE_SCHEMA ? withoutVocabularies : body.inputs;
  return { ...body, schema_version: schema, inputs } as unknown as ExportManifestBody;
}

/** Adds the output record (the exported file's name, size and SHA-256) and checks the whole manifest. */
export async function completeManifest(body: ExportManifestBody, file: { name: string; bytes: Uint8Array; format: string; mediaType: string; formulasNeutralised: boolean }): Promise<ExportManifest> {
  return ExportManifestV4.parse({
    ...body,
    output: {
      file_name: file.name,
      format: file.format,
      media_type: file.mediaType,
      bytes: file.bytes.byteLength,
      sha256: await sha256Hex(file.bytes),
      formulas_neutralised: file.formulasNeutralised,
    },
  });
}

/** The manifest as the bytes of its JSON file (two-space indent, final newline). */
export function manifestBytes(manifest: ExportManifest): Uint8Array {
  return utf8(JSON.stringify(manifest, null, 2) + '\n');
}
