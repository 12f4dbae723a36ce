/**
 * The samples' ∜N signatures (ui_signatures) as one row-major Float64Array, for the PCA: the list
 * column's values are contiguous in Arrow, so this is a copy, not a loop over cells through Arrow getters
 * (10,000 × 100 values in a few milliseconds, where cell-by-cell reads would block the UI).
 */
import type { Database } from '../../shared/db/Database';

export interface DisplayMatrix {
  sampleIds: string[];
  compounds: string[];
  values: Float64Array;
}

export async function displayMatrix(db: Database): Promise<DisplayMatrix> {
  const compounds = Array.from((await db.query('SELECT compound FROM ui_compounds ORDER BY k')).getChild('compound')!.toArray() as string[]);
  const t = await db.query('SELECT sample_id, signature FROM ui_signatures ORDER BY sample_id');
  const p = compounds.length;
  const n = t.numRows;
  const values = new Float64Array(n * p);
  const ids = t.getChild('sample_id')!;
  const sampleIds = Array.from({ length: n }, (_, i) => String(ids.get(i)));
  let row = 0;
  for (const d of t.getChild('signature')!.data) {
    const offsets = d.valueOffsets as Int32Array;
    const child = d.children[0];
    const flat = child.values as Float32Array;
    for (let i = 0; i < d.length; i++, row++) {
      const start = offsets[d.offset + i] + child.offset;
      const len = Math.min(p, offsets[d.offset + i + 1] - offsets[d.offset + i]);
      for (let c = 0; c < len; c++) values[row * p + c] = flat[start + c];
    }
  }
  return { sampleIds, compounds, values };
}
