/**
 * A report made in the app, as `sigwb report` makes it (shared/reporting/make-report.ts): printed to PDF by the host
 * (Electron's printToPDF on the desktop; the browser has no printer that returns bytes, so it offers HTML), saved
 * where the analyst chooses through the host's save dialog (the desktop's native dialog, the browser's download),
 * its manifest saved beside it, inside the commit of its audit line (save-in-commit.ts), as `sigwb report` writes.
 * Nothing here depends on React, so the desktop path runs in Node in the tests (test/unit/reports/save-report.test.ts).
 */
import type { Database } from '../../shared/db/Database';
import type { ExportContext, ExportResult } from '../../shared/exporting/export-data';
import { manifestFileName } from '../../shared/exporting/export-manifest';
import type { Host } from '../../shared/host/contract';
import { makeReport, type MakeReportRequest } from '../../shared/reporting/make-report';
import { auditReport } from '../../shared/reporting/report-audit';
import type { BuiltReport } from '../../shared/reporting/report-output';
import { sha256Hex } from '../../shared/util/sha256';
import { OutsideWriteCancelled } from '../../shared/workspace/commit';
import type { Workspace } from '../../shared/workspace/Workspace';
import { saveThroughDialogs } from '../host/save-in-commit';

export type SavedReport =
  | { saved: false }
  | { saved: true; report: BuiltReport; result: ExportResult; file: string; manifest: string | null };

const FILTERS = {
  html: [{ name: 'HTML report', extensions: ['html'] }],
  pdf: [{ name: 'PDF report', extensions: ['pdf'] }],
};

/**
 * Makes the report, saves it and its manifest through the host, and records it in the audit log. A cancelled save
 * dialog writes nothing and records nothing (nothing left the workbench). Throws ExportError (or RedactionError,
 * DocumentFormatError) for a refused request, before any dialog opens.
 */
export async function saveReport(host: Host, ws: Workspace, db: Database, req: MakeReportRequest, ctx: ExportContext): Promise<SavedReport> {
  const { report, result } = await makeReport(ws, db, req, ctx, async (html) => host['export:print-pdf']({ html }));
  const sideName = manifestFileName(req.fileName);
  const dialogs = saveThroughDialogs(host, [
    { suggestedName: req.fileName, filters: FILTERS[req.format], bytes: result.bytes, sha256: result.manifest.output.sha256 },
    { suggestedName: sideName, filters: [{ name: 'Report manifest (JSON)', extensions: ['json'] }], bytes: result.manifestBytes, sha256: await sha256Hex(result.manifestBytes) },
  ]);
  try {
    await auditReport(ws, report, result, { file: req.fileName, manifest: sideName }, dialogs.write);
  } catch (e) {
    if (e instanceof OutsideWriteCancelled) return { saved: false };
    throw e;
  }
  const [file, manifest] = dialogs.locations();
  return { saved: true, report, result, file: file ?? req.fileName, manifest };
}

/** A report file name from the workspace's name and what the report covers: `sample-data-classes-3-7.html`. */
export function reportFileName(workspaceName: string, what: string, format: 'html' | 'pdf'): string {
  const slug = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  const name = [slug(workspaceName), slug(what)].filter(Boolean).join('-').slice(0, 120) || 'report';
  return `${name}.${format}`;
}
