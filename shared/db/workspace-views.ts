/**
 * Loads a workspace into the database and defines the SQL views every feature reads: `batches`,
 * `samples`, `measurements`, `compounds`, `quarantine`, `missing_values`, `vocabulary_values`. The workspace
 * files stay the truth; the database is rebuilt from them on open (and refreshed after each import), so nothing
 * the console runs can alter what is on disk.
 */
import { buildIPC, f64Col, utf8Col } from './arrow-build';
import type { Database } from './Database';
import type { EngineCache } from './engine-cache';
import { DERIVED, derivedKey, MATERIALISED_MAPS, MATERIALISED_VIEWS, type DerivedSource } from './derived-tables';
import { sqlIdent, sqlString } from './Database';
import { buildLookup, normaliseCompoundKey, type CompoundDictionary } from '../domain/compound-dictionary';
import { QUARANTINE_COLUMNS, RESULT_COLUMNS, SAMPLE_COLUMNS, type ColumnDef } from '../workspace/batch-columns';
import type { Workspace } from '../workspace/Workspace';
import { termLookup, VOCABULARY_FIELDS, normaliseTermKey, type Vocabularies } from '../domain/vocabulary';
import { loadVocabularies } from '../domain/workspace-vocabulary';
import type { BatchRecord } from '../workspace/manifest';

/** The views the SQL console, the CLI and every feature may read. */
export const PUBLIC_VIEWS = ['batches', 'samples', 'measurements', 'compounds', 'quarantine', 'missing_values', 'vocabulary_values'] as const;

const batchTable = (id: string) => `batch_${id}`;
const quarantineTable = (id: string) => `quarantine_${id}`;

/** The tables a batch loads into: its rows, and its refused rows when it has a quarantine file. */
export function batchTables(b: BatchRecord): string[] {
  return b.quarantine_file ? [batchTable(b.id), quarantineTable(b.id)] : [batchTable(b.id)];
}

/** An empty SELECT with the given columns, so that views exist with their types before any import. */
function emptySelect(columns: readonly ColumnDef[]): string {
  return `SELECT ${columns.map((c) => `CAST(NULL AS ${c.type}) AS ${sqlIdent(c.name)}`).join(', ')} WHERE false`;
}

function unionByName(parts: string[]): string {
  return parts.join('\nUNION ALL BY NAME\n');
}

/** Which batches a later batch supersedes (corrected versions): their rows leave the views. */
export function supersededIds(batches: readonly BatchRecord[]): Set<string> {
  return new Set(batches.map((b) => b.supersedes).filter((s): s is string => s !== null));
}

/**
 * Loads batch files not yet in the database: from the engine cache when it holds them (stamped with the batch file's
 * SHA-256 in the manifest; shared/db/engine-cache.ts), else from the Arrow files, checked against the manifest, then
 * saved to the cache. Returns how many were loaded from their Arrow files.
 */
export async function loadBatches(db: Database, ws: Workspace, onProgress?: (done: number, total: number) => void, cache?: EngineCache): Promise<number> {
  const present = new Set((await db.query(`SELECT table_name FROM information_schema.tables`)).getChild('table_name')!.toArray() as string[]);
  const batches = ws.manifest.batches;
  let loaded = 0;
  for (const [i, b] of batches.entries()) {
    const tables = batchTables(b);
    const missing = tables.filter((t) => !present.has(t));
    if (missing.length && !(cache && missing.length === tables.length && (await cache.attach(db, b.id, b.data_sha256, tables)))) {
      if (!present.has(batchTable(b.id))) {
        await db.insertArrowIPC(batchTable(b.id), await ws.readBatchData(b), 'create');
        loaded++;
      }
      const quarantine = b.quarantine_file && !present.has(quarantineTable(b.id)) ? await ws.store.read(b.quarantine_file) : null;
      if (quarantine) await db.insertArrowIPC(quarantineTable(b.id), quarantine, 'create');
      if (cache && (!b.quarantine_file || quarantine)) await cache.save(db, b.id, b.data_sha256, tables);
    }
    onProgress?.(i + 1, batches.length);
  }
  return loaded;
}

/**
 * The statements of the views computed from every row (the ones an engine file may keep materialised:
 * derived-tables.ts), by view name. `vocabularies` null: values as written and no `<field>_raw` columns (defineViews).
 */
