/**
 * Native DuckDB (@duckdb/node-api, DuckDB v1.4.3, the build duckdb-wasm 1.32 embeds) behind the workbench's Database
 * interface, for the Node hosts (CLI, Electron main process, tests). Chosen over duckdb-wasm in Node by measurement
 * (docs/LINKING.md, `npm run bench -- engine`): the wasm module costs ~3 CPU-seconds to compile on every start, the
 * native library ~0.03 s, and native scans run several times faster.
 *
 * One dialect, identical results: every connection runs single-threaded (duckdb-wasm is; a parallel aggregate adds
 * doubles in a different order and would change last bits, and reports must verify bit for bit), in UTC (the native
 * build carries ICU, which would otherwise take the machine's time zone), with extension autoloading off as in the
 * app (CONNECTION_SETUP). Results come back as Arrow tables typed as duckdb-wasm types them (native-results.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBPendingResultState, type DuckDBConnection, type DuckDBMaterializedResult } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import { CONNECTION_SETUP, sqlString, type Database } from '../../shared/db/Database';
import { confineDatabase, settingSql } from '../../shared/db/confinement';
import { insertArrowTable } from './native-insert';
import { resultToTable } from './native-results';

/** Settings that make the native engine answer as duckdb-wasm does (see the module doc). */
export const NATIVE_SETUP = ['SET threads = 1', "SET TimeZone = 'UTC'", "SET Calendar = 'gregorian'"] as const;

export interface NativeDatabase extends Database {
  /** The connection, for host code that needs more than the Database interface (appenders, ATTACH). */
  readonly connection: DuckDBConnection;
}

export interface NativeDatabaseOptions {
  /** A database file to open (default: in memory). */
  path?: string;
  readOnly?: boolean;
  /** Folders the host reaches through SQL once confined (the engine cache), shared/db/confinement.ts. Default none. */
  allowedDirectories?: readonly string[];
  /**
   * Leaves DuckDB's file access on (no confinement): only for host code that reads or writes files through SQL and
   * never runs user SQL; user SQL refuses to run on such a database (shared/db/user-sql.ts). Default false.
   */
  fileAccess?: boolean;
}

/** Lets timers, signals and I/O run between steps of a statement. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Time a user statement runs between two looks at its signal, in ms. */
const STEP_MS = 50;

/** Opens a native DuckDB database with the settings above. */
export async function openNativeDatabase(options: NativeDatabaseOptions = {}): Promise<NativeDatabase> {
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', {
    autoload_known_extensions: 'false',
    autoinstall_known_extensions: 'false',
    threads: '1',
    ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
  });
  const conn = await instance.connect();
  // User SQL runs on a connection of its own, so that interrupting it never stops the workspace's own queries; both
  // are set up before the configuration is locked.
  const user = await instance.connect();
  for (const c of [conn, user]) for (const s of [...CONNECTION_SETUP, ...NATIVE_SETUP]) await c.run(s);
  if (!options.fileAccess) {
    const first = async (sql: string) => String(((await (await conn.run(sql)).getRowObjectsJson())[0] ?? {}).v);
    await confineDatabase((sql) => conn.run(sql), (name) => first(settingSql(name)), { allowedDirectories: options.allowedDirectories });
  }
  // Files registered by name (registerFile) live in a private folder DuckDB searches for relative names.
  let fileDir: string | null = null;
  return {
    connection: conn,
    async query(sql: string): Promise<Table> {
      return resultToTable(await conn.run(sql));
    },
    async insertArrowIPC(table, bytes, mode) {
      await insertArrowTable(conn, table, tableFromIPC(bytes), mode);
    },
    async registerFile(name, bytes) {
      // A confined engine reads no file, registered or not (shared/db/confinement.ts).
      if (!options.fileAccess) throw new Error(`files cannot be registered on a confined database (${name})`);
      if (fileDir === null) {
        fileDir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-files-'));
        await conn.run(`SET file_search_path = ${sqlString(fileDir)}`);
      }
      if (path.basename(name) !== name) throw new Error(`a registered file is named without folders: ${name}`);
      writeFileSync(path.join(fileDir, name), bytes);
    },
    async dropFile(name) {
      if (fileDir !== null) rmSync(path.join(fileDir, path.basename(name)), { force: true });
    },
    async cancel() {
      conn.interrupt();
    },
    async prepare(sql) {
      (await user.prepare(sql)).destroySync();
    },
    async queryStoppable(sql, signal) {
      const pending = await user.start(sql);
      let next = Date.now() + STEP_MS;
      for (;;) {
        const state = pending.runTask();
        if (state === DuckDBPendingResultState.RESULT_READY) break;
        if (Date.now() >= next) {
          await nextTurn();
          if (signal.aborted) {
            user.interrupt();
            // Let the interrupted task end before the connection is used again.
            await pending.getResult().catch(() => undefined);
            throw signal.reason;
          }
          next = Date.now() + STEP_MS;
        }
      }
      return resultToTable((await pending.getResult()) as DuckDBMaterializedResult);
    },
    async close() {
      user.closeSync();
      conn.closeSync();
      instance.closeSync();
      if (fileDir !== null) rmSync(fileDir, { recursive: true, force: true });
    },
  };
}
