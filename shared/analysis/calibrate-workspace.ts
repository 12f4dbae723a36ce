/**
 * Calibrating a workspace, end to end: signatures and pair groupings read from the database (main thread), the
 * computation on an Engine (worker in the app, in process in the CLI), the record saved as the next calibration.
 */
import type { Database } from '../db/Database';
import type { Workspace } from '../workspace/Workspace';
import type { PairPopulation } from '../profiling/pair-population';
import { DEFAULT_PAIR_RULE, inputBatches, PairRule, selectionRecord } from './analysis-inputs';
import type { CalibrationComputation, CalibrationSettings } from './calibration-compute';
import type { CalibrationRecord } from './calibration-record';
import { saveCalibration, type RecordAuthor } from './calibration-store';
import { inProcessEngine, matrixPayload, type Engine, type EngineRunOptions } from './engine';
import { loadSampleColumn, loadSignatures, requireMeasurements, selectionRoles, type LoadedSignatures, type SignatureSelection } from './signature-query';

export interface CalibrateWorkspaceOptions extends EngineRunOptions {
  /** Signature compounds and samples; default the production roles (signature-query.ts). */
  selection?: SignatureSelection;
  /** How pairs are formed from columns of `samples`; default DEFAULT_PAIR_RULE (same seizure_id / different case_id). */
  pairRule?: PairRule;
  /** FPR (default 2.5 %), candidates, pair caps and seed. */
  settings?: CalibrationSettings;
  /** Where the numbers are computed; default in process. */
  engine?: Engine;
  author: RecordAuthor;
}

/** The population of a pair rule: each rule column of `samples` aligned with the loaded samples (unknown columns refused). */
export async function loadPairPopulation(db: Database, loaded: LoadedSignatures, rule: PairRule = DEFAULT_PAIR_RULE): Promise<PairPopulation> {
  const column = (c: string) => loadSampleColumn(db, loaded, c);
  const linked: (string | null)[][] = [];
  for (const c of rule.linked_by) linked.push(await column(c));
  const unlinked: (string | null)[][] = [];
  for (const c of rule.unlinked_by.columns) unlinked.push(await column(c));
  return { linked, unlinked, linkedGroupSize: rule.linked_group_size, unlinkedSingletons: rule.unlinked_singletons };
}

/** Calibrates on the workspace's signatures and saves the record as the next id (C0001 …), now in force. */
export async function calibrateWorkspace(ws: Workspace, db: Database, options: CalibrateWorkspaceOptions): Promise<{ record: CalibrationRecord; computation: CalibrationComputation }> {
  const selection = options.selection ?? {};
  const loaded = requireMeasurements(await loadSignatures(db, selection), selection);
  const rule = PairRule.parse(options.pairRule ?? DEFAULT_PAIR_RULE);
  const population = await loadPairPopulation(db, loaded, rule);
  const compounds = [...loaded.matrix.compounds];
  const settings: CalibrationSettings = { ...options.settings, rule };
  const engine = options.engine ?? inProcessEngine;
  const { calibration } = await engine.run(
    { kind: 'calibrate', matrix: matrixPayload(loaded.matrix), population, settings },
    { onProgress: options.onProgress, signal: options.signal },
  );
  const signature = selectionRecord({ ...selection, roles: selectionRoles(selection) ?? undefined }, compounds);
  const record = await saveCalibration(ws, calibration, { signature, pairsRule: rule, batches: inputBatches(ws) }, options.author);
  return { record, computation: calibration };
}
