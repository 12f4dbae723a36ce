/**
 * One way to make a report, for `sigwb report` and for the app (desktop and web): build the chosen report from the
 * workspace, print it when PDF is asked for (the host's printer: Chromium through playwright-core in the CLI, Electron's
 * printToPDF on the desktop), and complete its manifest with the bytes as they will be written. The caller writes the
 * file and its manifest where the analyst chose, then calls `auditReport`: only where the file goes differs.
 */
import type { Engine } from '../analysis/engine';
import type { Database } from '../db/Database';
import type { ExportContext, ExportResult } from '../exporting/export-data';
import type { Selection } from '../exporting/selection';
import { utf8 } from '../util/text';
import type { Workspace } from '../workspace/Workspace';
import { buildClassReport } from './class-report';
import type { ClassReportScope } from './class-report-data';
import { finishReport, type BuiltReport, type ReportFormat } from './report-output';
import { buildSampleListReport } from './sample-list-report';

/** Which report: a chemical-class report (named classes, or the classes of a case) or a sample list of a selection. */
export type ReportChoice =
  | { kind: 'classes'; scope: ClassReportScope; /** Class run id (R0002); default the latest. */ runId?: string }
  | { kind: 'sample-list'; selection: Selection };

export interface MakeReportRequest {
  choice: ReportChoice;
  format: ReportFormat;
  /** Redaction profile name (default "internal"). */
  profile?: string;
  /** Sensitivity label, e.g. "PROTECTED B". */
  label: string;
  /** The report file's base name, as the report and its manifest state it. */
  fileName: string;
  /** Where a class report's PCA and route evidence compute (the app's engine worker); default in process. Not recorded: the figures are the same. */
  engine?: Engine;
}

/** HTML in, PDF bytes out: the host's printer. */
export type PrintPdf = (html: string) => Promise<Uint8Array>;

export interface MadeReport {
  report: BuiltReport;
  /** The bytes to write (HTML, or the PDF printed from it) and the manifest to write beside them. */
  result: ExportResult;
}

/** Builds, prints (PDF) and describes a report; writes nothing. Throws ExportError, RedactionError or DocumentFormatError for a refused request. */
export async function makeReport(ws: Workspace, db: Database, req: MakeReportRequest, ctx: ExportContext, printPdf: PrintPdf): Promise<MadeReport> {
  const common = { profile: req.profile, label: req.label, fileName: req.fileName };
  const report = req.choice.kind === 'classes'
    ? await buildClassReport(ws, db, { ...common, scope: req.choice.scope, runId: req.choice.runId, engine: req.engine }, ctx)
    : await buildSampleListReport(ws, db, { ...common, selection: req.choice.selection }, ctx);
  const bytes = req.format === 'pdf' ? await printPdf(report.html) : utf8(report.html);
  const result = await finishReport(report, bytes, { name: req.fileName, format: req.format });
  return { report, result };
}

/** The format a report file's name asks for (.html, .htm or .pdf), or null. */
export function reportFormatOf(fileName: string): ReportFormat | null {
  const ext = /\.[^.]*$/.exec(fileName.toLowerCase())?.[0] ?? '';
  return ext === '.html' || ext === '.htm' ? 'html' : ext === '.pdf' ? 'pdf' : null;
}
