/**
 * The renderer's database: duckdb-wasm running in its own Web Worker (AsyncDuckDB), so that SQL never
 * blocks the UI. Implements shared/db/Database.ts; confined on open (shared/db/confinement.ts: no file, URL,
 * OPFS file, registered buffer or extension is reachable from SQL; the configuration is locked).
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Database } from '../../shared/db/Database';
import { confineDatabase, settingSql, type ConfinementOptions } from '../../shared/db/confinement';
import { concatBytes } from '../../shared/util/bytes';
import { yieldToEventLoop } from '../../shared/util/yield-to-event-loop';
import { decodeIpcInSlices } from './decode-ipc';
import { LOCAL_BUNDLES } from './duckdb-bundles';

/** Result bytes above which decoding waits for a task of its own (about 10 ms of decoding). */
const LARGE_RESULT = 1 << 20;

/**
 * A large result is decoded in tasks of its own (a few record batches each), not in the one that goes on to use it;
 * a small one at once.
 */
async function decode(bytes: Uint8Array): Promise<Table> {
  if (bytes.byteLength <= LARGE_RESULT) return tableFromIPC(bytes);
  await yieldToEventLoop();
  return decodeIpcInSlices(bytes);
}

/**
 * Starts the engine worker, opens and confines the database, and opens two connections (the app's, the user's).
 * `allowedDirectories`: virtual folders of registered buffers it may attach from once confined (the app's engine file,
 * ENGINE.virtualDir in shared/db/engine-cache.ts); default none.
 */
export async function openWorkerDatabase(options: ConfinementOptions = {}): Promise<Database> {
  const bundle = await duckdb.selectBundle(LOCAL_BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  const run = async (sql: string): Promise<Table> => {
    // Through IPC bytes, so that tables belong to this bundle's one copy of apache-arrow.
    const bytes = await conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql));
    return decode(bytes);
  };
  await confineDatabase(run, async (name) => String((await run(settingSql(name))).getChild('v')?.get(0)), options);
  // User SQL runs on a connection of its own, so that stopping it never disturbs the views' own queries.
  const user = await db.connect();
  return {
    query: run,
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
    async prepare(sql) {
      const id = await user.useUnsafe((bindings, c) => bindings.createPrepared(c, sql));
      await user.useUnsafe((bindings, c) => bindings.closePrepared(c, id));
    },
    async queryStoppable(sql, signal) {
      // Each poll is one message to the worker, which runs the statement's tasks for about 100 ms.
      let header = await user.useUnsafe((bindings, c) => bindings.startPendingQuery(c, sql, false));
      while (header === null) {
        if (signal.aborted) {
          await user.useUnsafe((bindings, c) => bindings.cancelPendingQuery(c));
          throw signal.reason;
        }
        header = await user.useUnsafe((bindings, c) => bindings.pollPendingQuery(c));
      }
      const parts = [header];
      for (;;) {
        const chunk = await user.useUnsafe((bindings, c) => bindings.fetchQueryResults(c));
        // null: the next chunk is not ready yet (streamed results only; these are materialised).
        if (chunk === null) continue;
        if (chunk.length === 0) break;
        parts.push(chunk);
      }
      return decode(concatBytes(parts));
    },
    async close() {
      await user.close();
      await conn.close();
      await db.terminate();
    },
  };
}
