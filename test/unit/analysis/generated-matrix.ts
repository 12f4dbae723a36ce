/** The production signature matrix of generated profiles (make-workspace.ts), without a workspace, and true sources. */
import { createSignatureMatrix, type SignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { SIGNATURE_COMPOUNDS, type GeneratedData } from './make-workspace';

/** Rows in sample order, columns the signature compounds; nd left undetected. O(rows). */
export function generatedMatrix(data: GeneratedData): { matrix: SignatureMatrix; source: string[]; seizure: string[]; caseId: string[] } {
  const ids = data.samples.map((s) => s.sample_id);
  const row = new Map(ids.map((id, i) => [id, i]));
  const col = new Map<string, number>(SIGNATURE_COMPOUNDS.map((c, k) => [c, k]));
  const p = SIGNATURE_COMPOUNDS.length;
  const values = new Float64Array(ids.length * p);
  const detected = new Uint8Array(ids.length * p);
  for (const r of data.results) {
    const c = col.get(r.compound_raw);
    if (c === undefined || r.area === null) continue;
    const k = row.get(r.sample_id)! * p + c;
    values[k] = r.area;
    detected[k] = 1;
  }
  return {
    matrix: createSignatureMatrix(ids, [...SIGNATURE_COMPOUNDS], values, detected),
    source: ids.map((id) => `S${data.truth.get(id)!.source}`),
    seizure: data.samples.map((s) => s.seizure_id),
    caseId: data.samples.map((s) => s.case_id),
  };
}
