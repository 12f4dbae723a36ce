/**
 * A data export from start to end, without touching any file: select, query, redact, encode, describe.
 * The host (CLI, Electron main process, browser) writes the bytes and the manifest where the analyst chose,
 * then calls `auditExport` so that the workspace's audit log records what left and where.
 */
import type { OutsideFile } from '../workspace/commit';
import type { Database } from '../db/Database';
import type { Workspace } from '../workspace/Workspace';
import { sha256Hex } from '../util/sha256';
import { encodeTable, ExportFormat, FORMAT_INFO } from './encoders/index';
import { buildManifestBody, completeManifest, manifestBytes, manifestFileName, newNonce, type ExportManifest } from './export-manifest';
import { queryExportTable, type ExportWhat } from './export-table';
import { applyRedaction, findProfile, loadRedactionProfiles, type RedactionProfile } from './redaction';
import { checkSelection, describeSelection, type Selection } from './selection';
import { textValueNotes } from './text-flags';
import { parseSensitivityLabel } from './sensitivity-label';

/** Who exports, with what software, and when (injectable for tests). */
export interface ExportContext {
  analyst: string;
  appVersion: string;
  now?: Date;
  exportId?: string;
  /** The selection commitment's nonce; a fresh one unless a report is being recomputed (sigwb verify). */
  selectionNonce?: string;
  /** The export manifest schema to write: the current unless a report of an earlier one is being recomputed (sigwb verify). */
  manifestSchema?: number;
}

export interface ExportRequest {
  selection: Selection;
  what: ExportWhat;
  format: ExportFormat;
  /** Redaction profile name (default "internal"). */
  profile?: string;
  /** Sensitivity label, e.g. "PROTECTED B" (required). */
  label: string;
  /** The exported file's name as the manifest should record it (a base name, never a full path). */
  fileName: string;
}

export interface ExportResult {
  bytes: Uint8Array;
  manifest: ExportManifest;
  manifestBytes: Uint8Array;
  /** The selection in full and the nonce of its commitment, for the audit log (the manifest may withhold them). */
  selection: Selection;
  selectionNonce: string;
}

export interface PreparedExport {
  label: string;
  profile: RedactionProfile;
  samples: number;
  exportId: string;
  now: Date;
  selectionNonce: string;
}

/** Checks label, profile and selection before any work; throws ExportError or RedactionError saying what is wrong. */
export async function prepareExport(ws: Workspace, db: Database, req: { selection: Selection; profile?: string; label: string }, ctx: ExportContext): Promise<PreparedExport> {
  const label = parseSensitivityLabel(req.label);
  const profile = findProfile(await loadRedactionProfiles(ws), req.profile ?? 'internal');
  const samples = await checkSelection(db, req.selection);
  return { label, profile, samples, exportId: ctx.exportId ?? crypto.randomUUID(), now: ctx.now ?? new Date(), selectionNonce: ctx.selectionNonce ?? newNonce() };
}

/**
 * Exports the selection's samples, measurements or signatures as CSV, XLSX, Parquet or Arrow, with its manifest
 * (which lists the workspace documents the export read: it reads through a recording view of `workspace`).
 */
export async function exportData(workspace: Workspace, db: Database, req: ExportRequest, ctx: ExportContext): Promise<ExportResult> {
  const ws = workspace.recording();
  const format = ExportFormat.parse(req.format);
  const p = await prepareExport(ws, db, req, ctx);
  const data = await queryExportTable(db, req.selection, req.what);
  // The workbench's findings (class, route) are no seizure data: every profile keeps them, as the class report does.
  const { table, removed } = applyRedaction(data.table, { ...p.profile, allow: [...p.profile.allow, ...data.derivedColumns] }, data.compoundColumns);
  const notes = [...data.notes, ...textValueNotes(table, format)];
  const body = await buildManifestBody({
    exportId: p.exportId, kind: 'data', now: p.now, analyst: ctx.analyst, appVersion: ctx.appVersion, label: p.label, ws,
    selection: req.selection, selectionNonce: p.selectionNonce, samples: p.samples, what: req.what, querySql: data.sql, table, notes, profile: p.profile, removed,
    schema: ctx.manifestSchema,
  });
  const software = `Signature Workbench ${ctx.appVersion}`;
  const bytes = await encodeTable(format, table, {
    name: req.what,
    createdBy: software,
    metadata: {
      'sigwb.export_id': p.exportId,
      'sigwb.sensitivity_label': p.label,
      'sigwb.redaction_profile': p.profile.name,
      'sigwb.manifest': manifestFileName(req.fileName),
    },
    about: [
      ['Sensitivity label', p.label],
      ['Export id', p.exportId],
      ['Content', `${req.what}: ${table.numRows} rows, ${table.numCols} columns`],
      ['Selection', body.selection.description],
      ['Redaction profile', p.profile.name],
      ['Columns removed', removed.length ? removed.join(', ') : 'none'],
      ['Analyst', ctx.analyst],
      ['Exported at', body.created_at],
      ['Software', software],
      ...notes.map((n): [string, string] => ['Note', n]),
      ['Manifest', `${manifestFileName(req.fileName)} holds the SHA-256 of this file and of every input batch`],
    ],
  });
  const info = FORMAT_INFO[format];
  const manifest = await completeManifest(body, { name: req.fileName, bytes, format, mediaType: info.mediaType, formulasNeutralised: info.formulasNeutralised });
  return { bytes, manifest, manifestBytes: manifestBytes(manifest), selection: req.selection, selectionNonce: p.selectionNonce };
}

/**
 * Records a written export in the audit log: the file's and the manifest's paths (as the host wrote them)
 * and SHA-256, and the full selection, which stays in the lab even when the manifest withholds it.
 */
export async function auditExport(
  ws: Workspace,
  result: Pick<ExportResult, 'manifest' | 'manifestBytes' | 'selection' | 'selectionNonce'>,
  paths: { file: string; manifest: string },
  write?: () => Promise<readonly OutsideFile[] | void>,
): Promise<void> {
  const m = result.manifest;
  const removed = m.redaction.removed_columns;
  await ws.audit(
    'export',
    `Exported ${m.content.what} of ${describeSelection(result.selection)} as ${m.output.format} (${m.content.rows} ${m.content.rows === 1 ? 'row' : 'rows'}, profile ${m.redaction.profile}${removed.length ? `, ${removed.length} columns removed` : ''}, ${m.sensitivity_label}) to ${paths.file}`,
    [
      { path: paths.file, sha256: m.output.sha256 },
      { path: paths.manifest, sha256: await sha256Hex(result.manifestBytes) },
    ],
    {
      export_id: m.export_id,
      kind: m.kind,
      what: m.content.what,
      format: m.output.format,
      selection: result.selection,
      selection_sha256: m.selection.sha256,
      selection_nonce: result.selectionNonce,
      rows: m.content.rows,
      redaction_profile: m.redaction.profile,
      removed_columns: removed,
      sensitivity_label: m.sensitivity_label,
    },
    write,
  );
}
