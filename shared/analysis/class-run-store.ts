/**
 * Class runs kept in the workspace: config/class-run-R0001.json (the record) and classes/R0001.arrow (per-sample
 * class ids and the linkage matrix; layout in class-run-record.ts), written in one commit with the audit line naming
 * the outcome. Runs are never overwritten.
 */
import { documentBytes, WorkspaceError, type Workspace } from '../workspace/Workspace';
import { DEFAULT_CLASS_ID_RULE } from '../profiling/class-ids';
import { sha256Hex } from '../util/sha256';
import type { InputBatch, PairRule, SignatureSelectionRecord } from './analysis-inputs';
import { contaminationRecord } from './calibration-record';
import type { ClassRunComputation, ClassRunSettings } from './class-run-compute';
import { classRunDataFromArrow, classRunDataToArrow, ClassRunRecordSchema, CLASS_RUN_FORMAT, CLASS_RUN_VERSION, readClassRunRecord, type ClassRunData, type ClassRunMethod, type ClassRunRecord } from './class-run-record';
import { classRunMethodText } from './class-run-method';
import type { RecordAuthor } from './calibration-store';
import { combinationLabel, LINKAGE_LABELS } from './labels';
import { nextVersionedId, versionedIds } from './versioned-documents';

export const CLASS_RUN_PREFIX = 'class-run-';

/** Where a run's per-sample data and linkage matrix live. */
export const classRunDataFile = (id: string): string => `classes/${id}.arrow`;

/** Run ids in the workspace, oldest first. */
export function classRunIds(ws: Workspace): string[] {
  return versionedIds(ws, CLASS_RUN_PREFIX, 'R');
}

/** One run's record, checked and migrated; throws WorkspaceError when it does not exist. */
export async function readClassRun(ws: Workspace, id: string): Promise<ClassRunRecord> {
  const raw = await ws.getDocument(`${CLASS_RUN_PREFIX}${id}`);
  if (raw === null) throw new WorkspaceError(`the workspace has no class run ${id}`);
  return readClassRunRecord(raw, `config/${CLASS_RUN_PREFIX}${id}.json`);
}

/** The most recent run, or null. */
export async function latestClassRun(ws: Workspace): Promise<ClassRunRecord | null> {
  const ids = classRunIds(ws);
  return ids.length ? readClassRun(ws, ids[ids.length - 1]) : null;
}

/**
 * Decoded run data by store and SHA-256, so that a run is read, checked and decoded once however many users it has
 * (the class tables, the views, a report and its data, the next run's id matching). Content-addressed, so never
 * stale; per store, so that a workspace opened again (verify, a changed file) reads its file again; the last few kept.
 */
const decoded = new WeakMap<object, Map<string, Promise<ClassRunData>>>();
const DECODED_RUNS_KEPT = 2;

/** A run's per-sample rows and linkage matrix, checked against the SHA-256 in its record (read once per open store). */
export async function readClassRunData(ws: Workspace, record: ClassRunRecord): Promise<ClassRunData> {
  let byHash = decoded.get(ws.store);
  if (byHash === undefined) decoded.set(ws.store, (byHash = new Map()));
  const key = `${record.data.file}:${record.data.sha256}`;
  let data = byHash.get(key);
  if (data === undefined) {
    data = ws.readChecked(record.data.file, record.data.sha256).then(classRunDataFromArrow);
    byHash.set(key, data);
    data.catch(() => byHash.delete(key));
    for (const k of byHash.keys()) if (byHash.size > DECODED_RUNS_KEPT) byHash.delete(k);
  }
  return data;
}

/** A run (default the latest) with its data, or null when the workspace has none. */
export async function loadClassRun(ws: Workspace, runId?: string): Promise<{ record: ClassRunRecord; data: ClassRunData } | null> {
  const record = runId ? await readClassRun(ws, runId) : await latestClassRun(ws);
  return record ? { record, data: await readClassRunData(ws, record) } : null;
}

export interface ClassRunMeta {
  signature: SignatureSelectionRecord;
  pairsRule: PairRule;
  batches: InputBatch[];
  requested: ClassRunSettings & { calibration: string };
  previousRun: string | null;
  reasons: string[];
  logOffset: number;
  seed: number;
  minJaccard: number;
  /** How the classes were made; default a full clustering. A threshold-graph run passes its components too. */
  method?: ClassRunMethod;
  component?: Int32Array;
}

