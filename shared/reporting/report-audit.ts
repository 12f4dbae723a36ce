/**
 * The audit line of a written report (action "report"): the file's and its manifest's paths and SHA-256, the
 * report's own SHA-256, and the full selection with its nonce, which stay in the lab even when the manifest
 * withholds them. `sigwb verify` reads the selection back from this line to compute the report again.
 */
import type { OutsideFile } from '../workspace/commit';
import type { ExportResult } from '../exporting/export-data';
import { describeSelection } from '../exporting/selection';
import { sha256Hex } from '../util/sha256';
import type { AuditEntry } from '../workspace/audit';
import type { Workspace } from '../workspace/Workspace';
import type { BuiltReport } from './report-output';

export const REPORT_AUDIT_ACTION = 'report';

const KIND_NAMES: Record<string, string> = { 'class-report': 'chemical class report', 'sample-list': 'sample list', 'validation-report': 'LR validation report' };

/** A report kind in words ("chemical class report"). */
export function reportKindName(kind: string | undefined): string {
  return (kind && KIND_NAMES[kind]) ?? 'report';
}

/** Records a report: `write` writes the file and its manifest after the intent is logged (or they were written before). */
export async function auditReport(ws: Workspace, report: BuiltReport, result: ExportResult, paths: { file: string; manifest: string }, write?: () => Promise<readonly OutsideFile[] | void>): Promise<void> {
  const m = result.manifest;
  const removed = m.redaction.removed_columns;
  await ws.audit(
    REPORT_AUDIT_ACTION,
    `Wrote ${reportKindName(m.report?.kind)} ${m.export_id} of ${describeSelection(report.selection)} as ${m.output.format} (${m.content.rows} ${m.content.rows === 1 ? 'row' : 'rows'}, profile ${m.redaction.profile}${removed.length ? `, ${removed.length} columns removed` : ''}, ${m.sensitivity_label}) to ${paths.file}`,
    [
      { path: paths.file, sha256: m.output.sha256 },
      { path: paths.manifest, sha256: await sha256Hex(result.manifestBytes) },
    ],
    {
      export_id: m.export_id,
      kind: m.kind,
      what: m.content.what,
      report_kind: m.report?.kind ?? null,
      format: m.output.format,
      report_sha256: report.reportSha256,
      selection: report.selection,
      selection_sha256: m.selection.sha256,
      selection_nonce: report.selectionNonce,
      settings: m.report?.settings ?? null,
      rows: m.content.rows,
      redaction_profile: m.redaction.profile,
      removed_columns: removed,
      sensitivity_label: m.sensitivity_label,
    },
    write,
  );
}

/** The audit entry that recorded a report or export by id (the last, if several), or null. */
export function findReportEntry(entries: readonly AuditEntry[], exportId: string): AuditEntry | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if ((e.action === REPORT_AUDIT_ACTION || e.action === 'export') && e.details?.export_id === exportId) return e;
  }
  return null;
}
