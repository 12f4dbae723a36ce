/**
 * Reads chemical signatures out of the workspace: the `measurements` view pivoted, in DuckDB, to one row
 * per sample and one column per chosen compound, then copied into the typed SignatureMatrix the
 * profiling kernels use. Sample metadata (seizure, case, date, place) comes along in the same order, for
 * calibration pairs and class summaries.
 */
import type { Table } from 'apache-arrow';
import { sqlIdent, sqlString, type Database } from '../db/Database';
import { COMPOUND_ROLES, type CompoundRoleOrUnassigned } from '../domain/compound-dictionary';
import { DEFAULT_NON_DETECT_RULE, HALF_LOD_FACTOR, MIN_PEAKS_FOR_LIMIT, type NonDetectRule } from '../profiling/non-detects';
import { createSignatureMatrix, type SignatureMatrix } from '../profiling/signature-matrix';
import { yieldToEventLoop } from '../util/yield-to-event-loop';
import { AnalysisRefusal } from './analysis-refusal';
import type { TargetListRef } from './analysis-inputs';

/**
 * Roles that form a production signature by default: every compound but main drugs, adulterants,
 * diluents and internal standards, unassigned ones included (adulterants and diluents are added at
 * distribution and speak of distribution, not production: ../shared/DOMAIN.md).
 */
export const DEFAULT_SIGNATURE_ROLES: readonly CompoundRoleOrUnassigned[] = ['impurity', 'precursor', 'unassigned'];
export const ALL_ROLES: readonly CompoundRoleOrUnassigned[] = [...COMPOUND_ROLES, 'unassigned'];

export interface SignatureSelection {
  /** Compounds by role; default DEFAULT_SIGNATURE_ROLES. Ignored when `compounds` is given. */
  roles?: readonly CompoundRoleOrUnassigned[];
  /** An explicit target list (canonical names), in this order. */
  compounds?: readonly string[];
  /** Compounds left out of what `roles` (or `compounds`) select (canonical names). */
  excludeCompounds?: readonly string[];
  /** A SQL condition on the `samples` view restricting which samples enter (e.g. `main_drug = 'fentanyl'`). */
  sampleFilter?: string;
  /** The saved target list `compounds` came from, recorded with the analysis (target-lists.ts). */
  targetList?: TargetListRef;
  /** How non-detects enter (shared/profiling/non-detects.ts); default 'half-lod'. A record's own rule when it has one. */
  nonDetects?: NonDetectRule;
}

export interface SampleFacts {
  seizureId: (string | null)[];
  caseId: (string | null)[];
  seizedOn: (string | null)[];
  region: (string | null)[];
  city: (string | null)[];
  lat: (number | null)[];
  lon: (number | null)[];
}

export interface LoadedSignatures {
  matrix: SignatureMatrix;
  facts: SampleFacts;
}

/** Signature cells written per task while loading (a few tens of ms on 2 cores). */
const CELLS_PER_TASK = 250_000;

/**
 * A column's values in row order, null where absent. Read by the column's iterator, record batch after record batch:
 * `get(i)` searches the batches for row i at every call (18 ms of a 159 ms stretch of the facts under the profiler,
 * 10,000 samples, load 6).
 */
function columnValues<T>(t: Table, name: string, convert: (v: unknown) => T): (T | null)[] {
  const out = new Array<T | null>(t.numRows).fill(null);
  const col = t.getChild(name);
  if (!col) return out;
  let i = 0;
  for (const v of col) {
    out[i++] = v === null || v === undefined ? null : convert(v);
  }
  return out;
}

function strings(t: Table, name: string): (string | null)[] {
  return columnValues(t, name, (v) => v as string);
}

function numbers(t: Table, name: string): (number | null)[] {
  return columnValues(t, name, Number);
}

function dates(t: Table, name: string): (string | null)[] {
  return numbers(t, name).map((v) => (v === null ? null : new Date(v).toISOString().slice(0, 10)));
}

/** The roles a selection takes: its own, or DEFAULT_SIGNATURE_ROLES; none when it names its compounds. */
export function selectionRoles(selection: SignatureSelection): CompoundRoleOrUnassigned[] | null {
  return selection.compounds?.length ? null : [...(selection.roles ?? DEFAULT_SIGNATURE_ROLES)];
}