export function derivedViewsSql(vocabularies: Vocabularies | null): Record<(typeof MATERIALISED_VIEWS)[number], string> {
  // Region, form and main drug read through the vocabularies; the value as written kept beside them (<field>_raw).
  const term = (f: string) => `(SELECT canonical FROM ws_term_map t WHERE t.field = ${sqlString(f)} AND t.raw = written.${sqlIdent(f)})`;
  return {
    samples: `
    WITH written AS (
      SELECT * EXCLUDE (rn, line) RENAME (batch_id AS metadata_batch) FROM (
        SELECT *, row_number() OVER (PARTITION BY sample_id ORDER BY batch_id DESC) AS rn FROM ws_sample_rows) WHERE rn = 1),
    meta AS (${vocabularies === null ? 'SELECT * FROM written' : `
      SELECT written.* REPLACE (${VOCABULARY_FIELDS.map((f) => `COALESCE(${term(f)}, written.${sqlIdent(f)}) AS ${sqlIdent(f)}`).join(', ')}),
        ${VOCABULARY_FIELDS.map((f) => `written.${sqlIdent(f)} AS ${sqlIdent(`${f}_raw`)}`).join(', ')}
      FROM written`}),
    res AS (
      SELECT sample_id, count(*) AS n_measurements, count(*) FILTER (WHERE detected) AS n_detected,
             min(batch_id) AS results_batch, min(analysed_on) AS analysed_on
      FROM measurements GROUP BY sample_id)
    SELECT sample_id, meta.* EXCLUDE (sample_id), COALESCE(res.n_measurements, 0) AS n_measurements,
           COALESCE(res.n_detected, 0) AS n_detected, res.results_batch, res.analysed_on,
           meta.sample_id IS NOT NULL AS has_metadata, res.sample_id IS NOT NULL AS has_results
    FROM meta FULL OUTER JOIN res USING (sample_id)`,
    compounds: `
    SELECT d.compound, d.cas, d.role, d.synonyms, true AS in_dictionary,
           (SELECT count(*) FROM measurements m WHERE m.compound = d.compound) AS n_measurements
    FROM ws_dictionary d
    UNION ALL
    SELECT m.compound, NULL, 'unassigned', NULL, false, (SELECT count(*) FROM ws_result_rows r WHERE r.compound_raw = m.compound_raw)
    FROM ws_compound_map m WHERE m.role = 'unassigned' AND EXISTS (SELECT 1 FROM ws_result_rows r WHERE r.compound_raw = m.compound_raw)`,
    // Every written value of a field in the live metadata rows, with its term (NULL: no term names it; flagged, never
    // guessed) and its samples. Read from the rows themselves, not the samples view, so Home can count it cheaply.
    vocabulary_values: `
    ${VOCABULARY_FIELDS.map((f) => `SELECT ${sqlString(f)} AS field, r.${sqlIdent(f)} AS value, t.canonical, count(DISTINCT r.sample_id) AS samples
      FROM ws_sample_rows r LEFT JOIN ws_term_map t ON t.field = ${sqlString(f)} AND t.raw = r.${sqlIdent(f)}
      WHERE r.${sqlIdent(f)} IS NOT NULL GROUP BY ALL`).join('\n    UNION ALL\n    ')}`,
    // Values refused into quarantine from a live results batch and not imported since: missing, not "not detected".
    // A long row names its compound; a wide row (compound NULL) is missing whole. Files quarantined before the sample
    // and compound were recorded name neither and cannot be matched (sample_id NULL).
    missing_values: `
    SELECT q.sample_id, COALESCE(m.compound, q.compound_raw) AS compound, q.batch_id, q.line,
           string_agg(DISTINCT q.reason, '; ') AS reason, any_value(q.value) AS value
    FROM quarantine q JOIN ws_batches b ON b.batch_id = q.batch_id AND b.kind = 'results' AND b.superseded_by IS NULL
    LEFT JOIN ws_compound_map m ON m.compound_raw = q.compound_raw
    WHERE q.sample_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM measurements x WHERE x.sample_id = q.sample_id AND x.compound = COALESCE(m.compound, q.compound_raw))
    GROUP BY ALL`,
  };
}

/**
 * (Re)defines the views from the manifest, the compound dictionary and the controlled vocabularies (default: those in
 * force). `vocabularies` null: values as written and no `<field>_raw` columns, as before vocabularies existed, only to
 * compute again a report made then (sigwb verify of a manifest of schema 3 or earlier). `derived`: an attached engine
 * file's materialised views (derived-tables.ts), read instead of computing them when its key is the one of these
 * batches, dictionary and vocabularies. Says which it did.
 */
