/**
 * Verifying a report against the workspace it came from (`sigwb verify`): read its manifest (embedded in the
 * HTML, or beside a PDF), check that the file is the one written (its own SHA-256, the manifest's, the audit
 * log's), check every input it names by SHA-256 (since manifest schema 3, the documents it read; before, every
 * document of the workspace), then compute the report again with the recorded parameters on the
 * workspace as the report recorded it, and compare.
 *
 * HTML reports are compared byte for byte, and a difference is located by line. A PDF cannot be: Chromium writes
 * creation times and ids into every PDF, so the same HTML never prints to the same bytes. For a PDF the check is
 * that the HTML it was printed from (named by its SHA-256 in the manifest and printed on its pages) is computed
 * again exactly, and that the PDF is the file whose SHA-256 the manifest and the audit log recorded.
 */
import type { Engine } from '../analysis/engine';
import type { Database } from '../db/Database';
import { openInDatabase } from '../db/workspace-views';
import { loadDictionary } from '../domain/workspace-dictionary';
import { readExportManifest, readExportManifestBody, recordedSchema, selectionCommitment, VOCABULARIES_SINCE_SCHEMA, type ExportManifestBody } from '../exporting/export-manifest';
import { Selection } from '../exporting/selection';
import { sha256Hex } from '../util/sha256';
import { fromUtf8 } from '../util/text';
import type { FileStore } from '../workspace/file-store';
import { Workspace } from '../workspace/Workspace';
import { buildClassReport, ClassReportSettings } from './class-report';
import { recordedStore } from './recorded-workspace';
import { findReportEntry, reportKindName } from './report-audit';
import { embeddedManifest, ownHashOf } from './report-hash';
import type { BuiltReport } from './report-output';
import { buildSampleListReport } from './sample-list-report';
import { buildValidationReport, ValidationReportSettings, VALIDATION_REPORT_KIND } from './validation-report';
import { checkInputs, type InputCheck } from './verify-inputs';

export interface VerifyInput {
  /** The report's bytes as read, its file name (for messages) and its manifest file's bytes, if beside it. */
  bytes: Uint8Array;
  fileName: string;
  sidecar: Uint8Array | null;
  store: FileStore;
  openDatabase: () => Promise<Database>;
  /** The version of the software checking (differences may come from another version). */
  appVersion: string;
  /** Where a class report's PCA and route evidence compute again (the app's engine worker); default in process. The figures are the same. */
  engine?: Engine;
}

export interface VerifyOutcome {
  reproduced: boolean;
  reportId: string | null;
  format: 'html' | 'pdf' | null;
  kind: string;
  /** What differs, in words; empty when reproduced. */
  differences: string[];
  /** What was checked and matched, in words. */
  checked: string[];
}

const short = (h: string) => `${h.slice(0, 12)}…`;

/** Where two texts first differ: line number (1-based) and an excerpt of each around the first differing character. */
export function firstDifference(a: string, b: string): { line: number; found: string; expected: string } {
  const la = a.split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  const x = la[i] ?? '';
  const y = lb[i] ?? '';
  let c = 0;
  while (c < x.length && c < y.length && x[c] === y[c]) c++;
  const cut = (s: string) => `${c > 30 ? '…' : ''}${s.slice(Math.max(0, c - 30), c + 40)}${s.length > c + 40 ? '…' : ''}`;
  return { line: i + 1, found: cut(x), expected: cut(y) };
}

/** The report's manifest, and the schema it was written in (which says how it lists its inputs). */
function readManifests(input: VerifyInput, format: 'html' | 'pdf', text: string | null): { body: ExportManifestBody; schema: number } {
  if (format === 'html') {
    const raw = embeddedManifest(text!);
    return { body: readExportManifestBody(raw, `manifest embedded in ${input.fileName}`), schema: recordedSchema(raw) };
  }
  if (input.sidecar === null) throw new Error(`a PDF report is checked with its manifest ${input.fileName}.manifest.json, which is not beside it`);
  const raw: unknown = JSON.parse(fromUtf8(input.sidecar));
  return { body: readExportManifest(raw, `${input.fileName}.manifest.json`), schema: recordedSchema(raw) };
}

