/**
 * Confinement of the engine that runs user SQL (the SQL console, `sigwb query`, SQL selections of exports
 * and reports), enforced by DuckDB itself rather than by reading the text: a lexical check was passed by
 * `$$'$$`, `E'\''`, `"read_blob"(…)` and `FROM 'file.csv'` (issue 14).
 *
 * - `enable_external_access=false`: no file, URL, registered buffer, OPFS file or extension can be read,
 *   written, attached or loaded (measured in duckdb-wasm 1.32 / DuckDB 1.4.3: read_*, glob, `FROM 'x.csv'`,
 *   COPY … TO, EXPORT DATABASE, ATTACH and LOAD all fail with a Permission Error). The workspace's own data
 *   reaches the engine as Arrow IPC (insertArrowIPC), which this setting does not block.
 * - `lock_configuration=true`: no statement can change a setting afterwards (SET, RESET, PRAGMA setters).
 *
 * Both settings are database-wide in DuckDB, so they hold for every connection to the database: the engine
 * is confined as a whole, once, by `confineDatabase`, which every adapter calls on open (duckdb-wasm in
 * Node, in the app's worker, and any native DuckDB adapter). `assertConfined` reads the settings back from
 * the engine before each user statement, so that a database opened without confinement cannot run one.
 */
import { CONNECTION_SETUP, sqlString } from './Database';

/** The settings that confine the engine, in order: the lock last, since it forbids every later SET. */
export const CONFINEMENT_SETUP = ['SET enable_external_access=false', 'SET lock_configuration=true'] as const;

/** Runs one statement on a connection of the database being set up. */
export type RunStatement = (sql: string) => Promise<unknown> | unknown;

/** Reads one setting's value as text. */
export type ReadSetting = (name: 'enable_external_access' | 'lock_configuration') => Promise<string>;

export class NotConfinedError extends Error {
  override name = 'NotConfinedError';
}

export interface ConfinementOptions {
  /**
   * Folders the host itself keeps files in through SQL (the engine cache, engine/ of a workspace: ATTACH and its
   * writes), set as DuckDB's `allowed_directories` before access is turned off; nothing else is reachable, and
   * DuckDB refuses `..` out of them. What user SQL could do there is read: it runs only as a query. Default none.
   */
  allowedDirectories?: readonly string[];
}

/**
 * Applies the connection setup (no extension autoloading) and the confinement to a database, unless it is
 * already locked (a second connection of a confined database), then checks that both settings hold.
 */
export async function confineDatabase(run: RunStatement, read: ReadSetting, options: ConfinementOptions = {}): Promise<void> {
  if ((await read('lock_configuration')) !== 'true') {
    for (const s of CONNECTION_SETUP) await run(s);
    const dirs = options.allowedDirectories ?? [];
    // DuckDB allows changing the list only while external access is on: it goes first.
    if (dirs.length) await run(`SET allowed_directories = [${dirs.map((d) => sqlString(d.endsWith('/') ? d : `${d}/`)).join(', ')}]`);
    for (const s of CONFINEMENT_SETUP) await run(s);
  }
  await checkConfined(read);
}

/** Throws NotConfinedError unless the engine reports external access off and its configuration locked. */
export async function checkConfined(read: ReadSetting): Promise<void> {
  const access = await read('enable_external_access');
  const lock = await read('lock_configuration');
  if (access !== 'false' || lock !== 'true') {
    throw new NotConfinedError(`the database is not confined (enable_external_access=${access}, lock_configuration=${lock}): user SQL is not run on it`);
  }
}

/** The SQL that reads a setting back as text (one row, column `v`). */
export function settingSql(name: 'enable_external_access' | 'lock_configuration'): string {
  return `SELECT CAST(current_setting('${name}') AS VARCHAR) AS v`;
}
