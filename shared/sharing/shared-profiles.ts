/**
 * What a lab shares about its profiles, computed one way for exchange packages and the national store (so that what a
 * partner receives is what the store holds): each sample's signature pretreated under the calibration in force, the
 * class the latest class run put it in, and the facts linking alerts use (drug, seizure date, region, port of entry,
 * agency, case, seizure). Redaction is applied by the caller (packages: a redaction profile; the store: case and
 * exhibit details go to a table partners cannot read).
 */
import type { Database } from '../db/Database';
import { recordedNonDetects } from '../analysis/analysis-inputs';
import { calibrationInForce } from '../analysis/calibration-store';
import type { CalibrationRecord } from '../analysis/calibration-record';
import { latestClassRun, readClassRunData } from '../analysis/class-run-store';
import { loadSignatures, type LoadedSignatures } from '../analysis/signature-query';
import { pretreat } from '../profiling/pretreatment';
import { AnalysisRefusal } from '../analysis/analysis-refusal';
import { loadAlertFacts, type AlertFacts } from '../linking/link-alerts';
import { evidenceModel } from '../linking/link-evidence';
import type { Workspace } from '../workspace/Workspace';
import { sharedMethodOf, type SharedMethod } from './exchange-method';
import { detectionOf, type DetectionFlags } from './detection-part';

/** The facts shared beside each signature, in package column order. */
export const FACT_COLUMNS = ['sample_id', 'class_id', 'drug', 'seized_on', 'region', 'port_of_entry', 'agency', 'case_id', 'seizure_id'] as const;
export type FactColumn = (typeof FACT_COLUMNS)[number];

/** Profiles in columns: facts per sample and the pretreated signature matrix (n × compounds, row-major). */
export interface SharedProfiles {
  lab: string | null;
  method: SharedMethod;
  classRunId: string | null;
  n: number;
  facts: Record<Exclude<FactColumn, 'class_id'>, (string | null)[]> & { class_id: (number | null)[] };
  values: Float64Array;
  /** Relative areas (N) over the method's compounds, n × compounds (profiles-arrow.ts). */
  relative: Float64Array;
  /** Detection flags and limits in relative-area units (detection-part.ts); null under a rule without limits. */
  detection: DetectionFlags | null;
}

/** A workspace's signatures pretreated exactly as its calibration `record` prescribes (one path for linking and sharing). */
export async function calibratedSignatures(db: Database, record: CalibrationRecord): Promise<{ loaded: LoadedSignatures; values: Float64Array; relative: Float64Array }> {
  // Non-detects as the calibration treats them: its threshold and validation are distances under that rule.
  const loaded = await loadSignatures(db, { compounds: record.inputs.signature.compounds, nonDetects: recordedNonDetects(record.inputs.signature) });
  const s = record.column_scaling;
  const pre = pretreat(loaded.matrix, record.chosen.pretreatment, {
    logOffset: record.inputs.log_offset,
    scaling: s ? { centre: s.centre && Float64Array.from(s.centre), scale: s.scale && Float64Array.from(s.scale), constant: s.constant && Uint8Array.from(s.constant) } : undefined,
  });
  return { loaded, values: pre.values, relative: pretreat(loaded.matrix, 'n').values };
}

/** Collects the workspace's shared profiles (see the module doc); refuses a workspace with no calibration. */
export async function collectSharedProfiles(ws: Workspace, db: Database): Promise<SharedProfiles> {
  const record = await calibrationInForce(ws);
  if (!record) throw new AnalysisRefusal('no-measurements', 'no calibration yet: shared signatures are pretreated under the calibration in force, with its validation (sigwb calibrate)');
  const { loaded, values, relative } = await calibratedSignatures(db, record);
  const facts: AlertFacts = await loadAlertFacts(db, loaded);
  const run = await latestClassRun(ws);
  const classOf = new Map<string, number>();
  if (run) {
    const data = await readClassRunData(ws, run);
    data.sampleIds.forEach((id, i) => classOf.set(id, data.classIds[i]));
  }
  const ids = loaded.matrix.sampleIds;
  return {
    lab: null,
    method: await sharedMethodOf(record, await evidenceModel(ws, record)),
    classRunId: run?.id ?? null,
    n: ids.length,
    facts: {
      sample_id: [...ids],
      class_id: ids.map((id) => classOf.get(id) ?? null),
      drug: facts.drug,
      seized_on: facts.seizedOn,
      region: facts.region,
      port_of_entry: facts.port,
      agency: facts.agency,
      case_id: facts.caseId,
      seizure_id: loaded.facts.seizureId,
    },
    values,
    relative,
    detection: detectionOf(loaded.matrix),
  };
}
