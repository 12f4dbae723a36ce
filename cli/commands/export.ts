/**
 * `sigwb export` and `sigwb report`: a selection's data (CSV, XLSX, Parquet, Arrow) or its sample-list
 * report (HTML, PDF) written beside its manifest (`<file>.manifest.json`), and recorded in the workspace's
 * audit log. Existing files are never overwritten without --force.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
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
import { finishReport, type ReportFormat } from '../../shared/reporting/report-output';
import { buildSampleListReport } from '../../shared/reporting/sample-list-report';
import { utf8 } from '../../shared/util/text';
import { actor, openWorkspaceDatabase, RefusedError, UsageError } from '../context';
import { requireString, type CliCommand } from '../command';
import { renderPdf } from '../pdf';

type Values = Parameters<CliCommand['run']>[0];

const commonOptions = {
  workspace: { type: 'string', short: 'w' },
  case: { type: 'string', multiple: true },
  samples: { type: 'string' },
  redact: { type: 'string', default: 'internal' },
  label: { type: 'string', default: FALLBACK_SENSITIVITY_LABEL },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean', default: false },
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

/** The output paths, refused up front (before any work) when they exist and --force is not given. */
function outputPaths(values: Values): { file: string; manifest: string } {
  const file = path.resolve(requireString(values, 'out'));
  const manifest = manifestFileName(file);
  if (!values.force) {
    for (const p of [file, manifest]) if (existsSync(p)) throw new RefusedError(`${p} already exists; choose another --out or add --force to overwrite`);
  }
  if (!existsSync(path.dirname(file))) throw new RefusedError(`folder ${path.dirname(file)} does not exist`);
  return { file, manifest };
}

/** Writes the file, then its manifest, then the audit line; without --force, 'wx' refuses a file that appeared meanwhile. */
async function writeAndAudit(ws: Workspace, result: ExportResult, paths: { file: string; manifest: string }, force: boolean): Promise<void> {
  const flag = force ? 'w' : 'wx';
  try {
    await writeFile(paths.file, result.bytes, { flag });
    await writeFile(paths.manifest, result.manifestBytes, { flag });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') throw new RefusedError(`${err.path ?? paths.file} already exists; add --force to overwrite`);
    throw new RefusedError(`cannot write ${err.path ?? paths.file}: ${err.message}`);
  }
  await auditExport(ws, result, paths);
}

/** Opens the workspace database, runs `work`, closes it; export refusals become exit code 1. */
async function withWorkspace(values: Values, work: (ws: Workspace, db: Database, ctx: ExportContext) => Promise<void>): Promise<void> {
  const { ws, db } = await openWorkspaceDatabase(requireString(values, 'workspace'));
  try {
    const a = actor();
    await work(ws, db, { analyst: a.user, appVersion: a.appVersion });
  } catch (e) {
    if (e instanceof ExportError || e instanceof RedactionError || e instanceof DocumentFormatError) throw new RefusedError(e.message);
    throw e;
  } finally {
    await db.close();
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
  usage: 'sigwb export --workspace <dir> --format csv|xlsx|parquet|arrow [--what samples|measurements|signatures] [--case <id>] [--samples <id,id>] [--redact <profile>] [--label <sensitivity>] --out <file> [--force]',
  summary: 'Export the samples, measurements or signatures of a selection, with <file>.manifest.json (SHA-256 of the file and of every input).',
  options: { ...commonOptions, format: { type: 'string' }, what: { type: 'string', default: 'samples' } },
  async run(values, _positionals, io) {
    const format = ExportFormat.safeParse(values.format);
    if (!format.success) throw new UsageError('--format is csv, xlsx, parquet or arrow');
    const what = ExportWhat.safeParse(values.what);
    if (!what.success) throw new UsageError('--what is samples, measurements or signatures');
    const selection = selectionFrom(values);
    const paths = outputPaths(values);
    const ext = path.extname(paths.file).slice(1).toLowerCase();
    const known = Object.entries(FORMAT_INFO).find(([, i]) => i.extension === ext);
    if (known && known[0] !== format.data) throw new UsageError(`--out ends in .${ext} but --format is ${format.data}`);
    await withWorkspace(values, async (ws, db, ctx) => {
      const result = await exportData(ws, db, {
        selection, what: what.data, format: format.data, profile: values.redact as string, label: values.label as string, fileName: path.basename(paths.file),
      }, ctx);
      await writeAndAudit(ws, result, paths, values.force === true);
      const m = result.manifest;
      io.out(`Exported ${count(m.content.rows, 'row', 'rows')} × ${count(m.content.columns.length, 'column', 'columns')} (${m.content.what}, ${m.output.format}, ${m.sensitivity_label}) to ${paths.file}; ${removedText(m)}; SHA-256 ${m.output.sha256}\n`);
    });
  },
};

/** `sigwb report`: writes a sample-list report (HTML, or PDF through Chromium) and its manifest. */
export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'sigwb report --workspace <dir> [--case <id>] [--samples <id,id>] [--redact <profile>] [--label <sensitivity>] --out <file.html|file.pdf> [--force]',
  summary: 'Write a sample-list report of a selection (HTML or PDF), with <file>.manifest.json.',
  options: commonOptions,
  async run(values, _positionals, io) {
    const selection = selectionFrom(values);
    const paths = outputPaths(values);
    const ext = path.extname(paths.file).toLowerCase();
    const format: ReportFormat | null = ext === '.html' || ext === '.htm' ? 'html' : ext === '.pdf' ? 'pdf' : null;
    if (!format) throw new UsageError('--out must end in .html or .pdf');
    await withWorkspace(values, async (ws, db, ctx) => {
      const name = path.basename(paths.file);
      const report = await buildSampleListReport(ws, db, { selection, profile: values.redact as string, label: values.label as string, fileName: name }, ctx);
      const bytes = format === 'pdf' ? await renderPdf(report.html) : utf8(report.html);
      const result = await finishReport(report, bytes, { name, format });
      await writeAndAudit(ws, result, paths, values.force === true);
      const m = result.manifest;
      io.out(`Wrote report ${report.reportId}: ${count(report.rows, 'sample', 'samples')} (${format}, ${m.sensitivity_label}) to ${paths.file}; ${removedText(m)}; SHA-256 ${m.output.sha256}\n`);
    });
  },
};
