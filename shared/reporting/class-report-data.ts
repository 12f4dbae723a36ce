/**
 * What a chemical-class report shows, read from the workspace: the class run and the calibration it was cut
 * with, the chosen classes (by id, or those a case's samples fall in, plus the case's unclassified samples),
 * the members with their seizure data (redacted per profile), their signatures as shares of the total target area,
 * the likelihood ratio of each class (its members against the rest, shared/analysis/class-lr.ts), and the route and
 * source evidence. Everything here is a function of
 * the workspace's batches and records and of the request, so the report can be computed again (`sigwb verify`).
 */
import type { Table } from 'apache-arrow';
import { readCalibration, readCalibrationDistances } from '../analysis/calibration-store';
import { classLrs, classLrUnavailable, type ClassLr } from '../analysis/class-lr';
import type { ClassRecord, ClassRunRecord } from '../analysis/class-run-record';
import { CLASS_RUN_PREFIX, classRunIds, latestClassRun, readClassRun, readClassRunData } from '../analysis/class-run-store';
import type { Engine } from '../analysis/engine';
import { freshness, type Freshness } from '../analysis/freshness';
import type { PcaView } from '../analysis/pca-view';
import { loadSignatures } from '../analysis/signature-query';
import { workspacePca } from '../analysis/workspace-pca';
import { sqlString, type Database } from '../db/Database';
import { ExportError } from '../exporting/export-error';
import { allows, applyRedaction, type RedactionProfile } from '../exporting/redaction';
import type { Selection } from '../exporting/selection';
import { pretreatValues } from '../profiling/pretreatment';
import { toScore100 } from '../profiling/scores';
import type { NonDetectRule } from '../profiling/non-detects';
import { recordedNonDetects } from '../analysis/analysis-inputs';
import { effectiveValues } from '../profiling/signature-matrix';
import type { Workspace } from '../workspace/Workspace';
import { shareAtOrBelow, type CalibrationUse } from './calibration-section';
import { loadEvidence, type Evidence, type EvidenceSettings } from './class-evidence';
import { legacyLr, type LegacyLr } from './legacy-lr';
import { CURRENT_LANGUAGE, type ReportLanguage } from './report-language';
import type { ClassSignatures } from './signature-plots';

/** Which classes a report covers: named classes of the run, or the classes a case's samples fall in. */
export type ClassReportScope = { by: 'classes'; classIds: number[] } | { by: 'cases'; caseIds: string[] };

export interface UnclassifiedSample {
  sampleId: string;
  /** 'alone': in the run, linked to no other sample; 'not-in-run': no signature in the run (no results, or later). */
  why: 'alone' | 'not-in-run';
}

export interface ClassReportData {
  run: ClassRunRecord;
  calibration: CalibrationUse;
  classes: ClassRecord[];
  unclassified: UnclassifiedSample[];
  /** Members and unclassified samples with seizure data, `class_id` (null = unclassified) and distance to the class mean. */
  items: Table;
  removed: string[];
  /** Row ranges of `items` per class id (null = unclassified), in order. */
  groups: { classId: number | null; begin: number; end: number }[];
  signatures: Map<number, ClassSignatures>;
  /** Each class's LR (members against the rest), or why none is given (`lrNote`). */
  classLr: Map<number, ClassLr>;
  lrNote: string | null;
  /** Set only when computing again a report made before LRs were validated: its earlier statements (null: it had none). */
  legacy: { lr: LegacyLr | null } | null;
  evidence: Evidence;
  /** Live batches the run did not read (imported after it): their values are shown but made no class. */
  laterBatches: string[];
  /** Whether the run and the calibration are older than the data, as every view says it (shared/analysis/freshness.ts). */
  freshness: { run: Freshness; calibration: Freshness | null };
  /** How the report writes its figures (report-language.ts). */
  language: ReportLanguage;
  /** The PCA of every sample in the run's space (the app's Classes view draws the same), or null with the reason; null when not asked. */
  pca: { view: PcaView } | { view: null; why: string } | null;
}

/** The class run a report uses: `runId`, or the latest; a clear refusal when there is none. */
export async function reportRun(ws: Workspace, runId?: string): Promise<ClassRunRecord> {
  if (runId !== undefined) {
    if (!classRunIds(ws).includes(runId)) throw new ExportError(`the workspace has no class run ${runId} (runs: ${classRunIds(ws).join(', ') || 'none'})`);
    return readClassRun(ws, runId);
  }
  const run = await latestClassRun(ws);
  if (run === null) throw new ExportError('the workspace has no class run yet: run sigwb cluster first');
  return run;
}

