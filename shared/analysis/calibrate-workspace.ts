/**
 * Calibrating a workspace, end to end: signatures and pair groupings read from the database (main thread), the
 * computation on an Engine (worker in the app, in process in the CLI), the record saved as the next calibration.
 */
import type { Database } from '../db/Database';
import type { Workspace } from '../workspace/Workspace';
import { DEFAULT_LINKED_BY, DEFAULT_UNLINKED_BY, inputBatches, selectionRecord, type PairRule } from './analysis-inputs';
import type { CalibrationComputation, CalibrationSettings } from './calibration-compute';
import type { CalibrationRecord } from './calibration-record';
import { saveCalibration, type RecordAuthor } from './calibration-store';
import { inProcessEngine, matrixPayload, type Engine, type EngineRunOptions } from './engine';
import { loadSampleColumn, loadSignatures, requireMeasurements, selectionRoles, type LoadedSignatures, type SignatureSelection } from './signature-query';

export interface CalibrateWorkspaceOptions extends EngineRunOptions {
  /** Signature compounds and samples; default the production roles (signature-query.ts). */
  selection?: SignatureSelection;
  /** Column of `samples` whose equal values make linked pairs; default seizure_id. */
  linkedBy?: string;
  /** Column whose different values make unlinked pairs; default case_id. */
  unlinkedBy?: string;
  /** FPR (default 2.5 %), candidates, pair caps and seed. */
  settings?: CalibrationSettings;
  /** Where the numbers are computed; default in process. */
  engine?: Engine;
  author: RecordAuthor;
}

/** The pair rule and the two groupings (aligned with the loaded samples). */
export async function loadPairGroups(
  db: Database,
  loaded: LoadedSignatures,
  linkedBy = DEFAULT_LINKED_BY,
  unlinkedBy = DEFAULT_UNLINKED_BY,
): Promise<{ rule: PairRule; linked: (string | null)[]; unlinked: (string | null)[] }> {
  return {
    rule: { linked_by: linkedBy, unlinked_by: { column: unlinkedBy, rule: 'different' } },
    linked: await loadSampleColumn(db, loaded, linkedBy),
    unlinked: await loadSampleColumn(db, loaded, unlinkedBy),
  };
}

/** Calibrates on the workspace's signatures and saves the record as the next id (C0001 …), now in force. */
export async function calibrateWorkspace(ws: Workspace, db: Database, options: CalibrateWorkspaceOptions): Promise<{ record: CalibrationRecord; computation: CalibrationComputation }> {
  const selection = options.selection ?? {};
  const loaded = requireMeasurements(await loadSignatures(db, selection), selection);
  const groups = await loadPairGroups(db, loaded, options.linkedBy, options.unlinkedBy);
  const compounds = [...loaded.matrix.compounds];
  const settings: CalibrationSettings = { ...options.settings, linkedBy: groups.rule.linked_by, unlinkedBy: groups.rule.unlinked_by.column };
  const engine = options.engine ?? inProcessEngine;
  const { calibration } = await engine.run(
    { kind: 'calibrate', matrix: matrixPayload(loaded.matrix), linked: groups.linked, unlinked: groups.unlinked, settings },
    { onProgress: options.onProgress, signal: options.signal },
  );
  const signature = selectionRecord({ ...selection, roles: selectionRoles(selection) ?? undefined }, compounds);
  const record = await saveCalibration(ws, calibration, { signature, pairsRule: groups.rule, batches: inputBatches(ws) }, options.author);
  return { record, computation: calibration };
}
