/**
 * The chemical-class (profile) report: for named classes of a class run, or for a case (the classes its samples
 * fall in, plus its unclassified samples), one self-contained HTML document with the summary in plain words, the
 * members with their seizure data, signature figures (inline SVG with tooltips; no script), the calibration used,
 * route and source evidence with its uncertainty, methods, limitations and provenance, redacted per profile.
 *
 * Reproducible by construction: the document is a function of the workspace's batches and documents, the class
 * run and calibration records, the request, and the report id, time, analyst and software version, all of which
 * its embedded manifest records (report.settings, report.records), so `sigwb verify` can compute it again and
 * compare bytes. Its own SHA-256 is defined in report-hash.ts.
 */
import { z } from 'zod';
import type { Engine } from '../analysis/engine';
import type { CalibrationRecord } from '../analysis/calibration-record';
import type { ClassRunRecord } from '../analysis/class-run-record';
import { registerSampleClasses } from '../analysis/sample-classes';
import type { Database } from '../db/Database';
import { prepareExport, type ExportContext } from '../exporting/export-data';
import { ExportError } from '../exporting/export-error';
import { buildManifestBody, manifestFileName, type ReportRecord } from '../exporting/export-manifest';
import { allows, type RedactionProfile } from '../exporting/redaction';
import type { Workspace } from '../workspace/Workspace';
import { bundledBatches, dataOrigins } from './bundled-samples';
import { reportLanguage } from './report-language';
import { calibrationSection } from './calibration-section';
import { REPORT_EVIDENCE_SETTINGS, type EvidenceSettings } from './class-evidence';
import { loadClassReportData, recordDocument, registeredRun, reportRun, scopeSelection, type ClassReportData, type ClassReportScope } from './class-report-data';
import { itemsSection, limitationsSection, methodsSection, resultsSection, signatureFigures, staleSentences } from './class-report-sections';
import { yieldToEventLoop } from '../util/yield-to-event-loop';
import { andList, classSummary } from './class-summary-text';
import { renderReportDocument } from './report-document';
import { hashedReport } from './report-hash';
import { newReportId, type BuiltReport } from './report-output';
import { provenanceHtml } from './report-provenance';

export const CLASS_REPORT_KIND = 'class-report';

/** The parameters a class report records (report.settings) and `sigwb verify` reads back. */
export const ClassReportSettings = z.object({
  scope: z.enum(['classes', 'cases']),
  run_id: z.string().regex(/^R\d{4,}$/),
  /** The classes asked for (scope classes); a case scope's case ids are in the selection (withheld per profile). */
  class_ids: z.array(z.number().int().positive()).nullable(),
  evidence: z.object({
    k: z.number().int().positive(),
    folds: z.number().int().positive(),
    seed: z.number().int(),
    floor: z.number(),
    /** Typicality α; absent in reports made before it was recorded (computed again with 0.01). */
    alpha: z.number().gt(0).lt(0.5).optional(),
    /** The per-route gate's floor (shared/attribution/route-gate.ts); absent in reports made before the gate (computed again without it). */
    gate_floor: z.number().min(0).lt(1).optional(),
    /** The gate counted by source for marker siblings (route-gate.ts); absent in reports made before (computed again by sample). */
    gate_by_source: z.boolean().optional(),
    source_rule: z.enum(['threshold', 'threshold-and-lr']),
    top_sources: z.number().int().positive(),
  }),
  /**
   * The report shows the PCA of all samples (shared/analysis/workspace-pca.ts). Absent in reports made before the
   * figure existed: they are computed again without it, so that they keep verifying.
   */
  pca: z.boolean().optional(),
  /** How LRs are stated: 'validated' (the LR system of the calibration). Absent in reports made before LRs were validated, which are computed again with the earlier statements (legacy-lr.ts). */
  lr_statement: z.literal('validated').optional(),
  /**
   * 'stated': the report says whether its class run and calibration are older than the data with the function every
   * view uses (shared/analysis/freshness.ts: batches imported or superseded, the dictionary or vocabularies changed
   * after them). Absent in reports made before, which are computed again naming only the batches imported after the run.
   */
  freshness: z.literal('stated').optional(),
  /** The calibration as the report states it (derived from the records; for readers of the manifest, not read back). */
  calibration: z.object({
    id: z.string().nullable(),
    cut: z.enum(['held-out', 'calibration', 'fresh-calibration', 'threshold', 'k']),
    pretreatment: z.string(),
    score: z.string(),
    linkage: z.string(),
    threshold: z.number().nullable(),
    fpr: z.number().nullable(),
    tpr: z.number().nullable(),
    auc: z.number().nullable(),
  }).optional(),
});
export type ClassReportSettings = z.infer<typeof ClassReportSettings>;

