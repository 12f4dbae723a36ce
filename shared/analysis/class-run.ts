/**
 * Class runs on a workspace: the automatic mode or explicit settings over the workspace's signatures, with the
 * calibration in force supplying pretreatment, score and threshold when it was made on the same compounds, ids
 * carried over from the previous run, and the result saved as the next run (R0001 …). Identical inputs and
 * settings give identical records (apart from id, time and the previous-run link) and identical data files.
 */
import type { Database } from '../db/Database';
import { DEFAULT_NON_DETECT_RULE, type NonDetectRule } from '../profiling/non-detects';
import { thresholdAtFpr } from '../profiling/roc';
import type { Workspace } from '../workspace/Workspace';
import { DEFAULT_PAIR_RULE, inputBatches, PairRule, recordedNonDetects, selectionRecord } from './analysis-inputs';
import { AnalysisRefusal } from './analysis-refusal';
import { loadPairPopulation } from './calibrate-workspace';
import type { CalibrationRecord } from './calibration-record';
import { calibrationInForce, readCalibration, readCalibrationDistances, type RecordAuthor } from './calibration-store';
import { CLASS_RUN_DEFAULTS, type CalibrationInUse, type ClassRunComputation, type ClassRunSettings, type PreviousAssignment } from './class-run-compute';
import type { ClassRunRecord } from './class-run-record';
import type { ClassFacts } from './class-summary';
import { latestClassRun, readClassRunData, saveClassRun } from './class-run-store';
import { inProcessEngine, matrixPayload, type Engine, type EngineRunOptions } from './engine';
import { loadSignatures, missingNote, requireMeasurements, selectionRoles, type SignatureSelection } from './signature-query';

