/**
 * duckdb-wasm's blocking bindings in Node: the same engine and SQL as the app, for the CLI and the tests.
 * Plain Node module; no Electron API.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, type Table } from 'apache-arrow';
import { CONNECTION_SETUP, sqlIdent, type Database } from '../../shared/db/Database';

const require = createRequire(import.meta.url);

function bundles(): duckdb.DuckDBBundles {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
  return {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
}

/** Opens an in-memory duckdb-wasm database in this process, extension autoloading off. */
export async function openNodeDatabase(): Promise<Database> {
  const db = await duckdb.createDuckDB(bundles(), new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  const conn = db.connect();
  for (const s of CONNECTION_SETUP) conn.query(s);
  return {
    async query(sql: string): Promise<Table> {
      // Results pass through IPC bytes so that callers get tables of the project's own apache-arrow copy.
      return tableFromIPC(conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)));
    },
    async insertArrowIPC(table, bytes, mode) {
      conn.insertArrowFromIPCStream(bytes, { name: table, create: mode === 'create' });
      if (mode === 'create') conn.query(`SELECT 1 FROM ${sqlIdent(table)} LIMIT 0`);
    },
    async registerFile(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async cancel() {
      // The blocking bindings run each statement to its end on this thread; long work is cut into
      // statements and checks its AbortSignal between them.
    },
    async close() {
      conn.close();
      await db.reset();
    },
  };
}
