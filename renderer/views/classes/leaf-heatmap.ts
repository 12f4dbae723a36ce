/**
 * Mean signature (∜N, see data/ui-tables.ts) of each dendrogram leaf, per compound, computed in DuckDB:
 * the leaf of each sample goes in as a small table, the means come back as leaves × compounds.
 */
import { buildIPC, f64Col, utf8Col } from '../../../shared/db/arrow-build';
import type { Database } from '../../../shared/db/Database';
import type { DendroLeaf } from './dendrogram-layout';

/** Row-major leaves × compounds means; 0 where a leaf's samples have no result for the compound. */
export async function leafMeans(db: Database, sampleIds: readonly string[], leaves: readonly DendroLeaf[], compounds: number): Promise<Float32Array> {
  const ids: string[] = [];
  const leaf: number[] = [];
  leaves.forEach((l, k) => {
    for (const i of l.members) {
      ids.push(sampleIds[i]);
      leaf.push(k);
    }
  });
  await db.query('DROP TABLE IF EXISTS ui_leaves');
  await db.insertArrowIPC('ui_leaves', buildIPC({ sample_id: utf8Col(ids), leaf: f64Col(leaf) }), 'create');
  const t = await db.query(`SELECT CAST(l.leaf AS INTEGER) AS leaf, p.k, sum(p.value) AS total FROM ui_leaves l JOIN ui_profile p USING (sample_id) GROUP BY ALL`);
  const out = new Float32Array(leaves.length * compounds);
  const L = t.getChild('leaf')!.toArray() as Int32Array;
  const K = t.getChild('k')!.toArray() as Int32Array;
  const S = t.getChild('total')!.toArray() as Float64Array;
  // numRows is recomputed over the record batches on every read: read it once.
  const rows = t.numRows;
  for (let r = 0; r < rows; r++) if (K[r] < compounds) out[L[r] * compounds + K[r]] = S[r] / leaves[L[r]].members.length;
  return out;
}

/** A sequential colour for 0–1 (light to dark blue-violet, readable on both themes), as RGB bytes. */
export function heatRgb(v: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, v));
  return [Math.round(247 - t * (247 - 49)), Math.round(251 - t * (251 - 54)), Math.round(255 - t * (255 - 149))];
}
