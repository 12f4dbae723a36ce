/**
 * User SQL (the SQL console, `sigwb query`, the SQL of a selection): exactly one statement, which DuckDB's own
 * parser reads as a SELECT, run on a confined engine (shared/db/confinement.ts) with a time limit and Cancel.
 *
 * How "one SELECT" is decided by the engine, measured in duckdb-wasm 1.32 (DuckDB 1.4.3): its JavaScript API
 * exposes neither a prepared statement's type nor the statement splitter, and `json_serialize_sql` lives in the
 * json extension, which an offline workstation cannot load. What it has is prepare, and DuckDB's prepare refuses
 * several statements ("Cannot prepare multiple statements at once") and none ("No statement to prepare"). So:
 *   1. `SELECT * FROM (\n<sql>\n)` must prepare: DuckDB's grammar admits only a query there (SELECT, WITH, FROM,
 *      VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE); COPY, ATTACH, EXPORT, LOAD, SET, PRAGMA, CALL, INSERT … and
 *      WITH … INSERT are syntax errors inside the parentheses, and a `;` there splits it into several statements.
 *   2. `<sql>` itself must prepare as one statement; it is what runs, so that the result keeps its column
 *      names and order. The same text parses the same way, so the statement that runs is the one checked.
 * Native DuckDB (@duckdb/node-api) prepares the same way, so the check holds whichever engine runs.
 */
import type { Table } from 'apache-arrow';
import type { Database } from './Database';
import { checkConfined, settingSql } from './confinement';

/** Defaults of user SQL. */
export const USER_SQL_DEFAULTS = {
  /** Longest a user statement may run before the engine is told to stop it, in seconds. */
  timeLimitSeconds: 60,
  /**
   * Rows of a result the app's SQL console keeps (runUserSqlCapped): a window holds them in memory, shows them and
   * copies them as CSV without freezing; `sigwb query` writes every row.
   */
  consoleRows: 10_000,
} as const;

export interface UserSqlOptions {
  /** Seconds; default USER_SQL_DEFAULTS.timeLimitSeconds. */
  timeLimitSeconds?: number;
  /** Cancel: the engine interrupts the statement when it fires. */
  signal?: AbortSignal;
}

/** Why user SQL did not give a result: refused before running, an engine error, or stopped (time limit, Cancel). */
export class UserSqlError extends Error {
  override name = 'UserSqlError';
  constructor(
    readonly kind: 'refused' | 'error' | 'time-limit' | 'cancelled',
    message: string,
  ) {
    super(message);
  }
}

const READING = 'SELECT, WITH, FROM, VALUES, TABLE, DESCRIBE, SHOW or SUMMARIZE';

/** The engine's message, first line, without its LINE/caret lines. */
function engineMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
}

async function prepareError(db: Database, sql: string): Promise<string | null> {
  try {
    await db.prepare(sql);
    return null;
  } catch (e) {
    return engineMessage(e);
  }
}

function firstWord(sql: string): string {
  const m = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*([A-Za-z_]+)/.exec(sql);
  return m ? m[1].toUpperCase() : '';
}

/**
 * Checks with the engine's parser that `sql` is exactly one reading statement; returns the statement to run
 * (trailing semicolons and spaces removed). Throws UserSqlError ('refused' or 'error') saying why not.
 */