export interface ClassRunOptions extends EngineRunOptions {
  selection?: SignatureSelection;
  /** Pair rule of the run's own pairs; default DEFAULT_PAIR_RULE (same seizure_id / different case_id). */
  pairRule?: PairRule;
  /** Overrides (pretreatment, score, linkage, threshold or k, FPR …); unset = automatic. */
  settings?: ClassRunSettings;
  /** 'in-force' (default), 'none' (calibrate on this run's pairs), or a calibration id such as C0002. */
  calibration?: string;
  engine?: Engine;
  author: RecordAuthor;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The calibration a run uses, or null with a note saying why none: 'none' asked, none saved, other compounds,
 * another combination or log offset asked. A calibration named by id must be usable, else the run is refused.
 */
export async function resolveCalibration(
  ws: Workspace,
  which: string,
  compounds: readonly string[],
  settings: ClassRunSettings,
  nonDetects: NonDetectRule = DEFAULT_NON_DETECT_RULE,
): Promise<{ calibration: CalibrationInUse | null; note: string | null }> {
  const record = await calibrationAsked(ws, which);
  if (record === null) return { calibration: null, note: which === 'none' ? null : 'No calibration saved in the workspace yet (sigwb calibrate); calibrated on this run\'s own pairs.' };
  const problems: string[] = [];
  if (!sameList(record.inputs.signature.compounds, compounds)) problems.push('it was made on other compounds');
  if (settings.pretreatment !== undefined && settings.pretreatment !== record.chosen.pretreatment) problems.push(`it chose pretreatment ${record.chosen.pretreatment}`);
  if (settings.score !== undefined && settings.score !== record.chosen.score) problems.push(`it chose score ${record.chosen.score}`);
  if ((settings.logOffset ?? CLASS_RUN_DEFAULTS.logOffset) !== record.inputs.log_offset) problems.push('it used another log offset');
  if (nonDetects !== recordedNonDetects(record.inputs.signature)) problems.push(`it treated non-detects by the rule '${recordedNonDetects(record.inputs.signature)}', this run by '${nonDetects}'`);
  if (problems.length) {
    if (which !== 'in-force') throw new AnalysisRefusal('bad-setting', `calibration ${record.id} cannot be used here: ${problems.join('; ')}.`);
    return { calibration: null, note: `Calibration ${record.id} (in force) not used: ${problems.join('; ')}.` };
  }
  let threshold = record.threshold.distance;
  let tpr = record.threshold.tpr;
  let acceptedFpr = record.accepted_fpr;
  if (settings.acceptedFpr !== undefined && settings.acceptedFpr !== record.accepted_fpr) {
    const d = await readCalibrationDistances(ws, record);
    const t = thresholdAtFpr(d.linked, d.unlinked, settings.acceptedFpr);
    threshold = t.threshold;
    tpr = t.tpr;
    acceptedFpr = settings.acceptedFpr;
  }
  const s = record.column_scaling;
  return {
    calibration: {
      id: record.id,
      pretreatment: record.chosen.pretreatment,
      score: record.chosen.score,
      threshold,
      acceptedFpr,
      tpr,
      auc: record.auc,
      referenceDistance: record.reference_distance,
      scaling: s ? { centre: s.centre && Float64Array.from(s.centre), scale: s.scale && Float64Array.from(s.scale), constant: s.constant && Uint8Array.from(s.constant) } : null,
      // A calibration named by id is asked for its threshold; the one in force lends its combination, and its
      // threshold only when the run's pairs are too few to choose a cut on held-out pairs.
      useThreshold: which !== 'in-force',
    },
    note: null,
  };
}

/** The calibration a run names: the one in force, a given id, or none ('none'). */
async function calibrationAsked(ws: Workspace, which: string): Promise<CalibrationRecord | null> {
  if (which === 'none') return null;
  return which === 'in-force' ? await calibrationInForce(ws) : await readCalibration(ws, which);
}

/** The previous run's assignment, for stable class ids. */
export async function previousAssignment(ws: Workspace): Promise<PreviousAssignment | null> {
  const last = await latestClassRun(ws);
  if (!last) return null;
  const data = await readClassRunData(ws, last);
  // A copy: the engine worker takes the arrays it is sent (transferred), and `data` is the decoded run every reader of
  // this store shares (class-run-store.ts): sent as is, the app's view of the run lost its class ids.
  return { runId: last.id, sampleIds: data.sampleIds, classIds: data.classIds.slice(), nextClassId: last.next_class_id };
}

/** Runs the clustering on the workspace and saves it as the next run; returns the record, the result and the facts. */
export async function runClasses(ws: Workspace, db: Database, options: ClassRunOptions): Promise<{ record: ClassRunRecord; run: ClassRunComputation; facts: ClassFacts }> {
  const settings = options.settings ?? {};
  const which = options.calibration ?? 'in-force';
  // Non-detects as the calibration used treats them (an old one: 'zero'), unless the selection says otherwise.
  const asked = await calibrationAsked(ws, which);
  const selection: SignatureSelection = { ...options.selection, nonDetects: options.selection?.nonDetects ?? (asked === null ? DEFAULT_NON_DETECT_RULE : recordedNonDetects(asked.inputs.signature)) };
  const loaded = requireMeasurements(await loadSignatures(db, selection), selection);
  const rule = PairRule.parse(options.pairRule ?? DEFAULT_PAIR_RULE);
  const population = await loadPairPopulation(db, loaded, rule);
  const compounds = [...loaded.matrix.compounds];
  const { calibration, note } = await resolveCalibration(ws, which, compounds, settings, selection.nonDetects);
  const previous = await previousAssignment(ws);
  const missing = await missingNote(db, compounds);
  const facts: ClassFacts = { seizureId: loaded.facts.seizureId, caseId: loaded.facts.caseId, seizedOn: loaded.facts.seizedOn, region: loaded.facts.region };
  const engine = options.engine ?? inProcessEngine;
  const { run } = await engine.run(
    {
      kind: 'cluster',
      matrix: matrixPayload(loaded.matrix),
      facts,
      population,
      settings: { ...settings, rule },
      calibration,
      previous,
    },
    { onProgress: options.onProgress, signal: options.signal },
  );
  const record = await saveClassRun(
    ws,
    run,
    {
      signature: selectionRecord({ ...selection, roles: selectionRoles(selection) ?? undefined }, compounds),
      pairsRule: rule,
      batches: inputBatches(ws),
      requested: { ...settings, calibration: which },
      previousRun: previous?.runId ?? null,
      reasons: [...(note ? [note] : []), ...(missing ? [missing] : []), ...run.reasons],
      logOffset: settings.logOffset ?? CLASS_RUN_DEFAULTS.logOffset,
      seed: settings.seed ?? CLASS_RUN_DEFAULTS.seed,
      minJaccard: settings.minJaccard ?? CLASS_RUN_DEFAULTS.minJaccard,
    },
    options.author,
  );
  return { record, run, facts };
}