/** The compounds a selection takes, sorted by name (or in the explicit list's order, duplicates dropped). */
export async function signatureCompounds(db: Database, selection: SignatureSelection = {}): Promise<string[]> {
  const out = new Set(selection.excludeCompounds ?? []);
  if (selection.compounds?.length) return [...new Set(selection.compounds)].filter((c) => !out.has(c));
  const roles = selection.roles ?? DEFAULT_SIGNATURE_ROLES;
  if (roles.length === 0) return [];
  const t = await db.query(`SELECT DISTINCT compound FROM measurements WHERE role IN (${roles.map(sqlString).join(', ')}) ORDER BY compound`);
  return (strings(t, 'compound') as string[]).filter((c) => !out.has(c));
}

/**
 * The rule for missing values: a sample whose value of a chosen compound was refused into quarantine (and not
 * imported since: the `missing_values` view), or whose wide results row was, is left out of the signatures until that
 * value is imported. A missing value is no value, not "not detected": read as 0 it would look like an absent route
 * marker (DOMAIN.md, non-detects). A condition on `m.sample_id`.
 */
export function withoutMissing(compoundList: string): string {
  return `AND m.sample_id NOT IN (SELECT sample_id FROM missing_values WHERE compound IS NULL OR compound IN (${compoundList}))`;
}

/** The samples withoutMissing leaves out for these compounds, in one sentence for a run's reasons; null when none. */
export async function missingNote(db: Database, compounds: readonly string[]): Promise<string | null> {
  const list = compounds.map(sqlString).join(', ') || 'NULL';
  const t = await db.query(`SELECT DISTINCT sample_id FROM missing_values WHERE compound IS NULL OR compound IN (${list}) ORDER BY sample_id`);
  const ids = strings(t, 'sample_id') as string[];
  if (ids.length === 0) return null;
  const shown = ids.slice(0, 5).join(', ');
  return `${ids.length} ${ids.length === 1 ? 'sample was' : 'samples were'} left out (${shown}${ids.length > 5 ? ' …' : ''}): a value of ${ids.length === 1 ? 'it' : 'theirs'} is in quarantine and was not imported since; a missing value is not read as "not detected".`;
}

/**
 * The CTEs after `chosen` (sample_id, i) and `targets` (compound, c) that give one cell per sample × compound
 * (i, c, area, detected) under a non-detect rule (shared/profiling/non-detects.ts). 'half-lod': per results batch,
 * the limit (smallest area detected in it, any compound) over the median total signature area of its samples
 * (ρ; borrowed from the other batches when it holds fewer than MIN_PEAKS_FOR_LIMIT detected signature peaks); each
 * row's value is its area, or ½·ρ·T (T = the sample's total detected signature area) when not detected;
 * replicates are averaged over all their rows (a censored mean by substitution). 'zero': replicates averaged over
 * their detected rows, 0 when none. `cells` is the last CTE; `sample_limit` (i, share_area, limit_area) gives ½·ρ·T
 * of the sample's batches, for cells without any row, and its detection limit as an area (ρ times the batch's median
 * total: the batch's smallest detected area, or the borrowed ρ's equivalent; the smallest of its batches), which the
 * censored pair comparison reads (SignatureMatrix.limits).
 */