/** Saves a computed run under the next id (R0001 …) and returns its record. */
export async function saveClassRun(ws: Workspace, run: ClassRunComputation, meta: ClassRunMeta, author: RecordAuthor): Promise<ClassRunRecord> {
  const id = nextVersionedId(ws, CLASS_RUN_PREFIX, 'R');
  const file = classRunDataFile(id);
  const method: ClassRunMethod = meta.method ?? { kind: 'full' };
  const bytes = classRunDataToArrow({ ...run, component: meta.component ?? null });
  const sha256 = await sha256Hex(bytes);
  const q = meta.requested;
  const overridden = [q.pretreatment, q.score, q.linkage, q.threshold, q.k].some((v) => v !== undefined);
  const record: ClassRunRecord = ClassRunRecordSchema.parse({
    format: CLASS_RUN_FORMAT,
    schema_version: CLASS_RUN_VERSION,
    id,
    created_at: (author.now ?? (() => new Date()))().toISOString(),
    analyst: author.analyst,
    app_version: author.appVersion,
    mode: overridden ? 'explicit' : 'auto',
    settings: {
      signature: meta.signature,
      pairs_rule: meta.pairsRule,
      pretreatment: run.choice.pretreatment,
      score: run.choice.score,
      linkage: run.choice.linkage,
      threshold: run.choice.threshold,
      k: run.choice.k,
      accepted_fpr: run.choice.acceptedFpr,
      calibration_id: run.calibrationId,
      source: run.source,
      cut_rule: run.choice.rule,
      requested: {
        pretreatment: q.pretreatment ?? null,
        score: q.score ?? null,
        linkage: q.linkage ?? null,
        threshold: q.threshold ?? null,
        k: q.k ?? null,
        accepted_fpr: q.acceptedFpr ?? null,
        calibration: q.calibration,
      },
      log_offset: meta.logOffset,
      seed: meta.seed,
      min_jaccard: meta.minJaccard,
      // Both computations (class-run-compute.ts, class-run-graph-compute.ts) carry ids by this rule.
      class_id_rule: DEFAULT_CLASS_ID_RULE,
    },
    reasons: meta.reasons,
    figures: {
      combinations: run.combinations.map((c) => ({
        pretreatment: c.pretreatment,
        score: c.score,
        rank: c.rank,
        auc: c.auc,
        auc_interval: c.aucInterval,
        gain_interval: c.gainInterval,
        threshold: c.threshold,
        fpr_at_threshold: c.fprAtThreshold,
        tpr_at_threshold: c.tprAtThreshold,
      })),
      linkages: run.linkages.map((l) => ({ method: l.method, cophenetic_correlation: null, f1: l.f1, recall: l.recall, false_link_rate: l.falseLinkRate })),
      cut_candidates: run.cutCandidates.map((c) => ({ linkage: c.linkage, rule: c.rule, f1: c.f1, recall: c.recall, false_link_rate: c.falseLinkRate, threshold: c.threshold })),
      folds: run.folds,
      contamination: contaminationRecord(run.contamination),
      pairs_calibration: run.pairsCalibration,
      reference_distance: run.referenceDistance,
    },
    inputs: { batches: meta.batches, samples: run.sampleIds.length },
    previous_run: meta.previousRun,
    method,
    next_class_id: run.nextClassId,
    retired_class_ids: run.retired,
    class_count: run.classCount,
    singletons: run.singletons,
    classes: run.classes.map((c) => ({
      class_id: c.classId,
      size: c.size,
      members: c.members,
      first_seen: c.firstSeen,
      last_seen: c.lastSeen,
      regions: c.regions,
      cases: c.cases,
      seizures: c.seizures,
      mean_signature: c.meanSignature,
      cohesion: c.cohesion,
      cohesion_100: c.cohesion100,
      previous_class_id: c.previousClassId,
      jaccard: c.jaccard,
    })),
    data: { file, sha256, rows: run.sampleIds.length },
  });
  const s = record.settings;
  const cut = s.k !== null ? `k = ${s.k}` : `threshold ${s.threshold}`;
  // One commit: the per-sample data, the record and the line that says what was run (shared/workspace/commit.ts).
  await ws.commit({
    action: 'classes.save',
    summary: `Class run ${id}: ${run.sampleIds.length} samples in ${run.classCount} classes (${run.singletons} of one) by ${combinationLabel(s.pretreatment, s.score)}, ${LINKAGE_LABELS[s.linkage]} linkage, ${cut}${s.calibration_id ? `, calibration ${s.calibration_id}` : ''}${method.kind === 'full' ? '' : `; ${classRunMethodText(record)}`}`,
    details: { run: id, calibration: s.calibration_id, classes: run.classCount, previous_run: meta.previousRun, method: method.kind },
    files: [{ path: file, bytes }],
    documents: [{ name: `${CLASS_RUN_PREFIX}${id}`, bytes: documentBytes(record), fresh: true }],
  });
  return record;
}
