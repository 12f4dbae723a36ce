/** What the analyst is told after an import: compounds the dictionary does not know, and samples without metadata. */
import { sqlIdent, type Database } from '../db/Database';
import type { CompoundDictionary } from '../domain/compound-dictionary';
import { compoundKeys } from './import-plan';

/** Compounds (as written) that the dictionary does not know: they are imported with the role "unassigned". */
export function unassignedCompounds(compounds: string[], dict: CompoundDictionary): string[] {
  const { known } = compoundKeys(dict);
  return [...new Set(compounds.filter((c) => !known(c)))].sort((a, b) => a.localeCompare(b));
}

/** Sample ids that have metadata in the workspace (the live sample batches). */
async function metadataIds(db: Database): Promise<Set<string>> {
  const t = await db.query(`SELECT DISTINCT sample_id FROM ws_sample_rows WHERE sample_id IS NOT NULL`);
  return new Set(t.getChild('sample_id')!.toArray() as string[]);
}

/** Samples of the batch that have results but no metadata yet, counted and the first few named (flagged, not refused). */
export async function samplesWithoutMetadata(db: Database, samples: Set<string>): Promise<{ count: number; first: string[] }> {
  const known = await metadataIds(db);
  const missing = [...samples].filter((s) => !known.has(s)).sort();
  return { count: missing.length, first: missing.slice(0, 5) };
}

/** Samples of a metadata batch that now meet their results, for the message. */
export async function samplesWithResults(db: Database, batchId: string): Promise<number> {
  const t = await db.query(`SELECT count(*)::INTEGER AS n FROM samples
    WHERE has_results AND sample_id IN (SELECT sample_id FROM ${sqlIdent(`batch_${batchId}`)})`);
  return Number(t.getChild('n')!.get(0));
}
