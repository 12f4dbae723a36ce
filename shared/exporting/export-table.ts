/**
 * The rows an export holds, as an Arrow table computed by DuckDB: the `samples` view with each sample's class and
 * route (the findings an analyst exports a class for), the `measurements` view (long: one row per sample and
 * compound), or the signatures (wide: one row per sample, one column per compound holding its peak area, NULL where
 * not detected).
 */
import { z } from 'zod';
import { Table, type Vector } from 'apache-arrow';
import type { Database } from '../db/Database';
import { sqlString } from '../db/Database';
import { selectionSql, type Selection } from './selection';
import { SAMPLE_ROUTES } from '../attribution/sample-routes';

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
  /** The workbench's findings among the columns (class, route): no redaction profile names them, every profile keeps them. */
  derivedColumns: Set<string>;
}

/** The findings a samples export adds: the class of the class run the database shows, and the route called. */
export const SAMPLE_FINDINGS = ['class_id', 'class_run', 'route'] as const;

async function hasTable(db: Database, name: string): Promise<boolean> {
  const t = await db.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ${sqlString(name)}`);
  return Number(t.getChild('n')?.get(0) ?? 0) > 0;
}

/** The samples with their findings; notes say where the findings come from, or that there are none yet. */
async function querySamples(db: Database, sel: Selection): Promise<ExportTable> {
  const classes = await hasTable(db, 'sample_classes');
  const routes = await hasTable(db, SAMPLE_ROUTES);
  const sql = `SELECT s.*, ${classes ? 'c.class_id, c.run_id AS class_run' : 'CAST(NULL AS INTEGER) AS class_id, CAST(NULL AS VARCHAR) AS class_run'}, ${routes ? 'r.route' : 'CAST(NULL AS VARCHAR) AS route'}
    FROM samples s${classes ? ' LEFT JOIN sample_classes c USING (sample_id)' : ''}${routes ? ' LEFT JOIN sample_routes r USING (sample_id)' : ''}
    WHERE ${selected(sel)} ORDER BY sample_id`;
  const table = await db.query(sql);
  const notes: string[] = [];
  const run = classes ? String((await db.query('SELECT any_value(run_id) AS r FROM sample_classes')).getChild('r')?.get(0) ?? '') : '';
  notes.push(run ? `class_id: the sample's chemical class in class run ${run} (class_run); a class of one sample is a sample linked to no other; empty: not in that run.` : 'class_id: empty, the workspace has no class run yet.');
  const routeRun = routes ? (await db.query(`SELECT any_value(run_id) AS r, count(*) AS n FROM ${SAMPLE_ROUTES}`)) : null;
  const routed = Number(routeRun?.getChild('n')?.get(0) ?? 0);
  notes.push(routed > 0
    ? `route: the most likely route from the route evidence of class run ${String(routeRun!.getChild('r')?.get(0) ?? '')}, evidence with its uncertainty, never a certainty; empty where it is inconclusive or was not assessed.`
    : 'route: empty, no route evidence was computed for these samples (the app computes it from a class run made with the calibration in force).');
  return { table, sql, compoundColumns: new Set(), notes, derivedColumns: new Set(SAMPLE_FINDINGS) };
}

const selected = (sel: Selection) => `sample_id IN (SELECT sample_id FROM (${selectionSql(sel)}))`;

/** Runs the export query for a selection. O(rows); signatures make one pass per sample and compound. */
export async function queryExportTable(db: Database, sel: Selection, what: ExportWhat): Promise<ExportTable> {
  if (what === 'samples') return querySamples(db, sel);
  if (what === 'measurements') {
    const sql = `SELECT * FROM measurements WHERE ${selected(sel)} ORDER BY sample_id, compound, batch_id, line`;
    return { table: await db.query(sql), sql, compoundColumns: new Set(), notes: [], derivedColumns: new Set() };
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
  return { table, sql, compoundColumns: new Set(names), notes, derivedColumns: new Set() };
}