/** Computes the report again from the workspace as the report recorded it. */
async function recompute(input: VerifyInput, body: ExportManifestBody, schema: number, selection: Selection, nonce: string, replaced: InputCheck['replaced']): Promise<BuiltReport> {
  const report = body.report!;
  const ws = await Workspace.open(
    recordedStore(input.store, { batches: body.inputs.batches.map((b) => b.batch_id), documents: body.inputs.documents.map((d) => d.name), replaced }),
    { user: body.analyst, appVersion: body.software.version },
    { recover: false },
  );
  const db = await input.openDatabase();
  try {
    const dictionary = await loadDictionary(ws);
    // Made before the controlled vocabularies: its views showed region, form and main drug as written (null).
    await openInDatabase(db, ws, dictionary, undefined, undefined, schema < VOCABULARIES_SINCE_SCHEMA ? null : undefined);
    const ctx = { analyst: body.analyst, appVersion: body.software.version, now: new Date(body.created_at), exportId: body.export_id, selectionNonce: nonce, manifestSchema: schema };
    const common = { profile: body.redaction.profile, label: body.sensitivity_label, fileName: report.file_name };
    if (report.kind === 'sample-list') return await buildSampleListReport(ws, db, { ...common, selection }, ctx);
    if (report.kind === VALIDATION_REPORT_KIND) return await buildValidationReport(ws, db, { ...common, calibrationId: ValidationReportSettings.parse(report.settings).calibration_id }, ctx);
    const s = ClassReportSettings.parse(report.settings);
    const scope = s.scope === 'classes'
      ? { by: 'classes' as const, classIds: s.class_ids ?? [] }
      : { by: 'cases' as const, caseIds: selection.kind === 'cases' ? selection.case_ids : [] };
    return await buildClassReport(ws, db, { ...common, scope, runId: s.run_id, evidence: s.evidence, pca: s.pca ?? false, legacyLr: s.lr_statement === undefined, legacyFreshness: s.freshness === undefined, engine: input.engine }, ctx);
  } finally {
    await db.close();
  }
}