export interface ClassReportRequest {
  scope: ClassReportScope;
  /** Class run id (R0002); default the latest. */
  runId?: string;
  /** Redaction profile name (default "internal"). */
  profile?: string;
  label: string;
  /** The report file's name (for the text and the manifest). */
  fileName: string;
  evidence?: EvidenceSettings;
  /** Show the PCA figure; default true (false: as reports made before it, for `sigwb verify`). */
  pca?: boolean;
  /** Where the PCA is computed; default in process (the app passes its engine worker, so that the UI never waits on it). */
  engine?: Engine;
  /** Only to compute again a report made before LRs were validated: state LRs as it did (legacy-lr.ts). */
  legacyLr?: boolean;
  /** Only to compute again a report made before it stated freshness: name only the batches imported after the run. */
  legacyFreshness?: boolean;
}

async function analysisRecords(ws: Workspace, run: ClassRunRecord, calibration: CalibrationRecord | null): Promise<ReportRecord['records']> {
  const entry = (kind: 'class-run' | 'calibration', id: string, file: string, sha: string) => {
    const document = recordDocument(kind, id);
    const doc = ws.manifest.documents[document];
    if (!doc) throw new ExportError(`the workspace's manifest does not list ${document}`);
    return { kind, id, document, record_sha256: doc.sha256, data_file: file, data_sha256: sha };
  };
  const out = [entry('class-run', run.id, run.data.file, run.data.sha256)];
  if (calibration) out.push(entry('calibration', calibration.id, calibration.data.file, calibration.data.sha256));
  return out;
}

function caseLine(data: ClassReportData, scope: ClassReportScope, profile: RedactionProfile): string {
  if (!allows(profile, 'case_id')) return `Case withheld (redaction profile ${profile.name})`;
  const cases = scope.by === 'cases' ? [...new Set(scope.caseIds)] : [...new Set(data.classes.flatMap((c) => c.cases))].sort();
  if (cases.length === 0) return 'Case: none recorded';
  if (cases.length === 1) return `Case ${cases[0]}`;
  // Short enough for the page header's margin box; the full list is in the document header.
  return cases.length === 2 ? `Cases ${cases[0]} and ${cases[1]}` : `Cases ${cases[0]} and ${cases.length - 1} more`;
}

/** Checks the scope against the run before any other work: unknown class ids, an empty list. */
function checkScope(run: ClassRunRecord, scope: ClassReportScope): void {
  if (scope.by === 'cases') {
    if (scope.caseIds.length === 0) throw new ExportError('name at least one case');
    return;
  }
  if (scope.classIds.length === 0) throw new ExportError('name at least one class');
  const known = new Set(run.classes.map((c) => c.class_id));
  const unknown = scope.classIds.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new ExportError(`class run ${run.id} has no class ${unknown.join(', ')} of two or more samples (its classes: ${[...known].join(', ') || 'none'})`);
  }
}

/**
 * Builds a class report; returns the HTML (its hash in place), its manifest body and what the audit log needs. It
 * reads through a recording view of `workspace`, so its manifest lists the documents it read and no others.
 */
export async function buildClassReport(workspace: Workspace, db: Database, req: ClassReportRequest, ctx: ExportContext): Promise<BuiltReport> {
  const ws = workspace.recording();
  const now = ctx.now ?? new Date();
  const reportId = ctx.exportId ?? newReportId(now);
  const run = await reportRun(ws, req.runId);
  checkScope(run, req.scope);
  // The report reads its run's classes through `sample_classes`; the run the database showed before comes back after.
  const shown = await registeredRun(db);
  await registerSampleClasses(db, ws, run.id);
  try {
    return await build(ws, db, req, ctx, run, now, reportId);
  } finally {
    if (shown !== run.id) await registerSampleClasses(db, ws, shown ?? undefined);
  }
}