export function signatureCellsSql(rule: NonDetectRule): string {
  if (rule === 'zero') {
    return `cells AS (
      SELECT CAST(chosen.i AS INTEGER) AS i, CAST(targets.c AS INTEGER) AS c,
             COALESCE(avg(m.area) FILTER (WHERE m.detected AND m.area IS NOT NULL), 0) AS area,
             CAST(COALESCE(bool_or(m.detected AND m.area IS NOT NULL), false) AS TINYINT) AS detected
      FROM measurements m JOIN chosen USING (sample_id) JOIN targets USING (compound)
      GROUP BY ALL)`;
  }
  return `target_rows AS (
      SELECT m.sample_id, m.compound, m.batch_id, (m.detected AND m.area IS NOT NULL) AS det, m.area
      FROM measurements m JOIN targets USING (compound)),
    batch_lod AS (SELECT batch_id, min(area) FILTER (WHERE detected AND area > 0) AS lod FROM measurements GROUP BY batch_id),
    batch_totals AS (SELECT batch_id, sample_id, sum(area) FILTER (WHERE det AND area > 0) AS total FROM target_rows GROUP BY ALL),
    batch_peaks AS (SELECT batch_id, count(*) FILTER (WHERE det AND area > 0) AS peaks FROM target_rows GROUP BY batch_id),
    batch_own AS (
      SELECT t.batch_id, any_value(l.lod) / median(t.total) AS rho, median(t.total) AS typical, any_value(k.peaks) >= ${MIN_PEAKS_FOR_LIMIT} AS enough
      FROM batch_totals t JOIN batch_lod l USING (batch_id) JOIN batch_peaks k USING (batch_id) WHERE t.total > 0 GROUP BY t.batch_id),
    borrowed AS (SELECT COALESCE(median(rho) FILTER (WHERE enough), min(rho)) AS rho FROM batch_own),
    batch_rho AS (SELECT o.batch_id, CASE WHEN o.enough THEN o.rho ELSE b.rho END AS rho, CASE WHEN o.enough THEN o.rho ELSE b.rho END * o.typical AS limit_area FROM batch_own o CROSS JOIN borrowed b),
    sample_cells AS (
      SELECT r.sample_id, r.compound, avg(r.area) FILTER (WHERE r.det AND r.area > 0) AS detected_mean
      FROM target_rows r JOIN chosen USING (sample_id) GROUP BY ALL),
    sample_total AS (SELECT sample_id, COALESCE(sum(detected_mean), 0) AS total FROM sample_cells GROUP BY sample_id),
    sample_limit AS (
      SELECT CAST(chosen.i AS INTEGER) AS i, ${HALF_LOD_FACTOR} * min(b.rho) * any_value(st.total) AS share_area, min(b.limit_area) AS limit_area
      FROM target_rows r JOIN chosen USING (sample_id) JOIN batch_rho b USING (batch_id) JOIN sample_total st USING (sample_id)
      GROUP BY chosen.i),
    cells AS (
      SELECT CAST(chosen.i AS INTEGER) AS i, CAST(targets.c AS INTEGER) AS c,
             COALESCE(avg(CASE WHEN r.det THEN r.area ELSE ${HALF_LOD_FACTOR} * COALESCE(b.rho, 0) * st.total END), 0) AS area,
             CAST(COALESCE(bool_or(r.det), false) AS TINYINT) AS detected
      FROM target_rows r JOIN chosen USING (sample_id) JOIN targets USING (compound)
           JOIN sample_total st USING (sample_id) LEFT JOIN batch_rho b USING (batch_id)
      GROUP BY ALL)`;
}

/**
 * Loads the signature matrix: samples sorted by id, compounds per the selection, non-detects per its rule
 * (default 'half-lod': shared/profiling/non-detects.ts). A compound a sample has no row for is not detected (under
 * 'half-lod' at the substitute of the sample's batches). Replicate rows of one sample and compound (repeat
 * injections, or the sample in two results batches) are averaged, non-detects included at their substitute ('zero':
 * over the detected ones only, the rule of older records). Samples with no measurement of any chosen compound are
 * left out, and so are samples with a missing value of the chosen compounds (withoutMissing). O(measurements) in
 * DuckDB, O(n·p) here.
 */
export async function loadSignatures(db: Database, selection: SignatureSelection = {}): Promise<LoadedSignatures> {
  const compounds = await signatureCompounds(db, selection);
  const list = compounds.map(sqlString).join(', ') || 'NULL';
  const filter = `${selection.sampleFilter ? `AND m.sample_id IN (SELECT sample_id FROM samples WHERE ${selection.sampleFilter})` : ''} ${withoutMissing(list)}`;
  const ids = await db.query(`
    SELECT s.sample_id, s.seizure_id, s.case_id, s.seized_on, s.region, s.city, s.lat, s.lon
    FROM samples s WHERE s.sample_id IN (SELECT DISTINCT m.sample_id FROM measurements m WHERE m.compound IN (${list}) ${filter})
    ORDER BY s.sample_id`);
  const sampleIds = strings(ids, 'sample_id') as string[];
  const n = sampleIds.length;
  const p = compounds.length;
  const values = new Float64Array(n * p);
  const detected = new Uint8Array(n * p);
  const rule = selection.nonDetects ?? DEFAULT_NON_DETECT_RULE;
  const ctes = `WITH chosen AS (SELECT sample_id, row_number() OVER (ORDER BY sample_id) - 1 AS i FROM (${`SELECT sample_id FROM samples WHERE sample_id IN (SELECT DISTINCT m.sample_id FROM measurements m WHERE m.compound IN (${list}) ${filter})`})),
         targets AS (SELECT unnest([${list}]) AS compound, generate_subscripts([${list}], 1) - 1 AS c),
         ${signatureCellsSql(rule)}`;
  const cells = await db.query(`${ctes} SELECT * FROM cells`);
  // Under 'half-lod', a cell without any row (the compound absent from the sample's batches) is a non-detect too.
  let limits: Float64Array | undefined;
  if (rule === 'half-lod') {
    const lim = await db.query(`${ctes} SELECT i, share_area, limit_area FROM sample_limit`);
    const li = lim.getChild('i')!.toArray() as Int32Array;
    const lv = lim.getChild('share_area')!.toArray() as Float64Array;
    const la = lim.getChild('limit_area')!.toArray() as Float64Array;
    limits = new Float64Array(n);
    for (let k = 0; k < lim.numRows; k++) {
      if (lv[k] > 0) values.fill(lv[k], li[k] * p, li[k] * p + p);
      limits[li[k]] = la[k] > 0 ? la[k] : 0;
    }
  }
  // Stages in tasks of their own, so that the interface thread paints between them (a yield costs nothing measurable).
  await yieldToEventLoop();
  const iCol = cells.getChild('i')!.toArray() as Int32Array;
  const cCol = cells.getChild('c')!.toArray() as Int32Array;
  // Typed arrays, not Arrow's per-cell get(): 1,000,000 cells take milliseconds instead of two seconds of the UI thread.
  const area = cells.getChild('area')!.toArray() as Float64Array;
  const det = cells.getChild('detected')!.toArray() as Int8Array;
  // Table.numRows sums the record batches on every read: read it once, not per cell.
  const rows = cells.numRows;
  // In slices with a yield between them: 1,000,000 cells were one stretch of 45 ms under the profiler (load 6),
  // in the same task as the facts below.
  for (let from = 0; from < rows; from += CELLS_PER_TASK) {
    const to = Math.min(rows, from + CELLS_PER_TASK);
    for (let k = from; k < to; k++) {
      const idx = iCol[k] * p + cCol[k];
      detected[idx] = det[k];
      values[idx] = det[k] || rule === 'half-lod' ? area[k] : 0;
    }
    await yieldToEventLoop();
  }
  const matrix = { ...createSignatureMatrix(sampleIds, compounds, values, detected, rule), ...(limits ? { limits } : {}) };
  await yieldToEventLoop();
  return {
    matrix,
    facts: await factsOf(ids),
  };
}

