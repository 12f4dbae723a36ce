/**
 * `sigwb export` and `sigwb report`: a selection's data (CSV, XLSX, Parquet, Arrow), or a report (HTML, PDF):
 * the chemical-class report of named classes or of a case, or a sample list, each written beside its manifest
 * (`<file>.manifest.json`) and recorded in the workspace's audit log. Existing files are never overwritten
 * without --force.
 */
import path from 'node:path';
import type { Database } from '../../shared/db/Database';
import type { Workspace } from '../../shared/workspace/Workspace';
import { auditExport, exportData, type ExportContext, type ExportResult } from '../../shared/exporting/export-data';
import { ExportError } from '../../shared/exporting/export-error';
import { manifestFileName } from '../../shared/exporting/export-manifest';
import { ExportWhat } from '../../shared/exporting/export-table';
import { ExportFormat, FORMAT_INFO } from '../../shared/exporting/encoders/index';
import { RedactionError } from '../../shared/exporting/redaction';
import type { Selection } from '../../shared/exporting/selection';
import { FALLBACK_SENSITIVITY_LABEL } from '../../shared/exporting/sensitivity-label';
import { DocumentFormatError } from '../../shared/exporting/versioned-document';
import { classRunIds } from '../../shared/analysis/class-run-store';
import { makeReport, reportFormatOf, type ReportChoice } from '../../shared/reporting/make-report';
import { auditReport } from '../../shared/reporting/report-audit';
import type { BuiltReport } from '../../shared/reporting/report-output';
import { actor, openWorkspaceDatabase, RefusedError, UsageError, WAIT_OPTION, type Io } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { checkOutputPath, writeOutputFile } from '../output-file';
import { renderPdf } from '../pdf';

type Values = Parameters<CliCommand['run']>[0];

export const commonOptions = {
  workspace: { type: 'string', short: 'w' },
  case: { type: 'string', multiple: true },
  samples: { type: 'string' },
  redact: { type: 'string', default: 'internal' },
  label: { type: 'string', default: FALLBACK_SENSITIVITY_LABEL },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean', default: false },
  ...WAIT_OPTION,
} as const;

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');

/** The selection the options name: --case (repeatable, or comma-separated), --samples, or every sample. */
function selectionFrom(values: Values): Selection {
  const cases = values.case === undefined ? [] : list(values.case as string[]);
  const samples = typeof values.samples === 'string' ? list(values.samples) : [];
  if (values.case !== undefined && cases.length === 0) throw new UsageError('--case needs a case id');
  if (values.samples !== undefined && samples.length === 0) throw new UsageError('--samples needs sample ids (comma-separated)');
  if (cases.length && samples.length) throw new UsageError('give --case or --samples, not both');
  if (cases.length) return { kind: 'cases', case_ids: cases };
  if (samples.length) return { kind: 'samples', sample_ids: samples };
  return { kind: 'all' };
}

/** The output paths (the file and its manifest), refused up front (before any work) by the output-file rule. */
export function outputPaths(values: Values): { file: string; manifest: string } {
  const force = values.force === true;
  const file = checkOutputPath(requireString(values, 'out'), force);
  const manifest = checkOutputPath(manifestFileName(file), force);
  return { file, manifest };
}

/**
 * One commit: the intent (naming the file and its manifest with their SHA-256), the file, its manifest, then the
 * audit line; a cut in between is recovered as an export "not recorded" that names its outputs, never lost.
 */
export async function writeAndAudit(ws: Workspace, result: ExportResult, paths: { file: string; manifest: string }, force: boolean, report?: BuiltReport): Promise<void> {
  const write = async () => {
    await writeOutputFile(paths.file, result.bytes, force);
    await writeOutputFile(paths.manifest, result.manifestBytes, force);
  };
  if (report) await auditReport(ws, report, result, paths, write);
  else await auditExport(ws, result, paths, write);
}

/**
 * Opens the workspace database, runs `work`, closes it; export refusals become exit code 1. `command` names a writer,
 * which holds the lock (an export's or report's audit line is a write); null reads only.
 */
