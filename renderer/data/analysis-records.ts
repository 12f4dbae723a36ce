/**
 * The analysis records a workspace holds, read for display (shared/analysis stores): the calibration in
 * force and the latest class run with its per-sample data and linkage matrix.
 */
import { calibrationInForce } from '../../shared/analysis/calibration-store';
import type { CalibrationRecord } from '../../shared/analysis/calibration-record';
import type { ClassRunData, ClassRunRecord } from '../../shared/analysis/class-run-record';
import { loadClassRun } from '../../shared/analysis/class-run-store';
import type { Workspace } from '../../shared/workspace/Workspace';

export interface ClassRunInView {
  record: ClassRunRecord;
  data: ClassRunData;
}

/** The latest class run with its data file (SHA-256 checked), or null when none was made. */
export async function latestClassRun(ws: Workspace): Promise<ClassRunInView | null> {
  return loadClassRun(ws);
}

export async function calibrationForView(ws: Workspace): Promise<CalibrationRecord | null> {
  return calibrationInForce(ws);
}