export async function checkOneSelect(db: Database, sql: string): Promise<string> {
  const statement = sql.replace(/[\s;]+$/, '');
  if (statement.trim() === '') throw new UserSqlError('refused', 'the statement is empty');
  const wrapped = await prepareError(db, `SELECT * FROM (\n${statement}\n)`);
  const alone = await prepareError(db, statement);
  if (wrapped === null && alone === null) return statement;
  if (alone !== null && /multiple statements/i.test(alone)) {
    const pivot = firstWord(statement) === 'PIVOT' ? ' (a PIVOT without an IN list counts as several: list the values, ON column IN (…))' : '';
    throw new UserSqlError('refused', `one statement at a time: DuckDB reads several here${pivot}`);
  }
  if (alone !== null && /no statement/i.test(alone)) throw new UserSqlError('refused', 'the statement is empty');
  const parser = (m: string | null) => m !== null && /^Parser Error/i.test(m);
  // A query with an error of its own (syntax, unknown column, a file it may not read): the engine's words.
  if (wrapped === null || parser(alone) || (alone !== null && !parser(wrapped))) throw new UserSqlError('error', alone ?? wrapped ?? '');
  if (alone === null && !parser(wrapped)) throw new UserSqlError('error', wrapped);
  // One statement that DuckDB's grammar does not admit as a query: COPY, ATTACH, SET, PRAGMA, INSERT …
  const word = firstWord(statement);
  throw new UserSqlError('refused', `only a reading statement (${READING}) may run; DuckDB's parser does not read this one as a query${word ? ` (it starts with ${word})` : ''}`);
}

/** Reads a setting back from the engine, as text. */
async function readSetting(db: Database, name: 'enable_external_access' | 'lock_configuration'): Promise<string> {
  const t = await db.query(settingSql(name));
  return String(t.getChild('v')?.get(0));
}

/** Throws UserSqlError('refused') unless the engine reports itself confined. */
export async function assertConfined(db: Database): Promise<void> {
  try {
    await checkConfined((name) => readSetting(db, name));
  } catch (e) {
    throw new UserSqlError('refused', engineMessage(e));
  }
}

/**
 * Runs one user statement: the engine must be confined, the text one reading statement (checkOneSelect); stopped
 * by the engine after `timeLimitSeconds` (default 60 s) or when `signal` fires. Throws UserSqlError.
 */
export async function runUserSql(db: Database, sql: string, options: UserSqlOptions = {}): Promise<Table> {
  await assertConfined(db);
  return runChecked(db, await checkOneSelect(db, sql), options);
}

/** A result cut to its first rows, and whether the statement gave more. */
export interface CappedResult {
  table: Table;
  /** The most rows kept (the cap). */
  cap: number;
  /** True when the statement gave more rows than `cap`: `table` holds the first `cap` of them. */
  more: boolean;
}

/**
 * As runUserSql, keeping at most `cap` rows (default USER_SQL_DEFAULTS.consoleRows = 10,000): the engine stops at
 * cap + 1 rows (`SELECT * FROM (<statement>) LIMIT cap + 1`, the form checkOneSelect already had DuckDB prepare, which
 * keeps the statement's row order), so a statement of millions of rows neither fills the window's memory nor is cut
 * without saying so. Columns that share a name come back renamed by DuckDB (`a`, `a_1`).
 */
export async function runUserSqlCapped(db: Database, sql: string, options: UserSqlOptions & { cap?: number } = {}): Promise<CappedResult> {
  const cap = options.cap ?? USER_SQL_DEFAULTS.consoleRows;
  if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`the row cap is a whole number above 0 (got ${cap})`);
  await assertConfined(db);
  const statement = await checkOneSelect(db, sql);
  const table = await runChecked(db, `SELECT * FROM (\n${statement}\n) LIMIT ${cap + 1}`, options);
  return table.numRows > cap ? { table: table.slice(0, cap), cap, more: true } : { table, cap, more: false };
}

/** Runs a statement already checked, with the time limit and Cancel of `options`. */
async function runChecked(db: Database, statement: string, options: UserSqlOptions): Promise<Table> {
  const seconds = options.timeLimitSeconds ?? USER_SQL_DEFAULTS.timeLimitSeconds;
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), seconds * 1000);
  const signal = options.signal ? AbortSignal.any([options.signal, limit.signal]) : limit.signal;
  try {
    return await db.queryStoppable(statement, signal);
  } catch (e) {
    if (options.signal?.aborted) throw new UserSqlError('cancelled', 'the statement was cancelled');
    if (limit.signal.aborted) throw new UserSqlError('time-limit', `the statement was stopped after the time limit of ${seconds} s`);
    throw new UserSqlError('error', engineMessage(e));
  } finally {
    clearTimeout(timer);
  }
}