export async function defineViews(db: Database, ws: Workspace, dict: CompoundDictionary, vocabularies?: Vocabularies | null, derived?: DerivedSource | null): Promise<'materialised' | 'computed'> {
  const batches = ws.manifest.batches;
  const superseded = supersededIds(batches);
  const live = batches.filter((b) => !superseded.has(b.id));
  const supersededBy = new Map(batches.filter((b) => b.supersedes).map((b) => [b.supersedes as string, b.id]));
  const vocab = vocabularies === undefined ? await loadVocabularies(ws) : vocabularies;
  const statements = derivedViewsSql(vocab);
  const fromFile = derived && vocab !== null && derived.key === (await derivedKey(batches, dict, vocab, statements)) ? derived.alias : null;

  await replaceTable(db, 'ws_batches', buildIPC({
    batch_id: utf8Col(batches.map((b) => b.id)),
    kind: utf8Col(batches.map((b) => b.kind)),
    file_name: utf8Col(batches.map((b) => b.file_name)),
    file_size: f64Col(batches.map((b) => b.file_size)),
    file_sha256: utf8Col(batches.map((b) => b.file_sha256)),
    format: utf8Col(batches.map((b) => b.format)),
    profile: utf8Col(batches.map((b) => b.profile)),
    analyst: utf8Col(batches.map((b) => b.analyst)),
    imported_at: utf8Col(batches.map((b) => b.imported_at)),
    rows_read: f64Col(batches.map((b) => b.rows_read)),
    rows_imported: f64Col(batches.map((b) => b.rows_imported)),
    rows_quarantined: f64Col(batches.map((b) => b.rows_quarantined)),
    supersedes: utf8Col(batches.map((b) => b.supersedes)),
    superseded_by: utf8Col(batches.map((b) => supersededBy.get(b.id) ?? null)),
  }));

  const resultParts = [emptySelect(RESULT_COLUMNS), ...live.filter((b) => b.kind === 'results').map((b) => `SELECT * FROM ${sqlIdent(batchTable(b.id))}`)];
  await db.query(`CREATE OR REPLACE VIEW ws_result_rows AS ${unionByName(resultParts)}`);
  const sampleParts = [emptySelect(SAMPLE_COLUMNS), ...live.filter((b) => b.kind === 'samples').map((b) => `SELECT * FROM ${sqlIdent(batchTable(b.id))}`)];
  await db.query(`CREATE OR REPLACE VIEW ws_sample_rows AS ${unionByName(sampleParts)}`);
  const quarantineParts = [
    `SELECT CAST(NULL AS VARCHAR) AS file_name, ${emptySelect(QUARANTINE_COLUMNS).slice('SELECT '.length)}`,
    ...batches.filter((b) => b.quarantine_file).map((b) => `SELECT ${sqlString(b.file_name)} AS file_name, * FROM ${sqlIdent(quarantineTable(b.id))}`),
  ];
  await db.query(`CREATE OR REPLACE VIEW quarantine AS ${unionByName(quarantineParts)}`);

  if (fromFile) {
    // The maps as the engine file keeps them: computed from every row by the same code, for this very key.
    for (const m of MATERIALISED_MAPS) await db.query(`CREATE OR REPLACE TABLE ${sqlIdent(m)} AS SELECT * FROM ${sqlIdent(fromFile)}.${sqlIdent(DERIVED.table(m))}`);
    await defineDictionaryTable(db, dict);
  } else {
    await defineCompoundTables(db, dict);
    await defineTermTable(db, vocab);
  }

  await db.query(`CREATE OR REPLACE VIEW batches AS SELECT
      batch_id, kind, file_name, CAST(file_size AS BIGINT) AS file_size, file_sha256, format, profile, analyst,
      CAST(imported_at AS TIMESTAMP) AS imported_at, CAST(rows_read AS BIGINT) AS rows_read, CAST(rows_imported AS BIGINT) AS rows_imported,
      CAST(rows_quarantined AS BIGINT) AS rows_quarantined, supersedes, superseded_by
    FROM ws_batches`);

  await db.query(`CREATE OR REPLACE VIEW measurements AS SELECT
      r.sample_id, COALESCE(m.compound, r.compound_raw) AS compound, COALESCE(m.role, 'unassigned') AS role, r.area, r.detected,
      r.batch_id, r.line, r.compound_raw, r.nd_text, r.rt_min, r.unit, r.method, r.instrument, r.analysed_on
    FROM ws_result_rows r LEFT JOIN ws_compound_map m ON m.compound_raw = r.compound_raw`);
  for (const v of MATERIALISED_VIEWS) {
    await db.query(`CREATE OR REPLACE VIEW ${v} AS ${fromFile ? `SELECT * FROM ${sqlIdent(fromFile)}.${sqlIdent(DERIVED.table(v))}` : statements[v]}`);
  }
  return fromFile ? 'materialised' : 'computed';
}

