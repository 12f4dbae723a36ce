/**
 * The one PCA of a workspace, for the Classes view's panel and for the reports alike (one path per data concept:
 * what the screen shows is what the report states). Signatures read on this thread, PCA on an Engine.
 *
 * Which space: with a class run, the run's own signature compounds, pretreatment and log offset (and the column
 * scaling of the calibration it was cut with, for N+S and autoscale), so that the picture shows the space in which
 * its classes were made; without one, the calibration in force's when made on the same compounds, else fourth root
 * (Andersson et al. 2007).
 */
import type { Database } from '../db/Database';
import { DEFAULT_NON_DETECT_RULE } from '../profiling/non-detects';
import type { ColumnScaling, Pretreatment } from '../profiling/pretreatment';
import type { Workspace } from '../workspace/Workspace';
import { recordedNonDetects } from './analysis-inputs';
import type { CalibrationRecord } from './calibration-record';
import { calibrationInForce, readCalibration } from './calibration-store';
import type { ClassRunRecord } from './class-run-record';
import { inProcessEngine, matrixPayload, type Engine, type EngineRunOptions } from './engine';
import type { PcaView } from './pca-view';
import { loadSignatures, requireMeasurements, type LoadedSignatures, type SignatureSelection } from './signature-query';

export interface WorkspacePcaOptions extends EngineRunOptions {
  /** The class run whose space to show (compounds, pretreatment, scaling); null or absent: see the file comment. */
  run?: ClassRunRecord | null;
  /** Ignored with a run (its compounds are taken). */
  selection?: SignatureSelection;
  /** Overrides the pretreatment of the run or calibration. */
  pretreatment?: Pretreatment;
  /** Components kept; default WORKSPACE_PCA_DEFAULTS.nComponents (capped at min(n, p)). */
  nComponents?: number;
  engine?: Engine;
}

export const WORKSPACE_PCA_DEFAULTS = {
  /** Enough for the scree plot and the axes offered; explained-variance ratios are shares of the total over all components. */
  nComponents: 10,
} as const;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function scalingOf(cal: CalibrationRecord | null): ColumnScaling | undefined {
  const s = cal?.column_scaling;
  return s ? { centre: s.centre && Float64Array.from(s.centre), scale: s.scale && Float64Array.from(s.scale), constant: s.constant && Uint8Array.from(s.constant) } : undefined;
}

/** PCA scores, loadings and explained variance of the workspace's signatures, with the facts for colouring points. O(n·p² + p³). */
export async function workspacePca(ws: Workspace, db: Database, options: WorkspacePcaOptions = {}): Promise<{ view: PcaView; facts: LoadedSignatures['facts'] }> {
  const run = options.run ?? null;
  const inForce = run ? null : await calibrationInForce(ws);
  // The space in which samples are linked: non-detects as the run (or the calibration in force) treated them.
  const nonDetects = run ? recordedNonDetects(run.settings.signature) : inForce ? recordedNonDetects(inForce.inputs.signature) : DEFAULT_NON_DETECT_RULE;
  const selection: SignatureSelection = run ? { compounds: run.settings.signature.compounds, nonDetects } : { ...options.selection, nonDetects: options.selection?.nonDetects ?? nonDetects };
  const loaded = requireMeasurements(await loadSignatures(db, selection), selection);
  let pretreatment: Pretreatment;
  let logOffset: number | undefined;
  let cal: CalibrationRecord | null;
  if (run) {
    const s = run.settings;
    pretreatment = options.pretreatment ?? s.pretreatment;
    logOffset = s.log_offset;
    cal = s.calibration_id !== null && pretreatment === s.pretreatment ? await readCalibration(ws, s.calibration_id) : null;
  } else {
    const same = inForce !== null && sameList(inForce.inputs.signature.compounds, loaded.matrix.compounds);
    pretreatment = options.pretreatment ?? (same ? inForce.chosen.pretreatment : 'fourth-root');
    logOffset = same ? inForce.inputs.log_offset : undefined;
    cal = same && pretreatment === inForce.chosen.pretreatment ? inForce : null;
  }
  const engine = options.engine ?? inProcessEngine;
  const { pca } = await engine.run(
    {
      kind: 'pca',
      matrix: matrixPayload(loaded.matrix),
      pretreatment,
      nComponents: options.nComponents ?? WORKSPACE_PCA_DEFAULTS.nComponents,
      logOffset,
      scaling: scalingOf(cal),
    },
    { onProgress: options.onProgress, signal: options.signal },
  );
  return { view: pca, facts: loaded.facts };
}
