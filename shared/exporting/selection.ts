/**
 * What an export or report covers: a set of samples, named by case, by sample id, or by a read-only SQL
 * query over the workspace views that returns a `sample_id` column (the hook for chemical classes: "the
 * members of class 7"). Every selection becomes one SQL relation of sample ids, recorded in the manifest.
 */
import { z } from 'zod';
import type { Database } from '../db/Database';
import { sqlString } from '../db/Database';
import { assertConfined, checkOneSelect, UserSqlError } from '../db/user-sql';
import { ExportError } from './export-error';

const id = z.string().min(1).max(200);

export const Selection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('cases'), case_ids: z.array(id).min(1) }),
  z.object({ kind: z.literal('samples'), sample_ids: z.array(id).min(1) }),
  z.object({ kind: z.literal('sql'), sql: z.string().min(1).max(100_000) }),
]);
export type Selection = z.infer<typeof Selection>;

function inList(values: readonly string[]): string {
  return [...new Set(values)].map(sqlString).join(', ');
}

/**
 * SQL returning the selected samples' ids (one column, `sample_id`). A SQL selection is the user's text, placed
 * inside parentheses as checkOneSelect proved it can be: checkSelection must have accepted the selection first.
 */
export function selectionSql(sel: Selection): string {
  switch (sel.kind) {
    case 'all':
      return 'SELECT sample_id FROM samples';
    case 'cases':
      return `SELECT sample_id FROM samples WHERE case_id IN (${inList(sel.case_ids)})`;
    case 'samples':
      return `SELECT sample_id FROM samples WHERE sample_id IN (${inList(sel.sample_ids)})`;
    case 'sql':
      return `SELECT DISTINCT sample_id FROM (\n${sel.sql.replace(/[\s;]+$/, '')}\n)`;
  }
}

/** One line for people: "case C-1", "3 samples", "all samples", "samples chosen by SQL". */
export function describeSelection(sel: Selection): string {
  switch (sel.kind) {
    case 'all':
      return 'all samples';
    case 'cases':
      return `${sel.case_ids.length === 1 ? 'case' : 'cases'} ${sel.case_ids.join(', ')}`;
    case 'samples':
      return `${sel.sample_ids.length} named ${sel.sample_ids.length === 1 ? 'sample' : 'samples'}`;
    case 'sql':
      return 'samples chosen by SQL';
  }
}

async function missing(db: Database, column: 'case_id' | 'sample_id', wanted: readonly string[]): Promise<string[]> {
  const t = await db.query(`SELECT DISTINCT ${column} AS v FROM samples WHERE ${column} IN (${inList(wanted)})`);
  const found = new Set(t.getChild('v')!.toArray() as string[]);
  return [...new Set(wanted)].filter((w) => !found.has(w));
}

/**
 * Checks that every named case and sample exists, that a SQL selection is one reading statement on the confined
 * engine (shared/db/user-sql.ts), and that the selection is not empty; returns the number of samples selected.
 * A typo in a case number must not produce a silently empty export.
 */
export async function checkSelection(db: Database, sel: Selection): Promise<number> {
  if (sel.kind === 'sql') {
    try {
      await assertConfined(db);
      await checkOneSelect(db, sel.sql);
    } catch (e) {
      if (e instanceof UserSqlError) throw new ExportError(`selection ${e.kind === 'refused' ? 'refused' : 'SQL failed'}: ${e.message}`);
      throw e;
    }
  }
  if (sel.kind === 'cases' || sel.kind === 'samples') {
    const column = sel.kind === 'cases' ? 'case_id' : 'sample_id';
    const absent = await missing(db, column, sel.kind === 'cases' ? sel.case_ids : sel.sample_ids);
    if (absent.length > 0) {
      const what = sel.kind === 'cases' ? 'case' : 'sample';
      throw new ExportError(`${absent.length === 1 ? `${what} ${JSON.stringify(absent[0])} is` : `${what}s ${absent.map((a) => JSON.stringify(a)).join(', ')} are`} not in the workspace`);
    }
  }
  let n: number;
  try {
    n = Number((await db.query(`SELECT count(*) AS n FROM (${selectionSql(sel)})`)).getChild('n')!.get(0));
  } catch (e) {
    if (e instanceof ExportError) throw e;
    throw new ExportError(`selection SQL failed: ${(e as Error).message.split('\n')[0]}`);
  }
  if (n === 0) throw new ExportError(`the selection (${describeSelection(sel)}) holds no samples`);
  return n;
}