async function build(ws: Workspace, db: Database, req: ClassReportRequest, ctx: ExportContext, run: ClassRunRecord, now: Date, reportId: string): Promise<BuiltReport> {
  const selection = scopeSelection(req.scope, run.id);
  const p = await prepareExport(ws, db, { selection, profile: req.profile, label: req.label }, { ...ctx, now, exportId: reportId });
  const evidenceSettings = req.evidence ?? REPORT_EVIDENCE_SETTINGS;
  const withPca = req.pca ?? true;
  const data = await loadClassReportData(ws, db, run, req.scope, p.profile, evidenceSettings, { pca: withPca, engine: req.engine, legacyLr: req.legacyLr === true, language: reportLanguage(ctx.manifestSchema) });
  const settings: ClassReportSettings = {
    scope: req.scope.by,
    run_id: run.id,
    class_ids: req.scope.by === 'classes' ? [...new Set(req.scope.classIds)].sort((a, b) => a - b) : null,
    evidence: evidenceSettings,
    ...(withPca ? { pca: true } : {}),
    ...(req.legacyLr ? {} : { lr_statement: 'validated' as const }),
    ...(req.legacyFreshness ? {} : { freshness: 'stated' as const }),
    calibration: {
      id: data.calibration.record?.id ?? null, cut: data.calibration.cut, pretreatment: run.settings.pretreatment, score: run.settings.score, linkage: run.settings.linkage,
      threshold: data.calibration.threshold, fpr: data.calibration.fpr, tpr: data.calibration.tpr, auc: data.calibration.auc,
    },
  };
  const notes: string[] = [];
  if (!data.evidence.assessed) notes.push(data.evidence.reason);
  if (req.legacyFreshness) {
    if (data.laterBatches.length) notes.push(`Batches ${data.laterBatches.join(', ')} were imported after class run ${run.id}.`);
  } else notes.push(...staleSentences(data));
  const base = await buildManifestBody({
    exportId: reportId, kind: 'report', now, analyst: ctx.analyst, appVersion: ctx.appVersion, label: p.label, ws,
    selection, selectionNonce: p.selectionNonce, samples: p.samples, what: 'class-report', querySql: null, table: data.items, notes, profile: p.profile, removed: data.removed,
    report: { kind: CLASS_REPORT_KIND, file_name: req.fileName, settings, records: await analysisRecords(ws, run, data.calibration.record), report_sha256: '' },
    schema: ctx.manifestSchema,
  });
  // Reports made before named every shipped batch of the workspace; now only those its samples come from.
  const origins = data.language.legacy
    ? { bundled: bundledBatches(ws.manifest.batches), own: [] }
    : await dataOrigins(db, [...data.classes.flatMap((c) => c.members), ...data.unclassified.map((u) => u.sampleId)], ws.manifest.batches);
  const software = `${base.software.name} ${base.software.version}`;
  const classes = data.classes.map((c) => String(c.class_id));
  // Section by section, each in a task of its own (yieldToEventLoop): in the app this runs on the interface thread.
  const figures = await signatureFigures(data, p.profile);
  const summary = classSummary(data, req.scope, p.profile, origins);
  await yieldToEventLoop();
  const items = itemsSection(data, p.profile);
  await yieldToEventLoop();
  const methods = await methodsSection(db, data, p.profile, software);
  await yieldToEventLoop();
  const results = resultsSection(data, p.profile, figures);
  await yieldToEventLoop();
  const sections = {
    summary,
    items,
    methods,
    results,
    calibration: calibrationSection(data.calibration, run, data.legacy !== null, data.language),
    limitations: limitationsSection(data, p.profile, origins, req.legacyFreshness === true),
  };
  const header = {
    title: 'Chemical class report', reportId, caseLine: caseLine(data, req.scope, p.profile), sensitivityLabel: p.label, analyst: ctx.analyst, date: now.toISOString().slice(0, 10),
    details: [
      ['Classes', classes.length ? `${andList(classes)} of class run ${run.id}` : `none (class run ${run.id})`],
      ...(allows(p.profile, 'case_id') && data.classes.length ? [[req.scope.by === 'cases' ? 'Cases in these classes' : 'Cases', andList([...new Set(data.classes.flatMap((c) => c.cases))].sort())] as [string, string]] : []),
      ['Selection', base.selection.description],
      ['Redaction profile', p.profile.name],
    ] as [string, string][],
  };
  const provenanceSettings: [string, string][] = [
    ['Report settings', `class run ${run.id}; ${settings.scope === 'classes' ? `classes ${andList(classes)}` : 'the classes of the selected case'}; route evidence with k = ${evidenceSettings.k}, ${evidenceSettings.folds} folds, seed ${evidenceSettings.seed}, floor ${evidenceSettings.floor}${evidenceSettings.alpha === undefined ? '' : `, typicality α ${evidenceSettings.alpha}`}${evidenceSettings.gate_floor === undefined ? '' : `, gate floor ${evidenceSettings.gate_floor}`}${evidenceSettings.gate_by_source ? ' (held-out calls counted by source for routes sharing their marker rules)' : ''}, source rule ${evidenceSettings.source_rule}`],
  ];
  const { html: text, sha256 } = await hashedReport((hash) => {
    const body = { ...base, report: { ...base.report!, report_sha256: hash } };
    return renderReportDocument({
      header,
      sections: { ...sections, provenance: provenanceHtml(body, req.fileName, provenanceSettings) },
      manifest: body,
      manifestFileName: manifestFileName(req.fileName),
    });
  });
  const body = { ...base, report: { ...base.report!, report_sha256: sha256 } };
  return { html: text, body, reportId, selection, selectionNonce: p.selectionNonce, rows: data.items.numRows, removed: data.removed, reportSha256: sha256 };
}
