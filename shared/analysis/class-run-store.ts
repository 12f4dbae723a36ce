/**
 * Class runs kept in the workspace: config/class-run-R0001.json (the record) and classes/R0001.arrow (per-sample
 * class ids and the linkage matrix; layout in class-run-record.ts). Write order: data file, record (config file,
 * manifest, audit line), then one audit line naming the data file and the outcome. Runs are never overwritten.
 */
import { WorkspaceError, type Workspace } from '../workspace/Workspace';
import type { InputBatch, PairRule, SignatureSelectionRecord } from './analysis-inputs';
import { contaminationRecord } from './calibration-record';
import type { ClassRunComputation, ClassRunSettings } from './class-run-compute';
import { classRunDataFromArrow, classRunDataToArrow, ClassRunRecordSchema, CLASS_RUN_FORMAT, CLASS_RUN_VERSION, readClassRunRecord, type ClassRunData, type ClassRunRecord } from './class-run-record';
import type { RecordAuthor } from './calibration-store';
import { combinationLabel, LINKAGE_LABELS } from './labels';
import { nextVersionedId, putNewDocument, versionedIds, writeNewDataFile } from './versioned-documents';

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

/** A run's per-sample rows and linkage matrix, checked against the SHA-256 in its record. */
export async function readClassRunData(ws: Workspace, record: ClassRunRecord): Promise<ClassRunData> {
  return classRunDataFromArrow(await ws.readChecked(record.data.file, record.data.sha256));
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
}

/** Saves a computed run under the next id (R0001 …) and returns its record. */
export async function saveClassRun(ws: Workspace, run: ClassRunComputation, meta: ClassRunMeta, author: RecordAuthor): Promise<ClassRunRecord> {
  const id = nextVersionedId(ws, CLASS_RUN_PREFIX, 'R');
  const file = classRunDataFile(id);
  const bytes = classRunDataToArrow(run);
  const sha256 = await writeNewDataFile(ws, file, bytes);
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
  await putNewDocument(ws, `${CLASS_RUN_PREFIX}${id}`, record, 'classes.save');
  const s = record.settings;
  const cut = s.k !== null ? `k = ${s.k}` : `threshold ${s.threshold}`;
  await ws.audit(
    'classes.save',
    `Class run ${id}: ${run.sampleIds.length} samples in ${run.classCount} classes (${run.singletons} of one) by ${combinationLabel(s.pretreatment, s.score)}, ${LINKAGE_LABELS[s.linkage]} linkage, ${cut}${s.calibration_id ? `, calibration ${s.calibration_id}` : ''}`,
    [{ path: file, sha256 }],
    { run: id, calibration: s.calibration_id, classes: run.classCount, previous_run: meta.previousRun },
  );
  return record;
}
