/**
 * The PCA view of a workspace: signatures read on this thread, PCA on an Engine, with the pretreatment (and N+S /
 * autoscale column scaling) of the calibration in force unless another is asked for, so that the view shows the
 * space in which samples are linked.
 */
import type { Database } from '../db/Database';
import type { Pretreatment } from '../profiling/pretreatment';
import type { Workspace } from '../workspace/Workspace';
import { calibrationInForce } from './calibration-store';
import { inProcessEngine, matrixPayload, type Engine, type EngineRunOptions } from './engine';
import type { PcaView } from './pca-view';
import { loadSignatures, requireMeasurements, type LoadedSignatures, type SignatureSelection } from './signature-query';

export interface WorkspacePcaOptions extends EngineRunOptions {
  selection?: SignatureSelection;
  /** Default: the calibration in force's, when made on the same compounds; else fourth root (Andersson et al. 2007). */
  pretreatment?: Pretreatment;
  /** Components kept; default min(n, p). */
  nComponents?: number;
  engine?: Engine;
}

/** PCA scores, loadings and explained variance of the workspace's signatures, with the facts for colouring points. */
export async function workspacePca(ws: Workspace, db: Database, options: WorkspacePcaOptions = {}): Promise<{ view: PcaView; facts: LoadedSignatures['facts'] }> {
  const selection = options.selection ?? {};
  const loaded = requireMeasurements(await loadSignatures(db, selection), selection);
  const cal = await calibrationInForce(ws);
  const sameCompounds = cal !== null && cal.inputs.signature.compounds.join('\u0000') === loaded.matrix.compounds.join('\u0000');
  const pretreatment = options.pretreatment ?? (sameCompounds ? cal.chosen.pretreatment : 'fourth-root');
  const s = sameCompounds && pretreatment === cal.chosen.pretreatment ? cal.column_scaling : null;
  const engine = options.engine ?? inProcessEngine;
  const { pca } = await engine.run(
    {
      kind: 'pca',
      matrix: matrixPayload(loaded.matrix),
      pretreatment,
      nComponents: options.nComponents,
      logOffset: sameCompounds ? cal.inputs.log_offset : undefined,
      scaling: s ? { centre: s.centre && Float64Array.from(s.centre), scale: s.scale && Float64Array.from(s.scale), constant: s.constant && Uint8Array.from(s.constant) } : undefined,
    },
    { onProgress: options.onProgress, signal: options.signal },
  );
  return { view: pca, facts: loaded.facts };
}
