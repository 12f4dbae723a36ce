/**
 * Engine state kept beside the batches, so that a workspace opens without loading every batch again: for each batch
 * file, a DuckDB database file (engine/B0001.duckdb) holding its rows as loaded, stamped with the SHA-256 of the batch
 * file they came from. The batches stay the record: a stamp that does not name the manifest's SHA-256 of the batch,
 * a file DuckDB cannot read (a newer storage version, a failed block checksum) or a missing one means the batch is
 * loaded from its Arrow file again (checked against the manifest, as before) and its engine file written anew.
 * Engine files are a cache: never audited, never exported, safe to delete (the next open rebuilds them).
 *
 * Hosts implement EngineCache (node/db/node-engine-cache.ts for the CLI and the Electron main process); the
 * browser host has none yet and loads the batches as before.
 */
import { sqlIdent, sqlString, type Database } from './Database';

/** Layout and stamp of the engine files. */
export const ENGINE = {
  dir: 'engine',
  file: (key: string) => `engine/${key}.duckdb`,
  stampTable: 'engine_stamp',
  format: 'signature-workbench/engine-state',
  /** Bumped when what an engine file holds changes; older files are rebuilt. */
  version: 1,
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
