/**
 * `sigwb validate`: the validation figures of a calibration's likelihood-ratio system (the one in force, or
 * --calibration Cnnnn): propositions, method, cross-validation, and for the pair and the group LR Cllr, Cllr_min,
 * Cllr_cal, EER, rates of misleading evidence and LR ranges; with --out, also its validation report (HTML, or PDF
 * through Chromium) with <file>.manifest.json, recorded in the audit log and checked by `sigwb verify`.
 */
import path from 'node:path';
import { lrSystemLines } from '../../shared/analysis/lr-system-text';
import { finishReport, type ReportFormat } from '../../shared/reporting/report-output';
import { buildValidationReport, validationCalibrationRecord } from '../../shared/reporting/validation-report';
import { utf8 } from '../../shared/util/text';
import { UsageError } from '../context';
import { noArguments, type CliCommand } from '../command';
import { renderPdf } from '../pdf';
import { commonOptions, outputPaths, withWorkspace, writeAndAudit } from './export';

export const validateCommand: CliCommand = {
  name: 'validate',
  usage: 'sigwb validate --workspace <dir> [--calibration <id>] [--out <file.html|file.pdf> [--redact <profile>] [--label <sensitivity>] [--force] [--wait]]',
  summary: 'Print the validation figures of a calibration\'s likelihood ratios (Cllr, Cllr_min, Cllr_cal, EER, misleading evidence); with --out, write its validation report.',
  options: { workspace: commonOptions.workspace, calibration: { type: 'string' }, redact: commonOptions.redact, label: commonOptions.label, out: commonOptions.out, force: commonOptions.force, wait: commonOptions.wait },
  async run(values, positionals, io) {
    noArguments(positionals);
    const id = values.calibration as string | undefined;
    if (id !== undefined && !/^C\d{4,}$/.test(id)) throw new UsageError('--calibration takes a calibration id such as C0002');
    let format: ReportFormat | null = null;
    let paths: { file: string; manifest: string } | null = null;
    if (values.out !== undefined) {
      const ext = path.extname(String(values.out)).toLowerCase();
      format = ext === '.html' || ext === '.htm' ? 'html' : ext === '.pdf' ? 'pdf' : null;
      if (!format) throw new UsageError('--out must end in .html or .pdf');
      paths = outputPaths(values);
    }
    // With --out it writes a report and its audit line: a writer, under the lock; without, it reads only.
    await withWorkspace(values, io, paths ? 'validate' : null, async (ws, db, ctx) => {
      const record = await validationCalibrationRecord(ws, id);
      const lines = [`Calibration ${record.id}${id === undefined ? ' (in force)' : ''}, saved ${record.created_at.slice(0, 10)} by ${record.analyst}`, ...lrSystemLines(record)];
      if (format && paths) {
        const name = path.basename(paths.file);
        const report = await buildValidationReport(ws, db, { calibrationId: record.id, profile: values.redact as string, label: values.label as string, fileName: name }, ctx);
        const bytes = format === 'pdf' ? await renderPdf(report.html) : utf8(report.html);
        const result = await finishReport(report, bytes, { name, format });
        await writeAndAudit(ws, result, paths, values.force === true, report);
        lines.push(`Wrote LR validation report ${report.reportId} (${format}, ${result.manifest.sensitivity_label}) to ${paths.file}; SHA-256 ${result.manifest.output.sha256}${format === 'pdf' ? ` (the HTML it was printed from: ${report.reportSha256})` : `; report SHA-256 ${report.reportSha256} (as the report defines it)`}`);
      }
      io.out(lines.join('\n') + '\n');
    });
  },
};
