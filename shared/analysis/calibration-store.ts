/**
 * Calibrations kept in the workspace: config/calibration-C0001.json (the record) and calibrations/C0001.arrow (the
 * chosen combination's pair distances, from which the LR model is rebuilt exactly). Write order: data file, record
 * (config file, manifest, audit line), then one audit line naming the data file and the figures.
 *
 * The calibration in force: the latest one, unless an analyst put an older one in force after it was saved
 * (`setCalibrationInForce`); saving a new calibration brings the new one into force. Each choice is kept as a version
 * (config/calibration-in-force-V0001.json …, the latest copied to config/calibration-in-force.json;
 * shared/workspace/document-versions.ts), so that a report made under an earlier choice still verifies. A choice
 * written in place (the earlier layout) is read as it is, and kept byte for byte as V0001 on the next one.
 */
import { Table, makeVector, tableFromIPC, tableToIPC } from 'apache-arrow';
// apache-arrow's vectorFromArray compiles code with new Function, which the app's CSP forbids (arrow-build.ts).
import { boolVector } from '../db/arrow-build';
import { z } from 'zod';
import { likelihoodRatioModel, type LikelihoodRatioModel } from '../profiling/likelihood-ratio';
import { readInForce, saveVersion } from '../workspace/document-versions';
import { WorkspaceError, type Workspace } from '../workspace/Workspace';
import type { InputBatch, PairRule, SignatureSelectionRecord } from './analysis-inputs';
import type { CalibrationComputation } from './calibration-compute';
import { buildCalibrationRecord, readCalibrationRecord, type CalibrationRecord } from './calibration-record';
import { combinationLabel, percent } from './labels';
import { nextVersionedId, putNewDocument, versionedIds, writeNewDataFile } from './versioned-documents';

export const CALIBRATION_PREFIX = 'calibration-';
export const CALIBRATION_IN_FORCE = 'calibration-in-force';

/** Where a calibration's pair distances live. */
export const calibrationDataFile = (id: string): string => `calibrations/${id}.arrow`;

/** Who writes a record, and when. */
export interface RecordAuthor {
  analyst: string;
  appVersion: string;
  now?: () => Date;
}

const InForce = z.object({
  format: z.literal('signature-workbench/calibration-in-force'),
  schema_version: z.literal(1),
  id: z.string().regex(/^C\d{4,}$/),
  /** The latest calibration when this one was put in force; a later one supersedes the choice. */
  latest_when_set: z.string().regex(/^C\d{4,}$/),
  set_by: z.string(),
  set_at: z.string(),
});

/** Calibration ids in the workspace, oldest first. */
export function calibrationIds(ws: Workspace): string[] {
  return versionedIds(ws, CALIBRATION_PREFIX, 'C');
}

/** One calibration record, checked and migrated; throws WorkspaceError when it does not exist. */
export async function readCalibration(ws: Workspace, id: string): Promise<CalibrationRecord> {
  const raw = await ws.getDocument(`${CALIBRATION_PREFIX}${id}`);
  if (raw === null) throw new WorkspaceError(`the workspace has no calibration ${id}`);
  return readCalibrationRecord(raw, `config/${CALIBRATION_PREFIX}${id}.json`);
}

/** The most recent calibration, or null. */
export async function latestCalibration(ws: Workspace): Promise<CalibrationRecord | null> {
  const ids = calibrationIds(ws);
  return ids.length ? readCalibration(ws, ids[ids.length - 1]) : null;
}

/** The calibration in force (see the module doc), or null when none was made. */
export async function calibrationInForce(ws: Workspace): Promise<CalibrationRecord | null> {
  const ids = calibrationIds(ws);
  if (ids.length === 0) return null;
  const latest = ids[ids.length - 1];
  const stored = await readInForce(ws, CALIBRATION_IN_FORCE, { namesVersion: false });
  const pointer = stored === null ? null : InForce.safeParse(stored.raw);
  if (pointer?.success && pointer.data.latest_when_set === latest && ids.includes(pointer.data.id)) return readCalibration(ws, pointer.data.id);
  return readCalibration(ws, latest);
}

