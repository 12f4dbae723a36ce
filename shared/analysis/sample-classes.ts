/**
 * The latest class run as database tables that later views and exports can join: `sample_classes` (sample_id,
 * class_id, run_id, class_size, distance_to_class_mean; every sample of the run, classes of one included) and
 * `class_summaries` (one row per class of two or more samples). Call after opening a workspace and after each class
 * run; with no run yet both tables exist, empty, with their types.
 */
import { buildIPC, f64Col, i32Col, utf8Col } from '../db/arrow-build';
import type { Database } from '../db/Database';
import type { Workspace } from '../workspace/Workspace';
import { loadClassRun } from './class-run-store';
import type { ClassRunData, ClassRunRecord } from './class-run-record';

/** The tables this module defines. */
export const CLASS_TABLES = ['sample_classes', 'class_summaries'] as const;

/** (Re)defines `sample_classes` and `class_summaries` from a run (default the latest); returns its id or null. */
export async function registerSampleClasses(db: Database, ws: Workspace, runId?: string): Promise<string | null> {
  return registerClassRun(db, await loadClassRun(ws, runId));
}

/** (Re)defines the tables from a run already read (loadClassRun), or empty ones for null; returns its id or null. */
export async function registerClassRun(db: Database, loaded: { record: ClassRunRecord; data: ClassRunData } | null): Promise<string | null> {
  if (!loaded) {
    // No run yet: empty tables with their types, made in SQL. Created from an Arrow stream without rows, duckdb-wasm
    // failed with "Table with name sample_classes already exists!" on every new workspace of the web build, which the
    // app then showed as an unreadable class run.
    await db.query('CREATE OR REPLACE TABLE sample_classes (sample_id VARCHAR, class_id INTEGER, run_id VARCHAR, class_size INTEGER, distance_to_class_mean DOUBLE)');
    await db.query(`CREATE OR REPLACE TABLE class_summaries (run_id VARCHAR, class_id INTEGER, size INTEGER, first_seen DATE, last_seen DATE, regions VARCHAR,
      n_cases INTEGER, cases VARCHAR, n_seizures INTEGER, cohesion DOUBLE, cohesion_100 DOUBLE, previous_class_id INTEGER)`);
    return null;
  }
  const { record, data } = loaded;
  const n = data.sampleIds.length;
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++) sizes.set(data.classIds[i], (sizes.get(data.classIds[i]) ?? 0) + 1);
  const run = record.id;
  await replace(db, 'sample_classes', buildIPC({
    sample_id: utf8Col(data.sampleIds),
    class_id: i32Col(Array.from(data.classIds)),
    run_id: utf8Col(new Array<string>(n).fill(run)),
    class_size: i32Col(Array.from(data.classIds, (c) => sizes.get(c) ?? 0)),
    distance_to_class_mean: f64Col(Array.from(data.distanceToMean)),
  }));
  const classes = record.classes;
  const summaries = await stage(db, buildIPC({
    run_id: utf8Col(classes.map(() => run)),
    class_id: i32Col(classes.map((c) => c.class_id)),
    size: i32Col(classes.map((c) => c.size)),
    first_seen: utf8Col(classes.map((c) => c.first_seen)),
    last_seen: utf8Col(classes.map((c) => c.last_seen)),
    regions: utf8Col(classes.map((c) => c.regions.map((r) => `${r.region} (${r.samples})`).join('; '))),
    n_cases: i32Col(classes.map((c) => c.cases.length)),
    cases: utf8Col(classes.map((c) => c.cases.join('; '))),
    n_seizures: i32Col(classes.map((c) => c.seizures)),
    cohesion: f64Col(classes.map((c) => c.cohesion)),
    cohesion_100: f64Col(classes.map((c) => c.cohesion_100)),
    previous_class_id: i32Col(classes.map((c) => c.previous_class_id)),
  }));
  await db.query(`CREATE OR REPLACE TABLE class_summaries AS
    SELECT * REPLACE (CAST(first_seen AS DATE) AS first_seen, CAST(last_seen AS DATE) AS last_seen) FROM ${summaries}`);
  await db.query(`DROP TABLE ${summaries}`);
  return run;
}

/**
 * The rows in a staging table of their own: the app may rebuild the tables twice at once (a rebuild interrupted by
 * the next one runs on), and two "drop, then create" of one name would collide ("already exists").
 */
let staged = 0;
async function stage(db: Database, ipc: Uint8Array): Promise<string> {
  const name = `ws_class_stage_${++staged}`;
  await db.insertArrowIPC(name, ipc, 'create');
  return name;
}

/** Replaces a table in one statement (CREATE OR REPLACE), from its own staging table. */
async function replace(db: Database, name: string, ipc: Uint8Array): Promise<void> {
  const from = await stage(db, ipc);
  await db.query(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM ${from}`);
  await db.query(`DROP TABLE ${from}`);
}
