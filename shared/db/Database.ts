/**
 * The small database interface the data layer is written against. Two adapters implement it with the
 * same engine (duckdb-wasm): a Web Worker in the renderer (renderer/db/worker-database.ts) and the blocking
 * bindings in Node for the CLI and tests (node/db/node-database.ts). Results come back as Arrow.
 */
import type { Table } from 'apache-arrow';

export interface Database {
  /** Runs one statement and returns its result as an Arrow table. */
  query(sql: string): Promise<Table>;
  /** Creates or appends to a table from Arrow IPC stream or file bytes (IPC avoids Arrow-copy mismatches). */
  insertArrowIPC(table: string, bytes: Uint8Array, mode: 'create' | 'append'): Promise<void>;
  /** Makes bytes readable to SQL under a virtual file name (read_csv('name') …). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Asks the engine to stop the running statement, if it can. */
  cancel(): Promise<void>;
  /**
   * Parses and binds one statement without running it, on the connection that runs user SQL; throws the engine's
   * error (several statements: "Cannot prepare multiple statements at once", none: "No statement to prepare").
   */
  prepare(sql: string): Promise<void>;
  /**
   * Runs one statement on the connection that runs user SQL, in steps of about 100 ms, letting the event loop run
   * between steps; when `signal` fires the engine interrupts the statement and this throws `signal.reason`.
   */
  queryStoppable(sql: string, signal: AbortSignal): Promise<Table>;
  close(): Promise<void>;
}

/**
 * Settings applied on every connection. duckdb-wasm would otherwise try to download extensions (Parquet,
 * JSON) on first use: offline labs have no network, and in Node that download never returns.
 */
export const CONNECTION_SETUP = [
  'SET autoload_known_extensions=false',
  'SET autoinstall_known_extensions=false',
] as const;

/** SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** SQL identifier, always quoted. */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