/** Puts an existing calibration in force (until a newer one is saved), as a new version of the choice (audit `calibration.in-force`). */
export async function setCalibrationInForce(ws: Workspace, id: string, author: RecordAuthor): Promise<void> {
  const ids = calibrationIds(ws);
  if (!ids.includes(id)) throw new WorkspaceError(`the workspace has no calibration ${id}`);
  const at = (author.now ?? (() => new Date()))().toISOString();
  const doc = InForce.parse({ format: 'signature-workbench/calibration-in-force', schema_version: 1, id, latest_when_set: ids[ids.length - 1], set_by: author.analyst, set_at: at });
  await saveVersion(ws, CALIBRATION_IN_FORCE, () => doc, 'calibration.in-force', { summary: `calibration ${id} in force` });
}

/** Arrow IPC file of pair distances: `linked` (bool) and `distance` (float64), linked pairs first. */
export function distancesToArrow(linked: Float64Array, unlinked: Float64Array): Uint8Array {
  const flags = [...new Array<boolean>(linked.length).fill(true), ...new Array<boolean>(unlinked.length).fill(false)];
  const all = new Float64Array(linked.length + unlinked.length);
  all.set(linked);
  all.set(unlinked, linked.length);
  return tableToIPC(new Table({ linked: boolVector(flags), distance: makeVector(all) }), 'file');
}

/** The two distance sets of an Arrow file written by `distancesToArrow`. */
export function distancesFromArrow(bytes: Uint8Array): { linked: Float64Array; unlinked: Float64Array } {
  const t = tableFromIPC(bytes);
  const flags = t.getChild('linked');
  const d = t.getChild('distance');
  if (!flags || !d) throw new WorkspaceError('calibration data file lacks its linked/distance columns');
  const values = d.toArray() as Float64Array;
  let nLinked = 0;
  // Table.numRows sums the record batches on every read: read it once.
  const rows = t.numRows;
  while (nLinked < rows && flags.get(nLinked) === true) nLinked++;
  return { linked: Float64Array.from(values.subarray(0, nLinked)), unlinked: Float64Array.from(values.subarray(nLinked)) };
}

/** Saves a computed calibration under the next id (C0001 …) and returns its record. */
export async function saveCalibration(
  ws: Workspace,
  computation: CalibrationComputation,
  inputs: { signature: SignatureSelectionRecord; pairsRule: PairRule; batches: InputBatch[] },
  author: RecordAuthor,
): Promise<CalibrationRecord> {
  const id = nextVersionedId(ws, CALIBRATION_PREFIX, 'C');
  const file = calibrationDataFile(id);
  const bytes = distancesToArrow(computation.distances.linked, computation.distances.unlinked);
  const sha256 = await writeNewDataFile(ws, file, bytes);
  const record = buildCalibrationRecord(computation, {
    id,
    createdAt: (author.now ?? (() => new Date()))().toISOString(),
    analyst: author.analyst,
    appVersion: author.appVersion,
    signature: inputs.signature,
    pairsRule: inputs.pairsRule,
    batches: inputs.batches,
    data: { file, sha256 },
  });
  await putNewDocument(ws, `${CALIBRATION_PREFIX}${id}`, record, 'calibration.save');
  const c = record.chosen;
  await ws.audit(
    'calibration.save',
    `Calibration ${id}: ${combinationLabel(c.pretreatment, c.score)}, AUC ${record.auc.toFixed(4)}, threshold ${record.threshold.distance.toPrecision(4)} at ${percent(record.accepted_fpr)} FPR (TPR ${record.threshold.tpr.toFixed(3)}), ${record.inputs.pairs.linked} linked / ${record.inputs.pairs.unlinked} unlinked pairs`,
    [{ path: file, sha256 }],
    { calibration: id, pretreatment: c.pretreatment, score: c.score, auc: record.auc, threshold: record.threshold.distance, accepted_fpr: record.accepted_fpr },
  );
  return record;
}

/** The pair distances a calibration kept, checked against the SHA-256 its record holds. */
export async function readCalibrationDistances(ws: Workspace, record: CalibrationRecord): Promise<{ linked: Float64Array; unlinked: Float64Array }> {
  return distancesFromArrow(await ws.readChecked(record.lr_model.data.file, record.lr_model.data.sha256));
}

/** The likelihood-ratio model of a calibration, rebuilt exactly from its stored distances (Scott, sample-size cap). */
export async function calibrationModel(ws: Workspace, record: CalibrationRecord): Promise<LikelihoodRatioModel> {
  const d = await readCalibrationDistances(ws, record);
  return likelihoodRatioModel(d.linked, d.unlinked, { bandwidth: record.lr_model.bandwidth_rule, cap: record.lr_model.cap });
}
