/**
 * The GC-MS signature matrix of samples drawn by the sample-data generator (samples/generator/world.ts): one column
 * per route marker and the unknown peak, areas as drawn (below the detection limit: not detected), with each
 * sample's true source, production batch, seizure and case. For the LR validation test and bench.
 */
import { createSignatureMatrix, type SignatureMatrix } from '../../shared/profiling/signature-matrix';
import { MARKERS, UNKNOWN_PEAK } from '../../samples/generator/chemistry';
import type { Sample } from '../../samples/generator/world';

export interface WorldMatrix {
  matrix: SignatureMatrix;
  source: string[];
  batch: string[];
  seizure: string[];
  caseId: string[];
}

/** The matrix of `samples` (ids S00001 … in order). O(samples · markers). */
export function worldMatrix(samples: readonly Sample[]): WorldMatrix {
  const compounds = [...MARKERS.map((m) => m.name), UNKNOWN_PEAK.name];
  const col = new Map(compounds.map((c, k) => [c, k]));
  const p = compounds.length;
  const values = new Float64Array(samples.length * p);
  const detected = new Uint8Array(samples.length * p);
  samples.forEach((s, i) => {
    for (const peak of s.peaks) {
      const c = col.get(peak.name);
      if (c === undefined || peak.area === null || !(peak.area > 0)) continue;
      values[i * p + c] = peak.area;
      detected[i * p + c] = 1;
    }
  });
  return {
    matrix: createSignatureMatrix(samples.map((_, i) => `S${String(i + 1).padStart(5, '0')}`), compounds, values, detected),
    source: samples.map((s) => s.source),
    batch: samples.map((s) => s.productionBatch),
    seizure: samples.map((s) => s.seizureId),
    caseId: samples.map((s) => s.caseId),
  };
}
