/**
 * Calibrations kept in the workspace: config/calibration-C0001.json (the record, with its fitted LR models and
 * their validation), calibrations/C0001.arrow (the chosen combination's pair distances with their cross-validation
 * folds and held-out LRs) and calibrations/C0001-groups.arrow (the sample-against-group comparisons, likewise).
 * All in one commit whose audit line names the figures (shared/workspace/commit.ts).
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
import type { ScoreLrModel } from '../lr/score-lr';
import { readInForce, saveVersion } from '../workspace/document-versions';
import { documentBytes, WorkspaceError, type Workspace } from '../workspace/Workspace';
import { sha256Hex } from '../util/sha256';
import type { InputBatch, PairRule, SignatureSelectionRecord } from './analysis-inputs';
import type { CalibrationComputation } from './calibration-compute';
import { buildCalibrationRecord, readCalibrationRecord, type CalibrationRecord } from './calibration-record';
import type { ValidatedPart } from './lr-system-compute';
import { modelOf } from './lr-system-record';
import { combinationLabel, percent } from './labels';
import { nextVersionedId, versionedIds } from './versioned-documents';

export const CALIBRATION_PREFIX = 'calibration-';
export const CALIBRATION_IN_FORCE = 'calibration-in-force';

/** Where a calibration's pair distances live. */
export const calibrationDataFile = (id: string): string => `calibrations/${id}.arrow`;
/** Where its sample-against-group comparisons live. */
export const calibrationGroupFile = (id: string): string => `calibrations/${id}-groups.arrow`;

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

