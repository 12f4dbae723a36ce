/**
 * What the views compute from every row, materialised in the app's engine file (engine/workspace.duckdb, built by the
 * desktop host: node/db/workspace-engine-file.ts) so that an open does not compute it again: the `samples` view (its
 * per-sample aggregate of the measurements, its vocabulary terms), `compounds` (measurements per compound),
 * `missing_values`, `vocabulary_values`, and the compound and term maps the views join (the distinct raw compounds and
 * written values of every row). Each is the table the view's own statement gives, computed by the same DuckDB build.
 *
 * They are kept under a key, the SHA-256 of everything they are computed from: the live batches (id, kind, SHA-256,
 * quarantine file, what each supersedes), the compound dictionary and the vocabularies in force, and the views'
 * statements. An open computes the key from its own manifest, dictionary and vocabularies and reads the tables only
 * when the file's stamp names it; anything else (a batch added, the dictionary or a vocabulary edited, another
 * version of the statements) gives another key, and the views are computed from the batches as before. The batches
 * stay the record.
 */
import { sqlIdent, sqlString, type Database } from './Database';
import type { CompoundDictionary } from '../domain/compound-dictionary';
import type { Vocabularies } from '../domain/vocabulary';
import type { BatchRecord } from '../workspace/manifest';
import { sha256Hex } from '../util/sha256';
import { utf8 } from '../util/text';

export const DERIVED = {
  format: 'signature-workbench/derived-tables',
  /** Bumped when what the tables mean changes in a way the statements do not show (the maps are built in TypeScript). */
  version: 1,
  stampTable: 'derived_stamp',
  /** The name a view or map is kept under in the engine file. */
  table: (name: string) => `derived_${name}`,
} as const;

/** The public views kept materialised (each replaced by a view over its table when the key matches). */
export const MATERIALISED_VIEWS = ['samples', 'compounds', 'missing_values', 'vocabulary_values'] as const;
/** The helper tables the views join, computed from every row on open (copied from the engine file when the key matches). */
export const MATERIALISED_MAPS = ['ws_compound_map', 'ws_term_map'] as const;

/** Where an open may read the derived tables: the attached engine file's alias and the key its stamp names. */
export interface DerivedSource {
  alias: string;
  key: string;
}

/**
 * The key of the derived tables for these batches, dictionary and vocabularies, computed by `statements` (the views'
 * SQL: workspace-views.ts derivedViewsSql). SHA-256 hex.
 */
export async function derivedKey(batches: readonly BatchRecord[], dictionary: CompoundDictionary, vocabularies: Vocabularies, statements: Readonly<Record<string, string>>): Promise<string> {
  const inputs = {
    format: DERIVED.format,
    version: DERIVED.version,
    batches: batches.map((b) => [b.id, b.kind, b.data_sha256, b.quarantine_file, b.supersedes]),
    dictionary,
    vocabularies,
    statements,
  };
  return sha256Hex(utf8(JSON.stringify(inputs)));
}

/** SQL that copies the views and maps as computed in this database into the attached engine file `alias`, stamped with `key`. */
export function derivedSaveStatements(alias: string, key: string): string[] {
  return [
    ...[...MATERIALISED_VIEWS, ...MATERIALISED_MAPS].map((v) => `CREATE TABLE ${sqlIdent(alias)}.${sqlIdent(DERIVED.table(v))} AS SELECT * FROM ${sqlIdent(v)}`),
    `CREATE TABLE ${sqlIdent(alias)}.${DERIVED.stampTable} AS SELECT ${sqlString(DERIVED.format)} AS format, ${DERIVED.version} AS version, ${sqlString(key)} AS key`,
  ];
}

/**
 * The key the attached engine file `alias` keeps its derived tables under, or null when it holds none of this format
 * and version or lacks one of them (`tables`: the tables it holds).
 */
export async function readDerivedKey(db: Database, alias: string, tables: ReadonlySet<string>): Promise<string | null> {
  if (!tables.has(DERIVED.stampTable) || ![...MATERIALISED_VIEWS, ...MATERIALISED_MAPS].every((v) => tables.has(DERIVED.table(v)))) return null;
  const t = await db.query(`SELECT format, version, key FROM ${sqlIdent(alias)}.${DERIVED.stampTable}`);
  if (t.numRows !== 1) return null;
  const row = t.get(0)!.toJSON() as { format: string; version: number; key: string };
  return row.format === DERIVED.format && Number(row.version) === DERIVED.version ? row.key : null;
}