export async function withWorkspace(values: Values, io: Io, command: string | null, work: (ws: Workspace, db: Database, ctx: ExportContext) => Promise<void>): Promise<void> {
  const { ws, db, close } = await openWorkspaceDatabase(requireString(values, 'workspace'), command === null ? { io, classRunOptional: true } : { write: command, wait: values.wait === true, io });
  try {
    const a = actor();
    await work(ws, db, { analyst: a.user, appVersion: a.appVersion });
  } catch (e) {
    if (e instanceof ExportError || e instanceof RedactionError || e instanceof DocumentFormatError) throw new RefusedError(e.message);
    throw e;
  } finally {
    await close();
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function removedText(m: ExportResult['manifest']): string {
  const r = m.redaction.removed_columns;
  return r.length ? `profile ${m.redaction.profile} removed ${count(r.length, 'column', 'columns')} (${r.join(', ')})` : `profile ${m.redaction.profile} removed no columns`;
}

/** `sigwb export`: writes a selection's data and its manifest. */
export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'sigwb export --workspace <dir> --format csv|xlsx|parquet|arrow [--what samples|measurements|signatures] [--case <id>] [--samples <id,id>] [--redact <profile>] [--label <sensitivity>] --out <file> [--force] [--wait]',
  summary: 'Export the samples, measurements or signatures of a selection, with <file>.manifest.json (SHA-256 of the file and of every input).',
  options: { ...commonOptions, format: { type: 'string' }, what: { type: 'string', default: 'samples' } },
  async run(values, positionals, io) {
    noArguments(positionals);
    const format = ExportFormat.safeParse(values.format);
    if (!format.success) throw new UsageError('--format is csv, xlsx, parquet or arrow');
    const what = ExportWhat.safeParse(values.what);
    if (!what.success) throw new UsageError('--what is samples, measurements or signatures');
    const selection = selectionFrom(values);
    const ext = path.extname(requireString(values, 'out')).slice(1).toLowerCase();
    const known = Object.entries(FORMAT_INFO).find(([, i]) => i.extension === ext);
    if (known && known[0] !== format.data) throw new UsageError(`--out ends in .${ext} but --format is ${format.data}`);
    const paths = outputPaths(values);
    await withWorkspace(values, io, 'export', async (ws, db, ctx) => {
      const result = await exportData(ws, db, {
        selection, what: what.data, format: format.data, profile: values.redact as string, label: values.label as string, fileName: path.basename(paths.file),
      }, ctx);
      await writeAndAudit(ws, result, paths, values.force === true);
      const m = result.manifest;
      io.out(`Exported ${count(m.content.rows, 'row', 'rows')} × ${count(m.content.columns.length, 'column', 'columns')} (${m.content.what}, ${m.output.format}, ${m.sensitivity_label}) to ${paths.file}; ${removedText(m)}; SHA-256 ${m.output.sha256}\n`);
    });
  },
};

/** Class ids from --classes: "3,7" or "3 7". */
function classIds(values: Values): number[] | null {
  if (values.classes === undefined) return null;
  const parts = String(values.classes).split(/[\s,]+/).filter((x) => x !== '');
  const ids = parts.map(Number);
  if (parts.length === 0 || ids.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError('--classes takes class ids, e.g. 3,7');
  return ids;
}

type ReportKind = 'classes' | 'sample-list';

/** Which report the options ask for; with --case alone, a class report once the workspace has a class run. */
function reportKind(values: Values, hasRun: boolean): ReportKind {
  const kind = values.kind;
  const classOptions = values.classes !== undefined || values.run !== undefined;
  if (kind !== undefined && kind !== 'classes' && kind !== 'sample-list') throw new UsageError('--kind is classes or sample-list');
  if (kind === 'sample-list' && classOptions) throw new UsageError('--classes and --run make a class report, not a sample list');
  if (kind === 'sample-list') return 'sample-list';
  if (classOptions || kind === 'classes') {
    if (values.samples !== undefined) throw new UsageError('a class report is of --classes or of a --case, not of --samples');
    if (values.classes !== undefined && values.case !== undefined) throw new UsageError('give --classes or --case, not both');
    if (values.classes === undefined && values.case === undefined) throw new UsageError('a class report needs --classes <ids> or --case <id>');
    return 'classes';
  }
  return values.case !== undefined && hasRun ? 'classes' : 'sample-list';
}

/** `sigwb report`: writes a chemical-class report or a sample list (HTML, or PDF through Chromium) and its manifest. */
export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'sigwb report --workspace <dir> [--classes <ids> [--run <id>] | --case <id> | --samples <id,id>] [--kind classes|sample-list] [--redact <profile>] [--label <sensitivity>] --out <file.html|file.pdf> [--force] [--wait]',
  summary: 'Write a chemical-class report (--classes of the latest or --run class run, or the classes of a --case) or a sample list, as HTML or PDF, with <file>.manifest.json.',
  options: { ...commonOptions, classes: { type: 'string' }, run: { type: 'string' }, kind: { type: 'string' } },
  async run(values, positionals, io) {
    noArguments(positionals);
    const ids = classIds(values);
    if (values.run !== undefined && !/^R\d{4,}$/.test(String(values.run))) throw new UsageError('--run takes a class run id such as R0002');
    const format = reportFormatOf(requireString(values, 'out'));
    if (!format) throw new UsageError('--out must end in .html or .pdf');
    reportKind(values, true);
    const selection = ids === null ? selectionFrom(values) : null;
    const paths = outputPaths(values);
    await withWorkspace(values, io, 'report', async (ws, db, ctx) => {
      const name = path.basename(paths.file);
      const kind = reportKind(values, classRunIds(ws).length > 0);
      const choice: ReportChoice = kind === 'classes'
        ? {
          kind,
          scope: ids !== null ? { by: 'classes', classIds: ids } : { by: 'cases', caseIds: (selection as Extract<Selection, { kind: 'cases' }>).case_ids },
          runId: values.run as string | undefined,
        }
        : { kind, selection: selection! };
      const { report, result } = await makeReport(ws, db, { choice, format, profile: values.redact as string, label: values.label as string, fileName: name }, ctx, renderPdf);
      await writeAndAudit(ws, result, paths, values.force === true, report);
      const m = result.manifest;
      const hashes = `SHA-256 ${m.output.sha256}${format === 'html' ? '' : ` (the HTML it was printed from: ${report.reportSha256})`}`;
      if (kind === 'classes') {
        const s = m.report!.settings as { run_id: string };
        io.out(`Wrote chemical class report ${report.reportId}: ${m.content.rows} samples of class run ${s.run_id} (${format}, ${m.sensitivity_label}) to ${paths.file}; ${removedText(m)}; ${hashes}${format === 'html' ? `; report SHA-256 ${report.reportSha256} (as the report defines it)` : ''}\n`);
      } else {
        io.out(`Wrote report ${report.reportId}: ${count(report.rows, 'sample', 'samples')} (${format}, ${m.sensitivity_label}) to ${paths.file}; ${removedText(m)}; ${hashes}\n`);
      }
    });
  },
};
