/**
 * The rows an export holds, as an Arrow table computed by DuckDB: the `samples` view, the `measurements`
 * view (long: one row per sample and compound), or the signatures (wide: one row per sample, one column
 * per compound holding its peak area, NULL where not detected).
 */
import { z } from 'zod';
import { Table, type Vector } from 'apache-arrow';
import type { Database } from '../db/Database';
import { sqlString } from '../db/Database';
import { selectionSql, type Selection } from './selection';

export const ExportWhat = z.enum(['samples', 'measurements', 'signatures']);
export type ExportWhat = z.infer<typeof ExportWhat>;

export interface ExportTable {
  table: Table;
  /** The statement that produced the rows (for signatures: the pivot), for the manifest. */
  sql: string;
  /** The columns that hold compound areas (signatures only): redaction treats them as `@compounds`. */
  compoundColumns: Set<string>;
  /** Facts the reader of the export needs (replicates averaged, samples without results left out). */
  notes: string[];
}

const selected = (sel: Selection) => `sample_id IN (SELECT sample_id FROM (${selectionSql(sel)}))`;

/** Runs the export query for a selection. O(rows); signatures make one pass per sample and compound. */
export async function queryExportTable(db: Database, sel: Selection, what: ExportWhat): Promise<ExportTable> {
  if (what === 'samples') {
    const sql = `SELECT * FROM samples WHERE ${selected(sel)} ORDER BY sample_id`;
    return { table: await db.query(sql), sql, compoundColumns: new Set(), notes: [] };
  }
  if (what === 'measurements') {
    const sql = `SELECT * FROM measurements WHERE ${selected(sel)} ORDER BY sample_id, compound, batch_id, line`;
    return { table: await db.query(sql), sql, compoundColumns: new Set(), notes: [] };
  }
  return querySignatures(db, sel);
}

async function querySignatures(db: Database, sel: Selection): Promise<ExportTable> {
  const where = selected(sel);
  const compounds = (await db.query(`SELECT DISTINCT compound FROM measurements WHERE ${where} AND compound IS NOT NULL ORDER BY compound`))
    .getChild('compound')!
    .toArray() as string[];
  // Positional aliases: compound names come from the data, and DuckDB compares identifiers without case.
  const cells = compounds.map((c, i) => `avg(area) FILTER (WHERE compound = ${sqlString(c)} AND detected) AS c${i}`);
  const sql = `SELECT sample_id${cells.map((c) => `, ${c}`).join('')} FROM measurements WHERE ${where} GROUP BY sample_id ORDER BY sample_id`;
  const raw = await db.query(sql);

  const names = compounds.map((c) => (c === 'sample_id' ? 'sample_id (compound)' : c));
  const columns: Record<string, Vector> = { sample_id: raw.getChild('sample_id')! };
  names.forEach((n, i) => (columns[n] = raw.getChild(`c${i}`)!));
  const table = raw.numRows === 0 ? raw.select(['sample_id']) : new Table(columns);

  const notes: string[] = [];
  const replicated = Number(
    (await db.query(`SELECT count(*) AS n FROM (SELECT sample_id, compound FROM measurements WHERE ${where} AND detected GROUP BY ALL HAVING count(*) > 1)`))
      .getChild('n')!
      .get(0),
  );
  if (replicated > 0) notes.push(`${replicated} sample × compound ${replicated === 1 ? 'cell holds' : 'cells hold'} the mean of several detected measurements (replicates).`);
  const mixed = Number(
    (await db.query(`SELECT count(*) AS n FROM (SELECT sample_id, compound FROM measurements WHERE ${where} GROUP BY ALL HAVING bool_or(detected) AND NOT bool_and(detected))`))
      .getChild('n')!
      .get(0),
  );
  if (mixed > 0) notes.push(`${mixed} sample × compound ${mixed === 1 ? 'cell mixes' : 'cells mix'} detected and not-detected replicates: the value is the mean of the detected ones only, which overstates the compound; the analyses average such replicates with their non-detects at half the batch's detection limit (docs/PROFILING.md, non-detects).`);
  const withoutResults = Number(
    (await db.query(`SELECT count(*) AS n FROM samples WHERE ${where} AND NOT has_results`)).getChild('n')!.get(0),
  );
  if (withoutResults > 0) notes.push(`${withoutResults} selected ${withoutResults === 1 ? 'sample has' : 'samples have'} no results and ${withoutResults === 1 ? 'is' : 'are'} not in the signatures.`);
  notes.push('A compound cell is NULL when the compound was not detected in the sample (or not measured in it).');
  return { table, sql, compoundColumns: new Set(names), notes };
}