/** Written value → term, per field, for every distinct value of the live sample rows (ws_term_map). O(values). */
async function defineTermTable(db: Database, vocabularies: Vocabularies | null): Promise<void> {
  const rows: { field: string; raw: string; canonical: string }[] = [];
  const lookup = vocabularies === null ? null : termLookup(vocabularies);
  for (const f of VOCABULARY_FIELDS) {
    if (lookup === null) break;
    const t = await db.query(`SELECT DISTINCT ${sqlIdent(f)} AS v FROM ws_sample_rows WHERE ${sqlIdent(f)} IS NOT NULL`);
    const col = t.getChild('v');
    for (let i = 0; i < t.numRows; i++) {
      const raw = String(col?.get(i));
      const canonical = lookup[f].get(normaliseTermKey(raw));
      if (canonical !== undefined) rows.push({ field: f, raw, canonical });
    }
  }
  await replaceTable(db, 'ws_term_map', buildIPC({ field: utf8Col(rows.map((r) => r.field)), raw: utf8Col(rows.map((r) => r.raw)), canonical: utf8Col(rows.map((r) => r.canonical)) }));
}

async function defineCompoundTables(db: Database, dict: CompoundDictionary): Promise<void> {
  const lookup = buildLookup(dict);
  // Quarantined rows' compounds too, so that a missing value is named as the dictionary names it.
  const raw = (await db.query(`SELECT DISTINCT compound_raw FROM (SELECT compound_raw FROM ws_result_rows UNION SELECT compound_raw FROM quarantine) WHERE compound_raw IS NOT NULL ORDER BY 1`)).getChild('compound_raw')!.toArray() as string[];
  const mapped = raw.map((r) => lookup.get(normaliseCompoundKey(r)));
  await replaceTable(db, 'ws_compound_map', buildIPC({
    compound_raw: utf8Col(raw),
    compound: utf8Col(raw.map((r, i) => mapped[i]?.name ?? r)),
    role: utf8Col(mapped.map((m) => m?.role ?? 'unassigned')),
  }));
  await defineDictionaryTable(db, dict);
}

/** The dictionary in force as a table (ws_dictionary), which the compounds view lists. O(dictionary). */
async function defineDictionaryTable(db: Database, dict: CompoundDictionary): Promise<void> {
  await replaceTable(db, 'ws_dictionary', buildIPC({
    compound: utf8Col(dict.compounds.map((c) => c.name)),
    cas: utf8Col(dict.compounds.map((c) => c.cas)),
    role: utf8Col(dict.compounds.map((c) => c.role)),
    synonyms: utf8Col(dict.compounds.map((c) => (c.synonyms.length ? c.synonyms.join('; ') : null))),
  }));
}

async function replaceTable(db: Database, name: string, ipc: Uint8Array): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${sqlIdent(name)}`);
  await db.insertArrowIPC(name, ipc, 'create');
}

/**
 * Loads every batch (through the host's engine cache when it has one) and defines the views: what opening a workspace
 * does. `vocabularies` as defineViews takes them (default: those in force, read here). Says whether the views computed
 * from every row were read materialised from the cache (derived-tables.ts) or computed.
 */
export async function openInDatabase(db: Database, ws: Workspace, dict: CompoundDictionary, onProgress?: (done: number, total: number) => void, cache?: EngineCache, vocabularies?: Vocabularies | null): Promise<'materialised' | 'computed'> {
  await loadBatches(db, ws, onProgress, cache);
  return defineViews(db, ws, dict, vocabularies, (await cache?.derived?.(db)) ?? null);
}

/** Saves batches just imported into the database (their tables, as loaded) to the engine cache, so the next open reads them from it. */
export async function cacheImportedBatches(db: Database, ws: Workspace, batchIds: readonly string[], cache: EngineCache): Promise<void> {
  for (const b of ws.manifest.batches) {
    if (!batchIds.includes(b.id)) continue;
    const tables = batchTables(b);
    await cache.save(db, b.id, b.data_sha256, tables);
  }
}