/** Verifies a report; never throws for a report that does not verify, says why instead. */
export async function verifyReport(input: VerifyInput): Promise<VerifyOutcome> {
  const isPdf = fromUtf8(input.bytes.subarray(0, 5)) === '%PDF-';
  const format = isPdf ? 'pdf' : 'html';
  const text = isPdf ? null : fromUtf8(input.bytes);
  const out: VerifyOutcome = { reproduced: false, reportId: null, format, kind: 'report', differences: [], checked: [] };
  const fail = (why: string) => ((out.differences.push(why), out));
  let body: ExportManifestBody;
  let schema: number;
  try {
    ({ body, schema } = readManifests(input, format, text));
  } catch (e) {
    return fail(`its manifest cannot be read: ${(e as Error).message}`);
  }
  out.reportId = body.export_id;
  out.kind = reportKindName(body.report?.kind);
  const report = body.report;
  if (body.kind !== 'report' || !report) return fail('its manifest records no report settings to compute it again from (a data export, or a report made before sigwb verify existed)');
  const fileSha = await sha256Hex(input.bytes);

  if (text !== null) {
    const own = await ownHashOf(text, report.report_sha256);
    if (own !== report.report_sha256) out.differences.push(`report file altered after writing: its SHA-256, as the report defines it, is ${short(own)}, and the report states ${short(report.report_sha256)}`);
    else out.checked.push(`its own SHA-256 ${report.report_sha256}`);
    if (input.sidecar !== null) {
      try {
        const side = readExportManifest(JSON.parse(fromUtf8(input.sidecar)), `${input.fileName}.manifest.json`);
        if (side.output.sha256 !== fileSha) out.differences.push(`report file altered after writing: ${input.fileName}.manifest.json records SHA-256 ${short(side.output.sha256)} for it, the file has ${short(fileSha)}`);
      } catch (e) {
        out.differences.push(`${input.fileName}.manifest.json cannot be read: ${(e as Error).message}`);
      }
    }
  } else {
    const recorded = (body as { output?: { sha256: string } }).output?.sha256;
    if (recorded !== fileSha) out.differences.push(`report file altered after writing: the PDF has SHA-256 ${short(fileSha)}, its manifest records ${short(recorded ?? '')}`);
    else out.checked.push(`the PDF's SHA-256 ${fileSha} as its manifest records`);
  }

  let ws: Workspace;
  try {
    // Checking changes nothing (and can run on a read-only copy): no recovery here.
    ws = await Workspace.open(input.store, { user: 'sigwb verify', appVersion: input.appVersion }, { recover: false });
  } catch (e) {
    return fail((e as Error).message);
  }
  if (ws.manifest.id !== body.workspace.id) return fail(`the report was made from workspace ${body.workspace.id}; this is workspace ${ws.manifest.id}`);
  const entry = findReportEntry((await ws.readAudit()).entries, body.export_id);
  if (entry === null) return fail(`the workspace's audit log has no entry for report ${body.export_id}, so the selection it was made from cannot be established`);
  if (entry.written[0]?.sha256 !== fileSha) out.differences.push(`report file altered after writing: the audit log recorded SHA-256 ${short(entry.written[0]?.sha256 ?? '')} when it was written, the file has ${short(fileSha)}`);
  const selection = Selection.safeParse(entry.details?.selection);
  const nonce = entry.details?.selection_nonce;
  if (!selection.success || typeof nonce !== 'string') return fail(`the audit entry of report ${body.export_id} lacks its selection`);
  if ((await selectionCommitment(selection.data, nonce)) !== body.selection.sha256) return fail('the selection in the audit log does not match the report\'s selection SHA-256');

  const inputs = await checkInputs(ws, body, schema);
  if (inputs.differences.length) {
    out.differences.push(...inputs.differences, 'not computed again: its inputs differ');
    return out;
  }
  const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;
  out.checked.push(`${n(inputs.batches, 'input batch', 'input batches')}, ${n(inputs.documents, 'workspace document', 'workspace documents')} and ${n(inputs.records, 'analysis record', 'analysis records')} by SHA-256`);
  if (inputs.versions.length) out.checked.push(`the document versions it used: ${inputs.versions.join(', ')}`);

  let again: BuiltReport;
  try {
    again = await recompute(input, body, schema, selection.data, nonce, inputs.replaced);
  } catch (e) {
    return fail(`computing the report again failed: ${(e as Error).message}`);
  }
  const versionNote = input.appVersion === body.software.version ? '' : ` (made with Signature Workbench ${body.software.version}, checked with ${input.appVersion}: the difference may come from the software)`;
  if (text !== null) {
    if (again.html === text) out.checked.push(`the report computed again: the same ${input.bytes.byteLength} bytes`);
    else {
      const d = firstDifference(text, again.html);
      out.differences.push(`report body differs at line ${d.line}: the file has "${d.found}", computing it again gives "${d.expected}"${versionNote}`);
    }
  } else if (again.reportSha256 === report.report_sha256) {
    out.checked.push(`the HTML the PDF was printed from, computed again byte for byte (SHA-256 ${again.reportSha256})`);
  } else {
    out.differences.push(`the HTML this PDF was printed from is not reproduced: computing it again gives SHA-256 ${short(again.reportSha256)}, the manifest records ${short(report.report_sha256)}${versionNote}`);
  }
  out.reproduced = out.differences.length === 0;
  return out;
}
