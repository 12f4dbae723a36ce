/**
 * The sample data shipped in samples/ (synthetic, seeded: samples/README.md), by the SHA-256 of each file as
 * imported, so that a report made from them says it describes no real seizure, and only then: a report of the lab's
 * own batches says nothing of the kind. A test checks these against the files; regenerating the samples with another
 * seed means updating them.
 */
import { sqlString, type Database } from '../db/Database';

export const BUNDLED_SAMPLE_FILES: Readonly<Record<string, string>> = {
  '3e8f4c83fa4ae2dd847566ea3180e75d6b7fde9088dc4847c27a1107e3d5e58b': 'metadata/lims-seizures.csv',
  '1c3b318e161cf9337253757ea851e4a9dc5c0fc5470873ab93da8b2fd34d6985': 'metadata/quebec-saisies.csv',
  a6f7f7f217a99c736b18945a118ac42e4195bac5ef5ce63678fcd601d3c782f8: 'results/gcms-impurities.csv',
  '4fce2f7ca632377c611d0adeeabd5c29f7703b9462293b0c0e9fb0c5c9cb9063': 'results/gcms-impurities-quebec.tsv',
  '001060acd77ac88303cab9035103f9c072fd4af2d12c5a2ad085ad3e406cb663': 'results/lcms-adulterants.xlsx',
};

/** Ids of the batches imported from the shipped sample files. */
export function bundledBatches(batches: readonly { id: string; file_sha256: string }[]): string[] {
  return batches.filter((b) => BUNDLED_SAMPLE_FILES[b.file_sha256] !== undefined).map((b) => b.id);
}

/** The batches a report's samples were read from (metadata and results), split into the shipped sample files and the lab's own. */
export interface DataOrigins {
  bundled: string[];
  own: string[];
}

/** Where the given samples' data come from, by batch id (ascending). O(samples) in DuckDB. */
export async function dataOrigins(db: Database, sampleIds: readonly string[], batches: readonly { id: string; file_sha256: string }[]): Promise<DataOrigins> {
  if (sampleIds.length === 0) return { bundled: [], own: [] };
  const t = await db.query(`SELECT DISTINCT b AS v FROM (SELECT unnest([metadata_batch, results_batch]) AS b FROM samples WHERE sample_id IN (${sampleIds.map(sqlString).join(', ')})) WHERE b IS NOT NULL ORDER BY v`);
  const col = t.getChild('v');
  const read = Array.from({ length: t.numRows }, (_, i) => String(col?.get(i)));
  const shipped = new Set(bundledBatches(batches));
  return { bundled: read.filter((b) => shipped.has(b)), own: read.filter((b) => !shipped.has(b)) };
}
