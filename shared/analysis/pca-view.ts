/**
 * PCA of the loaded signatures for the overview plot: scores, loadings and explained variance after the chosen
 * pretreatment (default fourth root, Andersson et al. 2007), equal to sklearn.decomposition.PCA (pca.ts).
 */
import { pca } from '../profiling/pca';
import { pretreat, type ColumnScaling, type Pretreatment } from '../profiling/pretreatment';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import { AnalysisRefusal } from './analysis-refusal';

export interface PcaViewOptions {
  /** Default 'fourth-root' (or the calibration's choice, passed by the caller). */
  pretreatment?: Pretreatment;
  /** Components kept; default min(n, p). */
  nComponents?: number;
  logOffset?: number;
  /** A stored calibration's column scaling (N+S, autoscale). */
  scaling?: ColumnScaling;
}

export interface PcaView {
  sampleIds: string[];
  compounds: string[];
  pretreatment: Pretreatment;
  nComponents: number;
  /** Row-major n×k sample scores. */
  scores: Float64Array;
  /** Row-major k×p loadings, one row per component. */
  loadings: Float64Array;
  /** Variance per component (ddof = 1) and its share of the total. */
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
}

/** PCA of the pretreated signatures (defaults above). O(n·p² + p³). */
export function computePcaView(matrix: SignatureMatrix, options: PcaViewOptions = {}): PcaView {
  const n = matrix.sampleIds.length;
  if (n < 2 || matrix.compounds.length === 0) throw new AnalysisRefusal('no-measurements', `PCA needs at least 2 samples with measurements; found ${n}`);
  const pretreatment = options.pretreatment ?? 'fourth-root';
  const x = pretreat(matrix, pretreatment, { logOffset: options.logOffset, scaling: options.scaling });
  const r = pca(x, { nComponents: options.nComponents });
  return {
    sampleIds: [...matrix.sampleIds],
    compounds: [...matrix.compounds],
    pretreatment,
    nComponents: r.nComponents,
    scores: r.scores,
    loadings: r.loadings,
    explainedVariance: r.explainedVariance,
    explainedVarianceRatio: r.explainedVarianceRatio,
  };
}

/** "FS24-00010: PC1 0.1234, PC2 −0.4567": a sample's scores on two components, as the app's tooltip and the report's figure write them. */
export function pcaScoreText(label: string, view: PcaView, row: number, a: number, b: number): string {
  const k = view.nComponents;
  const v = (c: number) => (c < k ? view.scores[row * k + c].toPrecision(4) : '—');
  return `${label}: PC${a + 1} ${v(a)}, PC${b + 1} ${v(b)}`;
}
