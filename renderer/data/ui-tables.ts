/**
 * Helper tables the views page and aggregate from, built in DuckDB (never row by row in the UI thread):
 *
 * | table | one row per | columns |
 * | --- | --- | --- |
 * | ui_compounds | signature compound | compound, k (position in the signature) |
 * | ui_profile | sample × detected compound | sample_id, k, value: ∜N (share of the sample's total area, fourth root) |
 * | ui_signatures | sample with results and no missing value | sample_id, signature: FLOAT[] in ui_compounds order (0 = not detected) |
 * | ui_classes | classified sample | sample_id, class_id |
 * | sample_routes | attributed sample | sample_id, route, run_id (shared/attribution/sample-routes.ts; exports read it too) |
 *
 * ∜N (fourth root) is the usual display pretreatment (Andersson et al. 2007, harmonised amphetamine profiling):
 * it keeps minor impurities visible beside the major ones. The database is rebuilt from the workspace
 * files on open, so these tables never reach the disk.
 */
import { buildIPC, f64Col, utf8Col } from '../../shared/db/arrow-build';
import { sqlString, type Database } from '../../shared/db/Database';
import { DEFAULT_SIGNATURE_ROLES, signatureCellsSql } from '../../shared/analysis/signature-query';
import { ensureSampleRoutes, registerSampleRoutes } from '../../shared/attribution/sample-routes';
import { DEFAULT_NON_DETECT_RULE, type NonDetectRule } from '../../shared/profiling/non-detects';

/**
 * Builds ui_compounds, ui_profile and ui_signatures from the measurements view, replicates averaged as the signatures
 * of the analyses are (shared/analysis/signature-query.ts, non-detects by `nonDetects`, default 'half-lod': never
 * over the detected rows only); a compound no replicate detected shows as 0. O(measurements) in DuckDB.
 */
export async function buildSignatureTables(db: Database, compounds?: readonly string[], nonDetects: NonDetectRule = DEFAULT_NON_DETECT_RULE): Promise<number> {
  for (const statement of signatureTablesSql(compounds, nonDetects)) await db.query(statement);
  const t = await db.query('SELECT count(*) AS n FROM ui_compounds');
  return Number(t.getChild('n')!.get(0));
}

/** The statements buildSignatureTables runs, in order (their text is part of the key of the tables kept between opens). */
export function signatureTablesSql(compounds?: readonly string[], nonDetects: NonDetectRule = DEFAULT_NON_DETECT_RULE): string[] {
  const chosen = compounds?.length
    ? `SELECT unnest([${compounds.map(sqlString).join(', ')}]) AS compound`
    : `SELECT DISTINCT compound FROM measurements WHERE role IN (${DEFAULT_SIGNATURE_ROLES.map(sqlString).join(', ')})`;
  return [
    `CREATE OR REPLACE TABLE ui_compounds AS
    SELECT compound, CAST(row_number() OVER (ORDER BY compound) - 1 AS INTEGER) AS k FROM (${chosen})`,
    `CREATE OR REPLACE TABLE ui_profile AS
    WITH chosen AS (SELECT sample_id, row_number() OVER (ORDER BY sample_id) - 1 AS i FROM (SELECT DISTINCT sample_id FROM measurements WHERE compound IN (SELECT compound FROM ui_compounds))),
    targets AS (SELECT compound, k AS c FROM ui_compounds),
    ${signatureCellsSql(nonDetects)},
    a AS (SELECT chosen.sample_id, cells.c AS k, CASE WHEN cells.detected = 1 AND cells.area > 0 THEN cells.area END AS area FROM cells JOIN chosen USING (i)),
    t AS (SELECT sample_id, sum(area) AS total FROM a GROUP BY sample_id)
    SELECT a.sample_id, a.k, CAST(CASE WHEN t.total > 0 AND a.area > 0 THEN pow(a.area / t.total, 0.25) ELSE 0 END AS FLOAT) AS value
    FROM a JOIN t USING (sample_id)`,
    `CREATE OR REPLACE TABLE ui_signatures AS
    SELECT s.sample_id, list(COALESCE(p.value, 0) ORDER BY c.k) AS signature
    FROM (SELECT DISTINCT sample_id FROM ui_profile
          -- A value in quarantine is missing, not 0: such samples have no signature to draw (signature-query.ts, withoutMissing).
          WHERE sample_id NOT IN (SELECT sample_id FROM missing_values WHERE compound IS NULL OR compound IN (SELECT compound FROM ui_compounds))) s
    CROSS JOIN ui_compounds c
    LEFT JOIN ui_profile p ON p.sample_id = s.sample_id AND p.k = c.k
    GROUP BY s.sample_id`,
  ];
}

/** Replaces ui_classes with an assignment (sample id → class id); an empty one leaves the table empty. */
export async function putClasses(db: Database, sampleIds: readonly string[], classIds: ArrayLike<number>): Promise<void> {
  await db.query('DROP TABLE IF EXISTS ui_classes_in');
  await db.insertArrowIPC('ui_classes_in', buildIPC({ sample_id: utf8Col([...sampleIds]), class_id: f64Col(Array.from(classIds)) }), 'create');
  await db.query('CREATE OR REPLACE TABLE ui_classes AS SELECT sample_id, CAST(class_id AS INTEGER) AS class_id FROM ui_classes_in');
  await db.query('DROP TABLE ui_classes_in');
}

/** Replaces the routes (sample id → most likely route, or null when the evidence is inconclusive) of class run `runId`. */
export async function putRoutes(db: Database, sampleIds: readonly string[], routes: readonly (string | null)[], runId: string | null): Promise<void> {
  await registerSampleRoutes(db, sampleIds, routes, runId);
}

/** Creates empty ui_classes and sample_routes when none exist yet, so that views can join them from the start. */
export async function ensureAnalysisTables(db: Database): Promise<void> {
  await db.query('CREATE TABLE IF NOT EXISTS ui_classes (sample_id VARCHAR, class_id INTEGER)');
  await ensureSampleRoutes(db);
}

/** The samples relation the Samples, Map and Timeline views read: samples with signature, class and route. */
export const SAMPLES_RELATION = `(SELECT s.sample_id, g.signature, c.class_id, r.route, s.* EXCLUDE (sample_id)
  FROM samples s LEFT JOIN ui_signatures g USING (sample_id) LEFT JOIN ui_classes c USING (sample_id) LEFT JOIN sample_routes r USING (sample_id))`;

/** The same, filtered with a condition over `s` (samples) and `c` (ui_classes). */
export function filteredSamples(condition: string): string {
  return `(SELECT s.sample_id, g.signature, c.class_id, r.route, s.* EXCLUDE (sample_id)
  FROM samples s LEFT JOIN ui_signatures g USING (sample_id) LEFT JOIN ui_classes c USING (sample_id) LEFT JOIN sample_routes r USING (sample_id)
  WHERE ${condition})`;
}
