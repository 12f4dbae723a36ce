/**
 * The validation report of a calibration's likelihood-ratio system: the document a lab files as the method's
 * validation record (Meuwly, Ramos & Haraksim 2017: propositions, data, methods, performance characteristics with
 * their figures and plots, the validation matrix for the lab's criteria and decision, limitations), in the same
 * document frame as every report (report-document.ts), with its manifest, its own SHA-256 and `sigwb verify`.
 * Everything in it is read from the calibration record and its data files, so it is computed again exactly.
 */
import { z } from 'zod';
import { readCalibration, readCalibrationComparisons, calibrationInForce, calibrationIds, calibrationLrModels, lrScores, storedCalibrationSchema } from '../analysis/calibration-store';
import type { CalibrationRecord } from '../analysis/calibration-record';
import { utf8Vector } from '../db/arrow-build';
import type { Database } from '../db/Database';
import { sqlString } from '../db/Database';
import { prepareExport, type ExportContext } from '../exporting/export-data';
import { ExportError } from '../exporting/export-error';
import { buildManifestBody, manifestFileName } from '../exporting/export-manifest';
import type { Selection } from '../exporting/selection';
import { scoreLlr } from '../lr/score-lr';
import type { Workspace } from '../workspace/Workspace';
import { Table } from 'apache-arrow';
import { bundledBatches } from './bundled-samples';
import { LR_PLOT_CSS, logHistograms } from './lr-plots';
import { recordDocument } from './class-report-data';
import { renderReportDocument } from './report-document';
import { hashedReport } from './report-hash';
import { newReportId, type BuiltReport } from './report-output';
import { provenanceHtml } from './report-provenance';
import { validationCalibration, validationItems, validationLimitations, validationMethods, validationResults, validationSummary, type PartPlots } from './validation-sections';
import { reportLanguage } from './report-language';

export const VALIDATION_REPORT_KIND = 'validation-report';

/** The parameters a validation report records (report.settings) and `sigwb verify` reads back. */
export const ValidationReportSettings = z.object({ calibration_id: z.string().regex(/^C\d{4,}$/) });

export interface ValidationReportRequest {
  /** Calibration id (C0002); default the one in force. */
  calibrationId?: string;
  profile?: string;
  label: string;
  fileName: string;
}

/** The calibration a validation report covers: the one named, or the one in force; refused when it has no LR system. */
export async function validationCalibrationRecord(ws: Workspace, id?: string): Promise<CalibrationRecord> {
  const ids = calibrationIds(ws);
  if (id !== undefined && !ids.includes(id)) throw new ExportError(`the workspace has no calibration ${id} (calibrations: ${ids.join(', ') || 'none'})`);
  const record = id !== undefined ? await readCalibration(ws, id) : await calibrationInForce(ws);
  if (record === null) throw new ExportError('the workspace has no calibration yet: run sigwb calibrate first');
  if (record.lr_system === null) throw new ExportError(`calibration ${record.id} was made before likelihood ratios were validated (its kernel-density model never was): it has no validation to report; calibrate again`);
  return record;
}

/** The samples a calibration compared, as a selection (its compounds, and its sample filter if any). */
function calibrationSelection(record: CalibrationRecord): Selection {
  const sig = record.inputs.signature;
  const filter = sig.sample_filter ? ` AND sample_id IN (SELECT sample_id FROM samples WHERE ${sig.sample_filter})` : '';
  return { kind: 'sql', sql: `SELECT DISTINCT sample_id FROM measurements WHERE compound IN (${sig.compounds.map(sqlString).join(', ')})${filter}` };
}

/** Builds the validation report of a calibration. */
export async function buildValidationReport(workspace: Workspace, db: Database, req: ValidationReportRequest, ctx: ExportContext): Promise<BuiltReport> {
  const ws = workspace.recording();
  const now = ctx.now ?? new Date();
  const reportId = ctx.exportId ?? newReportId(now);
  const record = await validationCalibrationRecord(ws, req.calibrationId);
  const system = record.lr_system!;
  const selection = calibrationSelection(record);
  const p = await prepareExport(ws, db, { selection, profile: req.profile, label: req.label }, { ...ctx, now, exportId: reportId });
  const stored = await readCalibrationComparisons(ws, record);
  const models = calibrationLrModels(record)!;
  const pairPlots: PartPlots = { histograms: logHistograms(lrScores(stored.pairs), stored.pairs.label), llrAt: (d) => scoreLlr(models.pair, d) };
  const groupModel = models.group;
  const groupPlots: PartPlots | null = stored.group && groupModel ? { histograms: logHistograms(stored.group.distance, stored.group.label), llrAt: (x) => scoreLlr(groupModel, x) } : null;
  const items = new Table({ batch_id: utf8Vector(record.inputs.batches.map((b) => b.id)), kind: utf8Vector(record.inputs.batches.map((b) => b.kind)), data_sha256: utf8Vector(record.inputs.batches.map((b) => b.data_sha256)) });
  const entry = (file: string, sha256: string) => ({ kind: 'calibration' as const, id: record.id, document: recordDocument('calibration', record.id), record_sha256: ws.manifest.documents[recordDocument('calibration', record.id)].sha256, data_file: file, data_sha256: sha256 });
  const records = [entry(record.data.file, record.data.sha256), ...(record.group_data ? [entry(record.group_data.file, record.group_data.sha256)] : [])];
  const base = await buildManifestBody({
    exportId: reportId, kind: 'report', now, analyst: ctx.analyst, appVersion: ctx.appVersion, label: p.label, ws,
    selection, selectionNonce: p.selectionNonce, samples: p.samples, what: VALIDATION_REPORT_KIND, querySql: null, table: items, notes: system.notes, profile: p.profile, removed: [],
    report: { kind: VALIDATION_REPORT_KIND, file_name: req.fileName, settings: { calibration_id: record.id }, records, report_sha256: '' },
    schema: ctx.manifestSchema,
  });
  const bundled = bundledBatches(ws.manifest.batches.filter((b) => record.inputs.batches.some((i) => i.id === b.id)));
  const lang = reportLanguage(ctx.manifestSchema);
  const sections = {
    summary: validationSummary(record, system),
    items: validationItems(record, system),
    methods: validationMethods(record, system, lang),
    results: validationResults(record, system, pairPlots, groupPlots, lang),
    calibration: validationCalibration(record, await storedCalibrationSchema(ws, record.id), lang),
    limitations: validationLimitations(record, system, bundled),
  };
  const header = {
    title: 'Validation record of a likelihood-ratio system', reportId, caseLine: `Method validation: calibration ${record.id}`, sensitivityLabel: p.label, analyst: ctx.analyst, date: now.toISOString().slice(0, 10),
    details: [
      ['Calibration', `${record.id}, saved ${record.created_at.slice(0, 10)}`],
      ['Propositions', `${system.propositions.level} level`],
      ['Redaction profile', p.profile.name],
    ] as [string, string][],
  };
  const { html: text, sha256 } = await hashedReport((hash) => {
    const body = { ...base, report: { ...base.report!, report_sha256: hash } };
    return renderReportDocument({
      header,
      sections: { ...sections, provenance: provenanceHtml(body, req.fileName, [['Report settings', `validation of calibration ${record.id}`]]) },
      manifest: body,
      manifestFileName: manifestFileName(req.fileName),
      extraStyles: LR_PLOT_CSS,
    });
  });
  const body = { ...base, report: { ...base.report!, report_sha256: sha256 } };
  return { html: text, body, reportId, selection, selectionNonce: p.selectionNonce, rows: items.numRows, removed: [], reportSha256: sha256 };
}
