/**
 * The renderer's database: duckdb-wasm running in its own Web Worker (AsyncDuckDB), so that SQL never
 * blocks the UI. Implements shared/db/Database.ts; extension autoloading is off on its connection.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { tableFromIPC, type Table } from 'apache-arrow';
import { CONNECTION_SETUP, type Database } from '../../shared/db/Database';
import { yieldToEventLoop } from '../../shared/util/yield-to-event-loop';
import { LOCAL_BUNDLES } from './duckdb-bundles';

/** Result bytes above which decoding waits for a task of its own (about 10 ms of decoding). */
const LARGE_RESULT = 1 << 20;

/** Starts the engine worker and opens one connection. */
export async function openWorkerDatabase(): Promise<Database> {
  const bundle = await duckdb.selectBundle(LOCAL_BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  for (const s of CONNECTION_SETUP) await conn.query(s);
  return {
    async query(sql: string): Promise<Table> {
      // Through IPC bytes, so that tables belong to this bundle's one copy of apache-arrow.
      const bytes = await conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql));
      // A large result is decoded in a task of its own, not in the one that goes on to use it.
      if (bytes.byteLength > LARGE_RESULT) await yieldToEventLoop();
      return tableFromIPC(bytes);
    },
    async insertArrowIPC(table, bytes, mode) {
      await conn.insertArrowFromIPCStream(bytes, { name: table, create: mode === 'create' });
    },
    async registerFile(name, bytes) {
      await db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async cancel() {
      await conn.cancelSent();
    },
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
}