/** The class run whose classes the database's `sample_classes` table holds, or null (none, or no table yet). */
export async function registeredRun(db: Database): Promise<string | null> {
  const exists = await db.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'sample_classes'`);
  if (Number(exists.getChild('n')?.get(0) ?? 0) === 0) return null;
  const t = await db.query('SELECT any_value(run_id) AS r FROM sample_classes');
  const r = t.getChild('r')?.get(0);
  return typeof r === 'string' ? r : null;
}

/** The selection a scope stands for (recorded in the manifest). */
export function scopeSelection(scope: ClassReportScope, runId: string): Selection {
  if (scope.by === 'cases') return { kind: 'cases', case_ids: scope.caseIds };
  return { kind: 'sql', sql: `SELECT sample_id FROM sample_classes WHERE run_id = ${sqlString(runId)} AND class_id IN (${scope.classIds.join(', ')})` };
}

/** The document names and data files of the records a report reads. */
export function recordDocument(kind: 'class-run' | 'calibration', id: string): string {
  return kind === 'class-run' ? `${CLASS_RUN_PREFIX}${id}` : `calibration-${id}`;
}

const list = (ids: readonly string[]) => ids.map(sqlString).join(', ') || 'NULL';

async function stringColumn(db: Database, sql: string): Promise<string[]> {
  const t = await db.query(sql);
  const c = t.getChild('v');
  return Array.from({ length: t.numRows }, (_, i) => String(c?.get(i)));
}

async function calibrationUse(ws: Workspace, run: ClassRunRecord): Promise<CalibrationUse> {
  const s = run.settings;
  const threshold = s.k !== null ? null : s.threshold;
  const use: CalibrationUse = {
    cut: s.source.cut, record: null, threshold, threshold100: threshold === null ? null : toScore100(threshold, s.score, run.figures.reference_distance),
    fpr: null, tpr: null, auc: null, pairs: null, heldOut: null,
  };
  const best = run.figures.cut_candidates[0];
  if (s.source.cut === 'held-out' && best) use.heldOut = { falseLinkRate: best.false_link_rate, recall: best.recall, f1: best.f1, contamination: run.figures.contamination?.share ?? null };
  if (s.calibration_id !== null) {
    const record = await readCalibration(ws, s.calibration_id);
    use.record = record;
    use.auc = record.auc;
    use.pairs = { linked: record.inputs.pairs.linked, unlinked: record.inputs.pairs.unlinked };
    if (threshold !== null) {
      const d = await readCalibrationDistances(ws, record);
      use.fpr = shareAtOrBelow(d.unlinked, threshold);
      use.tpr = shareAtOrBelow(d.linked, threshold);
    }
  } else if (run.figures.pairs_calibration) {
    const pc = run.figures.pairs_calibration;
    use.auc = pc.auc;
    use.pairs = { linked: pc.linked, unlinked: pc.unlinked };
    if (threshold !== null && threshold === pc.threshold) {
      use.fpr = pc.fpr;
      use.tpr = pc.tpr;
    }
  }
  return use;
}

/** Members' shares of the total target area (N) per class, labelled per profile. O(members·p). */
async function classSignatures(db: Database, classes: readonly ClassRecord[], compounds: readonly string[], nonDetects: NonDetectRule, profile: RedactionProfile): Promise<Map<number, ClassSignatures>> {
  const out = new Map<number, ClassSignatures>();
  const members = classes.flatMap((c) => c.members);
  if (members.length === 0) return out;
  const loaded = await loadSignatures(db, { compounds, sampleFilter: `sample_id IN (${list(members)})`, nonDetects });
  const n = loaded.matrix.sampleIds.length;
  const p = compounds.length;
  const shares = pretreatValues(effectiveValues(loaded.matrix), n, p, 'n');
  const row = new Map(loaded.matrix.sampleIds.map((id, i) => [id, i]));
  const showIds = allows(profile, 'sample_id');
  const showCases = allows(profile, 'case_id');
  for (const c of classes) {
    const rows = c.members.filter((id) => row.has(id)).map((id) => row.get(id)!);
    const values = new Float64Array(rows.length * p);
    const detected = new Uint8Array(rows.length * p).fill(1);
    rows.forEach((r, k) => {
      values.set(shares.subarray(r * p, r * p + p), k * p);
      if (loaded.matrix.detected) detected.set(loaded.matrix.detected.subarray(r * p, r * p + p), k * p);
    });
    out.set(c.class_id, {
      compounds,
      members: rows.map((r, k) => ({ label: showIds ? loaded.matrix.sampleIds[r] : `member ${k + 1}`, group: showCases ? (loaded.facts.caseId[r] ?? 'no case recorded') : null })),
      shares: values,
      detected,
    });
  }
  return out;
}

/** Reads everything a class report shows; `sample_classes` must hold `run` (registerSampleClasses). Throws ExportError for an unknown class. */
export async function loadClassReportData(
  ws: Workspace, db: Database, run: ClassRunRecord, scope: ClassReportScope, profile: RedactionProfile, evidenceSettings: EvidenceSettings,
  options: { pca?: boolean; engine?: Engine; legacyLr?: boolean; language?: ReportLanguage } = {},
): Promise<ClassReportData> {
  const runData = await readClassRunData(ws, run);
  const classOf = new Map(runData.sampleIds.map((id, i) => [id, runData.classIds[i]]));
  const byId = new Map(run.classes.map((c) => [c.class_id, c]));
  let classes: ClassRecord[];
  const unclassified: UnclassifiedSample[] = [];
  if (scope.by === 'classes') {
    const ids = [...new Set(scope.classIds)].sort((a, b) => a - b);
    for (const id of ids) {
      if (byId.has(id)) continue;
      if (runData.classIds.includes(id)) throw new ExportError(`class ${id} of run ${run.id} holds one sample, linked to no other: report its case instead`);
      throw new ExportError(`class run ${run.id} has no class ${id} (its classes of two or more samples: ${run.classes.map((c) => c.class_id).join(', ') || 'none'})`);
    }
    classes = ids.map((id) => byId.get(id)!);
  } else {
    const samples = await stringColumn(db, `SELECT DISTINCT sample_id AS v FROM samples WHERE case_id IN (${list(scope.caseIds)}) ORDER BY v`);
    const ids = new Set<number>();
    for (const s of samples) {
      const c = classOf.get(s);
      if (c !== undefined && byId.has(c)) ids.add(c);
      else unclassified.push({ sampleId: s, why: c === undefined ? 'not-in-run' : 'alone' });
    }
    classes = [...ids].sort((a, b) => a - b).map((id) => byId.get(id)!);
  }
  const members = classes.flatMap((c) => c.members);
  const listed = [...members, ...unclassified.map((u) => u.sampleId)];
  const chosen = classes.map((c) => c.class_id).join(', ') || 'NULL';
  const raw = await db.query(`SELECT s.*, CASE WHEN c.class_id IN (${chosen}) THEN c.class_id END AS class_id, c.distance_to_class_mean
    FROM samples s LEFT JOIN sample_classes c ON c.sample_id = s.sample_id WHERE s.sample_id IN (${list(listed)})
    ORDER BY class_id NULLS LAST, s.case_id NULLS LAST, s.seizure_id NULLS LAST, s.sample_id`);
  // The class columns are the report's findings, not seizure data: no redaction profile names them.
  const { table: items, removed } = applyRedaction(raw, { ...profile, allow: [...profile.allow, 'class_id', 'distance_to_class_mean'] });
  const groups: ClassReportData['groups'] = [];
  const cls = items.getChild('class_id');
  const rowCount = items.numRows;
  for (let r = 0; r < rowCount; r++) {
    const v = cls?.get(r);
    const id = v === null || v === undefined ? null : Number(v);
    if (groups.length && groups[groups.length - 1].classId === id) groups[groups.length - 1].end = r + 1;
    else groups.push({ classId: id, begin: r, end: r + 1 });
  }

  const signatures = await classSignatures(db, classes, run.settings.signature.compounds, recordedNonDetects(run.settings.signature), profile);

  const calibration = await calibrationUse(ws, run);
  const legacy = options.legacyLr ? { lr: await legacyLr(ws, calibration.record) } : null;
  const lrNote = legacy ? null : classLrUnavailable(run, calibration.record);
  const classLr = legacy === null && lrNote === null ? await classLrs(db, run, calibration.record!, classes) : new Map<number, ClassLr>();
  const read = new Set(run.inputs.batches.map((b) => b.id));
  const superseded = new Set(ws.manifest.batches.map((b) => b.supersedes).filter((s) => s !== null));
  const laterBatches = ws.manifest.batches.filter((b) => !superseded.has(b.id) && !read.has(b.id)).map((b) => b.id);
  const evidence = await loadEvidence(ws, db, run, evidenceSettings, options.engine);
  const pca = options.pca === false ? null : await workspacePca(ws, db, { run, engine: options.engine }).then(
    (r) => ({ view: r.view }),
    (e: Error) => ({ view: null, why: e.message }),
  );
  const fresh = { run: freshness(ws.manifest, run), calibration: calibration.record ? freshness(ws.manifest, calibration.record) : null };
  return { run, calibration, classes, unclassified, items, removed, groups, signatures, classLr, lrNote, legacy, evidence, laterBatches, freshness: fresh, language: options.language ?? CURRENT_LANGUAGE, pca };
}
