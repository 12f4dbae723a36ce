/**
 * The calibration and chemical classes an attribution uses: the calibration in force (shared/analysis
 * calibration-store) with its validated group LR system, and the latest class run made with it; when there is no
 * calibration record, one computed for the run in the automatic mode of shared/profiling (pretreatment × metric by
 * ROC AUC over same-seizure / different-case pairs, FPR 2.5 %, linkage by cophenetic correlation), which the run's
 * notes say, and which gives no LR: only a saved calibration validates one.
 */
import { calibrationInForce, calibrationLrModels } from '../analysis/calibration-store';
import { latestClassRun, readClassRunData } from '../analysis/class-run-store';
import type { CalibrationRecord } from '../analysis/calibration-record';
import { simplePopulation } from '../profiling/pair-population';
import { autoProfile } from '../profiling/auto';
import { InsufficientPairsError } from '../profiling/calibration';
import type { ColumnScaling } from '../profiling/pretreatment';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import type { Workspace } from '../workspace/Workspace';
import type { CalibrationInForce, Comparison } from './types';

/** What the calibration record in force fixes before the signatures are loaded. */
export interface RecordInForce {
  readonly record: CalibrationRecord;
  readonly calibration: CalibrationInForce;
  readonly comparison: Comparison;
}

/** The calibration record in force with its LR model, or null when the workspace has none. */
export async function recordInForce(ws: Workspace): Promise<RecordInForce | null> {
  const record = await calibrationInForce(ws);
  if (record === null) return null;
  const c = record.chosen;
  const chosen = record.combinations.find((k) => k.pretreatment === c.pretreatment && k.score === c.score);
  const s = record.column_scaling;
  const scaling: ColumnScaling | undefined = s
    ? { centre: s.centre && Float64Array.from(s.centre), scale: s.scale && Float64Array.from(s.scale), constant: s.constant && Uint8Array.from(s.constant) }
    : undefined;
  const models = calibrationLrModels(record);
  const system = record.lr_system;
  return {
    record,
    comparison: { pretreatment: c.pretreatment, score: c.score, logOffset: record.inputs.log_offset, scaling },
    calibration: {
      threshold: record.threshold.distance,
      lr: models?.group && system?.group
        ? { model: models.group, propositions: { level: system.propositions.level, short: { hp: system.propositions.hp_short, hd: system.propositions.hd_short } }, maxMembers: system.group.max_members, ...(system.pair_comparison === 'censored' ? { pairComparison: system.pair_comparison } : {}) }
        : null,
      unlinkedMedian: chosen?.median_unlinked,
      label: `calibration ${record.id} in force: ${c.pretreatment} + ${c.score}, threshold ${record.threshold.distance.toPrecision(4)} at FPR ${(record.accepted_fpr * 100).toFixed(1)} % (AUC ${record.auc.toFixed(3)})`,
    },
  };
}

export interface ClassesAndCalibration {
  readonly calibration: CalibrationInForce | null;
  readonly comparison: Comparison;
  /** Class id per matrix row; null when there is no calibration to cut a tree at. */
  readonly classIds: Int32Array | null;
  readonly classCount: number;
  readonly origin: 'record' | 'computed' | 'none';
  readonly notes: string[];
}

/**
 * Classes for the loaded samples: from the latest class run made with the record in force (samples it did not
 * cover become classes of one), else cut here at the record's threshold; without a record, everything computed
 * here. `fixed` pins the pretreatment and metric of a computed calibration.
 */
export async function classesAndCalibration(
  ws: Workspace,
  matrix: SignatureMatrix,
  seizure: readonly (string | null)[],
  caseId: readonly (string | null)[],
  inForce: RecordInForce | null,
  fixed: Partial<Comparison> = {},
): Promise<ClassesAndCalibration> {
  const notes: string[] = [];
  if (inForce !== null) {
    const { record, comparison, calibration } = inForce;
    const run = await latestClassRun(ws);
    if (run !== null && run.settings.calibration_id === record.id) {
      const data = await readClassRunData(ws, run);
      const byId = new Map(data.sampleIds.map((id, i) => [id, data.classIds[i]]));
      let next = data.classIds.reduce((m, c) => Math.max(m, c), 0) + 1;
      let missing = 0;
      const classIds = Int32Array.from(matrix.sampleIds, (id) => byId.get(id) ?? (missing++, next++));
      if (missing > 0) notes.push(`${missing} sample(s) are not in class run ${run.id} and stand as classes of one.`);
      return { calibration, comparison, classIds, classCount: new Set(classIds).size, origin: 'record', notes: [`Chemical classes of run ${run.id}.`, ...notes] };
    }
    const auto = autoProfile(matrix, simplePopulation(seizure, caseId), {
      pretreatment: comparison.pretreatment, score: comparison.score, threshold: calibration.threshold, logOffset: comparison.logOffset, scaling: comparison.scaling,
    });
    notes.push(`No class run made with calibration ${record.id}: classes cut here at its threshold (${auto.choice.linkage} linkage).`);
    return { calibration, comparison, classIds: auto.classIds, classCount: auto.classCount, origin: 'record', notes };
  }
  try {
    const auto = autoProfile(matrix, simplePopulation(seizure, caseId), { pretreatment: fixed.pretreatment, score: fixed.score });
    const cal = auto.calibration!;
    const comparison: Comparison = { pretreatment: auto.choice.pretreatment, score: auto.choice.score };
    return {
      comparison,
      calibration: {
        threshold: cal.threshold,
        lr: null,
        unlinkedMedian: cal.unlinked.median,
        label: `computed for this run: ${comparison.pretreatment} + ${comparison.score}, threshold ${cal.threshold.toPrecision(4)} at FPR ${(cal.fprAtThreshold * 100).toFixed(1)} % (AUC ${cal.auc.toFixed(3)}, ${auto.pairs.linked} linked / ${auto.pairs.unlinked} unlinked pairs), ${auto.choice.linkage} linkage`,
      },
      classIds: auto.classIds,
      classCount: auto.classCount,
      origin: 'computed',
      notes: ['No calibration saved in the workspace (sigwb calibrate): the calibration and the chemical classes were computed for this run from same-seizure (linked) and different-case (unlinked) pairs, and no likelihood ratio is given (only a saved calibration validates one).'],
    };
  } catch (e) {
    if (!(e instanceof InsufficientPairsError)) throw e;
    return {
      comparison: { pretreatment: fixed.pretreatment ?? 'fourth-root', score: fixed.score ?? 'pearson' },
      calibration: null,
      classIds: null,
      classCount: matrix.sampleIds.length,
      origin: 'none',
      notes: [`No calibration: ${e.message} Sources are not assessed and each sample is its own class.`],
    };
  }
}
