/** One sample's facts and signature, and its class's mean and spread per compound (from ui_profile). */
import { sqlString, type Database } from '../../shared/db/Database';
import { columnNames, plainRows, type PlainValue } from '../../shared/db/arrow-values';
import { SAMPLES_RELATION } from './ui-tables';

export interface SampleProfile {
  facts: Record<string, PlainValue>;
  compounds: string[];
  /** ∜N per compound, 0 = not detected, null = missing (in quarantine); null when the sample has no results. */
  signature: (number | null)[] | null;
  classId: number | null;
  /** Values of the sample refused into quarantine and not imported since: missing, never drawn as 0. */
  missing: MissingValue[];
}

export interface MissingValue {
  /** The compound (null: the whole results row). */
  compound: string | null;
  batchId: string;
  line: number;
  reason: string;
  value: string | null;
}

export interface ClassSpread {
  size: number;
  mean: number[];
  sd: number[];
  q10: number[];
  q90: number[];
}

export async function sampleProfile(db: Database, sampleId: string): Promise<SampleProfile | null> {
  const t = await db.query(`SELECT * FROM ${SAMPLES_RELATION} WHERE sample_id = ${sqlString(sampleId)}`);
  if (t.numRows === 0) return null;
  const names = columnNames(t);
  const [row] = plainRows(t);
  const facts = Object.fromEntries(names.map((n, i) => [n, row[i]]));
  const compounds = (await db.query('SELECT compound FROM ui_compounds ORDER BY k')).getChild('compound')!.toArray() as string[];
  const m = await db.query(`SELECT compound, batch_id, line, reason, value FROM missing_values WHERE sample_id = ${sqlString(sampleId)} ORDER BY batch_id, line`);
  const missing: MissingValue[] = Array.from({ length: m.numRows }, (_, i) => ({
    compound: (m.getChild('compound')!.get(i) as string | null) ?? null,
    batchId: String(m.getChild('batch_id')!.get(i)),
    line: Number(m.getChild('line')!.get(i)),
    reason: String(m.getChild('reason')!.get(i)),
    value: (m.getChild('value')!.get(i) as string | null) ?? null,
  }));
  let sig: (number | null)[] | null = typeof facts.signature === 'string' ? (JSON.parse(facts.signature) as number[]) : null;
  delete facts.signature;
  if (sig === null && missing.length && Number(facts.n_measurements) > 0) {
    // Left out of the signatures: its measured values, with a gap (null) where a value is missing.
    const gaps = new Set(missing.map((x) => x.compound));
    const p = await db.query(`SELECT c.k, COALESCE(p.value, 0) AS v FROM ui_compounds c LEFT JOIN ui_profile p ON p.k = c.k AND p.sample_id = ${sqlString(sampleId)} ORDER BY c.k`);
    const v = p.getChild('v')!;
    sig = compounds.map((c, k) => (gaps.has(null) || gaps.has(c) ? null : Number(v.get(k))));
  }
  return { facts, compounds: [...compounds], signature: sig, classId: facts.class_id === null ? null : Number(facts.class_id), missing };
}

/** Mean, standard deviation and 10–90 % range of a class's ∜N signatures, per compound. O(members × compounds) in DuckDB. */
export async function classSpread(db: Database, classId: number): Promise<ClassSpread> {
  const t = await db.query(`
    WITH members AS (SELECT sample_id FROM ui_classes WHERE class_id = ${Math.floor(classId)} AND sample_id IN (SELECT sample_id FROM ui_signatures)),
    vals AS (SELECT c.k, COALESCE(p.value, 0) AS v FROM members m CROSS JOIN ui_compounds c LEFT JOIN ui_profile p ON p.sample_id = m.sample_id AND p.k = c.k)
    SELECT k, avg(v) AS mean, COALESCE(stddev_samp(v), 0) AS sd, quantile_cont(v, 0.1) AS q10, quantile_cont(v, 0.9) AS q90, count(*) AS size
    FROM vals GROUP BY k ORDER BY k`);
  const col = (name: string) => Array.from(t.getChild(name)?.toArray() ?? [], Number);
  return { size: t.numRows ? Number(t.getChild('size')!.get(0)) : 0, mean: col('mean'), sd: col('sd'), q10: col('q10'), q90: col('q90') };
}
