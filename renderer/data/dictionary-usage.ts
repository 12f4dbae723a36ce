/**
 * What the dictionary editor reads besides the dictionary: the compounds the results name that the dictionary does not
 * know (with how often and where they elute), and what depends on each dictionary compound (results mapped to it,
 * target lists and the signature library naming it), which decides whether it may be removed.
 */
import type { Database } from '../../shared/db/Database';
import { columnNames, plainRows } from '../../shared/db/arrow-values';
import { readTargetLists } from '../../shared/analysis/target-lists';
import { libraryCompounds } from '../../shared/attribution/signature-library';
import { loadSignatureLibrary } from '../../shared/attribution/library-document';
import type { CompoundUsage } from '../../shared/domain/dictionary-edit';
import type { Workspace } from '../../shared/workspace/Workspace';

export interface UnassignedCompound {
  /** The name as written in the result files (`compound_raw`). */
  name: string;
  results: number;
  samples: number;
  /** Median retention time in minutes, when the files give one. */
  rtMin: number | null;
}

/** The unassigned compounds, most measured first. */
export async function unassignedCompounds(db: Database): Promise<UnassignedCompound[]> {
  const t = await db.query(`SELECT compound_raw AS name, count(*) AS results, count(DISTINCT sample_id) AS samples, median(rt_min) AS rt_min
    FROM measurements WHERE role = 'unassigned' GROUP BY compound_raw ORDER BY results DESC, name`);
  const names = columnNames(t);
  return plainRows(t).map((r) => {
    const row = Object.fromEntries(names.map((n, i) => [n, r[i]]));
    return { name: String(row.name), results: Number(row.results), samples: Number(row.samples), rtMin: row.rt_min === null ? null : Number(row.rt_min) };
  });
}

/** Result rows per dictionary compound (canonical name). */
export async function measuredCounts(db: Database): Promise<Map<string, number>> {
  const t = await db.query(`SELECT compound, n_measurements FROM compounds WHERE in_dictionary`);
  return new Map(plainRows(t).map((r) => [String(r[0]), Number(r[1])]));
}

/** What depends on each dictionary compound. Throws when a target-list or library document cannot be read. */
export async function compoundUsage(ws: Workspace, db: Database): Promise<(compound: string) => CompoundUsage> {
  const [counts, lists, library] = await Promise.all([measuredCounts(db), readTargetLists(ws), loadSignatureLibrary(ws)]);
  const inLists = new Map<string, string[]>();
  for (const l of lists.lists) {
    for (const c of l.compounds) inLists.set(c, [...(inLists.get(c) ?? []), `${l.drug} / ${l.method} version ${l.version}`]);
  }
  const inLibrary = new Set(libraryCompounds(library.library));
  return (compound) => ({ measurements: counts.get(compound) ?? 0, targetLists: inLists.get(compound) ?? [], library: inLibrary.has(compound) });
}