/** The samples' facts, a column or two per task (10,000 samples: one stretch of 100–160 ms under the profiler at load 6). */
async function factsOf(ids: Table): Promise<SampleFacts> {
  const seizureId = strings(ids, 'seizure_id');
  const caseId = strings(ids, 'case_id');
  await yieldToEventLoop();
  const seizedOn = dates(ids, 'seized_on');
  await yieldToEventLoop();
  const region = strings(ids, 'region');
  const city = strings(ids, 'city');
  await yieldToEventLoop();
  return { seizureId, caseId, seizedOn, region, city, lat: numbers(ids, 'lat'), lon: numbers(ids, 'lon') };
}

/** Refuses an empty matrix with the reason; returns the loaded signatures otherwise. */
export function requireMeasurements(loaded: LoadedSignatures, selection: SignatureSelection = {}): LoadedSignatures {
  const { sampleIds, compounds } = loaded.matrix;
  if (compounds.length === 0 || sampleIds.length === 0) {
    const asked = selection.compounds?.length ? `the compounds ${selection.compounds.join(', ')}` : `compounds of the roles ${(selection.roles ?? DEFAULT_SIGNATURE_ROLES).join(', ')}`;
    const without = selection.excludeCompounds?.length ? ` other than ${selection.excludeCompounds.join(', ')}` : '';
    throw new AnalysisRefusal('no-measurements', `no measurements: the workspace holds no results for ${asked}${without}${selection.sampleFilter ? ` in samples where ${selection.sampleFilter}` : ''}. Import results first, or choose other roles or compounds.`);
  }
  return loaded;
}

/** Columns of the `samples` view (pair rules may group by any of them). */
export async function sampleColumns(db: Database): Promise<string[]> {
  return strings(await db.query('DESCRIBE samples'), 'column_name') as string[];
}

/**
 * One column of the `samples` view as text, aligned with `sampleIds` (null where missing); refuses a column the
 * view does not have. seizure_id and case_id come from `facts` without a query. O(n).
 */
export async function loadSampleColumn(db: Database, loaded: LoadedSignatures, column: string): Promise<(string | null)[]> {
  if (column === 'seizure_id') return loaded.facts.seizureId;
  if (column === 'case_id') return loaded.facts.caseId;
  const known = await sampleColumns(db);
  if (!known.includes(column)) throw new AnalysisRefusal('bad-setting', `the samples view has no column "${column}"; choose one of ${known.join(', ')}`);
  const t = await db.query(`SELECT sample_id, CAST(${sqlIdent(column)} AS VARCHAR) AS v FROM samples WHERE sample_id IS NOT NULL`);
  const ids = strings(t, 'sample_id');
  const values = strings(t, 'v');
  const byId = new Map<string, string | null>();
  ids.forEach((id, i) => byId.set(id as string, values[i]));
  return loaded.matrix.sampleIds.map((id) => byId.get(id) ?? null);
}
