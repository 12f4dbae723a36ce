/**
 * Engine state kept beside the batches, so that a workspace opens without loading every batch again: for each batch
 * file, a DuckDB database file (engine/B0001.duckdb) holding its rows as loaded, stamped with the SHA-256 of the batch
 * file they came from. The batches stay the record: a stamp that does not name the manifest's SHA-256 of the batch,
 * a file DuckDB cannot read (a newer storage version, a failed block checksum) or a missing one means the batch is
 * loaded from its Arrow file again (checked against the manifest, as before) and its engine file written anew.
 * Engine files are a cache: never audited, never exported, safe to delete (the next open rebuilds them).
 *
 * Hosts implement EngineCache: node/db/node-engine-cache.ts for the CLI (a file per batch, attached from disk), and
 * the app's (shared/db/workspace-engine-cache.ts): one file holding every batch, engine/workspace.duckdb, which the
 * desktop host builds with native DuckDB (node/db/workspace-engine-file.ts) and the renderer's duckdb-wasm attaches
 * from the bytes the host reads (one attach instead of one per batch). The web build has none: duckdb-wasm 1.32 cannot
 * hand back a database file it wrote (docs/LINKING.md), so it loads the batches as before.
 */
import { sqlIdent, sqlString, type Database } from './Database';
import type { DerivedSource } from './derived-tables';

/** Layout and stamp of the engine files. */
export const ENGINE = {
  dir: 'engine',
  file: (key: string) => `engine/${key}.duckdb`,
  stampTable: 'engine_stamp',
  format: 'signature-workbench/engine-state',
  /** Bumped when what an engine file holds changes; older files are rebuilt. */
  version: 1,
  /** The app's engine file: every batch's tables, and a stamp row per batch (key, format, version, source). */
  workspaceFile: 'engine/workspace.duckdb',
  /**
   * The folder duckdb-wasm sees the app's engine file in (a registered buffer, not a file system): the one folder its
   * confined database may attach from (allowed_directories).
   */
  virtualDir: '/engine/',
} as const;

/** What an engine file says it was built from. */
export interface EngineStamp {
  format: string;
  version: number;
  /** The SHA-256 of the source (the batch file, and its quarantine file after a colon when there is one). */
  source: string;
}

export interface EngineCache {
  /**
   * Makes `tables` readable under their names from engine/<key>.duckdb when it holds `source` (a view over the
   * attached file per table); false, having changed nothing, when the file is missing, stale or unreadable.
   */
  attach(db: Database, key: string, source: string, tables: readonly string[]): Promise<boolean>;
  /** Writes the database's `tables` as engine/<key>.duckdb stamped with `source` (atomically; errors are not fatal). */
  save(db: Database, key: string, source: string, tables: readonly string[]): Promise<void>;
  /**
   * The views computed from every row, kept materialised (shared/db/derived-tables.ts) where the open may read them,
   * with the key they were computed under; null or absent when the cache keeps none (the CLI's, a file without them).
   */
  derived?(db: Database): Promise<DerivedSource | null>;
}

/** The alias an engine file is attached under. */
export const engineAlias = (key: string): string => `engine_${key}`;

/** SQL that writes the stamp and copies `tables` into the attached database `alias`. */
export function engineSaveStatements(alias: string, source: string, tables: readonly string[]): string[] {
  return [
    `CREATE TABLE ${sqlIdent(alias)}.${ENGINE.stampTable} AS SELECT ${sqlString(ENGINE.format)} AS format, ${ENGINE.version} AS version, ${sqlString(source)} AS source`,
    ...tables.map((t) => `CREATE TABLE ${sqlIdent(alias)}.${sqlIdent(t)} AS SELECT * FROM ${sqlIdent(t)}`),
  ];
}

/** True when the attached engine file's stamp names `source` at this format version. */
export async function stampMatches(db: Database, alias: string, source: string): Promise<boolean> {
  const t = await db.query(`SELECT format, version, source FROM ${sqlIdent(alias)}.${ENGINE.stampTable}`);
  if (t.numRows !== 1) return false;
  const row = t.get(0)!.toJSON() as { format: string; version: number; source: string };
  return row.format === ENGINE.format && Number(row.version) === ENGINE.version && row.source === source;
}

/** Views named as the tables, over the attached file `alias`. */
export async function defineEngineViews(db: Database, alias: string, tables: readonly string[]): Promise<void> {
  for (const t of tables) await db.query(`CREATE OR REPLACE VIEW ${sqlIdent(t)} AS SELECT * FROM ${sqlIdent(alias)}.${sqlIdent(t)}`);
}

/** A batch's key and the SHA-256 its tables came from, as the app's engine file stamps them. */
export interface EngineStampRow {
  key: string;
  format: string;
  version: number;
  source: string;
}

/** SQL that creates the app's engine file's stamp table in the attached database `alias`. */
export function workspaceStampTableSql(alias: string): string {
  return `CREATE TABLE ${sqlIdent(alias)}.${ENGINE.stampTable} (key VARCHAR, format VARCHAR, version INTEGER, source VARCHAR)`;
}

/** SQL that copies one batch's `tables` into the app's engine file `alias` and stamps them with `source`. */
export function workspaceSaveStatements(alias: string, key: string, source: string, tables: readonly string[]): string[] {
  return [
    ...tables.map((t) => `CREATE TABLE ${sqlIdent(alias)}.${sqlIdent(t)} AS SELECT * FROM ${sqlIdent(t)}`),
    `INSERT INTO ${sqlIdent(alias)}.${ENGINE.stampTable} VALUES (${sqlString(key)}, ${sqlString(ENGINE.format)}, ${ENGINE.version}, ${sqlString(source)})`,
  ];
}

/** The stamp rows of the app's engine file attached as `alias`, by batch key (only rows of this format and version). */
export async function readWorkspaceStamps(db: Database, alias: string): Promise<Map<string, string>> {
  const t = await db.query(`SELECT key, format, version, source FROM ${sqlIdent(alias)}.${ENGINE.stampTable}`);
  const stamps = new Map<string, string>();
  for (const row of t.toArray() as EngineStampRow[]) {
    if (row.format === ENGINE.format && Number(row.version) === ENGINE.version) stamps.set(row.key, row.source);
  }
  return stamps;
}

/** The tables the attached database `alias` holds (its main schema). */
export async function attachedTables(db: Database, alias: string): Promise<Set<string>> {
  const t = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_catalog = ${sqlString(alias)} AND table_schema = 'main'`);
  return new Set(t.getChild('table_name')!.toArray() as string[]);
}