/** The schema version a calibration was saved in (its record reads migrated to the current one). */
export async function storedCalibrationSchema(ws: Workspace, id: string): Promise<number> {
  const raw = (await ws.getDocument(`${CALIBRATION_PREFIX}${id}`)) as { schema_version?: unknown } | null;
  if (raw === null || typeof raw.schema_version !== 'number') throw new WorkspaceError(`the workspace has no calibration ${id}`);
  return raw.schema_version;
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

/**
 * Arrow IPC file of comparisons: `linked` (bool), `distance` (float64), and when validated `fold_a`, `fold_b`
 * (uint8), `held_out_log10_lr` (float64, NaN when not validated); group comparisons add `size` (uint16); a pair file
 * whose LRs compare pairs as censored adds `lr_distance` (float64, the LR's score; `distance` is the row distance).
 * Linked pairs first in a pair file.
 */
export function comparisonsToArrow(distance: Float64Array, label: Uint8Array, part?: Pick<ValidatedPart, 'foldA' | 'foldB' | 'heldOut'>, size?: Uint16Array, lrDistance?: Float64Array): Uint8Array {
  const columns: Record<string, ReturnType<typeof makeVector>> = { linked: boolVector(Array.from(label, (l) => l === 1)), distance: makeVector(distance) };
  if (size) columns.size = makeVector(size);
  if (lrDistance) columns.lr_distance = makeVector(lrDistance);
  if (part) {
    columns.fold_a = makeVector(part.foldA);
    columns.fold_b = makeVector(part.foldB);
    columns.held_out_log10_lr = makeVector(part.heldOut);
  }
  return tableToIPC(new Table(columns), 'file');
}

/** Arrow IPC file of pair distances: `linked` (bool) and `distance` (float64), linked pairs first (schema 1's layout). */
export function distancesToArrow(linked: Float64Array, unlinked: Float64Array): Uint8Array {
  const all = new Float64Array(linked.length + unlinked.length);
  all.set(linked);
  all.set(unlinked, linked.length);
  return comparisonsToArrow(all, new Uint8Array(all.length).fill(1, 0, linked.length));
}

/** The two distance sets of an Arrow file written by `distancesToArrow` or `comparisonsToArrow` (linked first). */
export function distancesFromArrow(bytes: Uint8Array): { linked: Float64Array; unlinked: Float64Array } {
  const c = comparisonsFromArrow(bytes);
  let nLinked = 0;
  while (nLinked < c.label.length && c.label[nLinked] === 1) nLinked++;
  return { linked: Float64Array.from(c.distance.subarray(0, nLinked)), unlinked: Float64Array.from(c.distance.subarray(nLinked)) };
}

/** The comparisons an Arrow file holds: distance, label, and the folds and held-out LRs when recorded. */
export interface StoredComparisons {
  distance: Float64Array;
  label: Uint8Array;
  foldA: Uint8Array | null;
  foldB: Uint8Array | null;
  heldOut: Float64Array | null;
  size: Uint16Array | null;
  /** The LR's score where it is not `distance` (pairs compared as censored); null otherwise. */
  lrDistance: Float64Array | null;
}

/** The score a stored part's LRs were computed on: `lr_distance` where recorded, else `distance`. */
export const lrScores = (c: StoredComparisons): Float64Array => c.lrDistance ?? c.distance;

/** Reads a comparisons file (comparisonsToArrow). */
export function comparisonsFromArrow(bytes: Uint8Array): StoredComparisons {
  const t = tableFromIPC(bytes);
  const flags = t.getChild('linked');
  const d = t.getChild('distance');
  if (!flags || !d) throw new WorkspaceError('calibration data file lacks its linked/distance columns');
  // Table.numRows sums the record batches on every read: read it once.
  const rows = t.numRows;
  const label = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) label[i] = flags.get(i) === true ? 1 : 0;
  const typed = <T>(name: string, ctor: { from(a: ArrayLike<number>): T }): T | null => {
    const v = t.getChild(name);
    return v ? ctor.from(v.toArray() as ArrayLike<number>) : null;
  };
  return {
    distance: Float64Array.from(d.toArray() as Float64Array),
    label,
    foldA: typed('fold_a', Uint8Array),
    foldB: typed('fold_b', Uint8Array),
    heldOut: typed('held_out_log10_lr', Float64Array),
    size: typed('size', Uint16Array),
    lrDistance: typed('lr_distance', Float64Array),
  };
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
  const lr = computation.lrSystem;
  const d = computation.distances;
  const all = new Float64Array(d.linked.length + d.unlinked.length);
  all.set(d.linked);
  all.set(d.unlinked, d.linked.length);
  const bytes = comparisonsToArrow(all, lr.pairs.label, lr.pairs, undefined, lr.comparison === 'censored' ? lr.pairDistance : undefined);
  const sha256 = await sha256Hex(bytes);
  const files = [{ path: file, bytes }];
  let groupData: { file: string; sha256: string } | null = null;
  if (lr.group) {
    const g = lr.group;
    const groupBytes = comparisonsToArrow(g.comparisons.distance, g.label, g, g.comparisons.size);
    groupData = { file: calibrationGroupFile(id), sha256: await sha256Hex(groupBytes) };
    files.push({ path: groupData.file, bytes: groupBytes });
  }
  const record = buildCalibrationRecord(computation, {
    id,
    createdAt: (author.now ?? (() => new Date()))().toISOString(),
    analyst: author.analyst,
    appVersion: author.appVersion,
    signature: inputs.signature,
    pairsRule: inputs.pairsRule,
    batches: inputs.batches,
    data: { file, sha256 },
    groupData,
  });
  const c = record.chosen;
  const v = record.lr_system?.pairs.validation ?? null;
  const lrText = v ? `; LR (${record.lr_system!.method}) held-out Cllr ${v.cllr.toFixed(3)}, Cllr_cal ${v.cllr_cal.toFixed(3)}` : '; LR not validated';
  // One commit: the data files, the record and the line that says what was calibrated (shared/workspace/commit.ts).
  await ws.commit({
    action: 'calibration.save',
    summary: `Calibration ${id}: ${combinationLabel(c.pretreatment, c.score)}, AUC ${record.auc.toFixed(4)}, threshold ${record.threshold.distance.toPrecision(4)} at ${percent(record.accepted_fpr)} FPR (TPR ${record.threshold.tpr.toFixed(3)}), ${record.inputs.pairs.linked} linked / ${record.inputs.pairs.unlinked} unlinked pairs${lrText}`,
    details: { calibration: id, pretreatment: c.pretreatment, score: c.score, auc: record.auc, threshold: record.threshold.distance, accepted_fpr: record.accepted_fpr, cllr: v?.cllr ?? null, cllr_cal: v?.cllr_cal ?? null },
    files,
    documents: [{ name: `${CALIBRATION_PREFIX}${id}`, bytes: documentBytes(record), fresh: true }],
  });
  return record;
}

/** The pair distances a calibration kept, checked against the SHA-256 its record holds. */
export async function readCalibrationDistances(ws: Workspace, record: CalibrationRecord): Promise<{ linked: Float64Array; unlinked: Float64Array }> {
  return distancesFromArrow(await ws.readChecked(record.data.file, record.data.sha256));
}

/** A calibration's pair comparisons and group comparisons with their folds and held-out LRs, checked by SHA-256. */
export async function readCalibrationComparisons(ws: Workspace, record: CalibrationRecord): Promise<{ pairs: StoredComparisons; group: StoredComparisons | null }> {
  const pairs = comparisonsFromArrow(await ws.readChecked(record.data.file, record.data.sha256));
  const g = record.group_data;
  return { pairs, group: g ? comparisonsFromArrow(await ws.readChecked(g.file, g.sha256)) : null };
}

/** The validated LR models of a calibration, or null for one made before LRs were validated (schema 1). */
export function calibrationLrModels(record: CalibrationRecord): { pair: ScoreLrModel; group: ScoreLrModel | null } | null {
  const s = record.lr_system;
  if (!s) return null;
  return { pair: modelOf(s.pairs, s.method), group: s.group ? modelOf(s.group, s.method) : null };
}
