/**
 * duckdb-wasm's blocking bindings in Node: the same engine and SQL as the app, for the CLI and the tests.
 * Plain Node module; no Electron API. The database is confined on open (shared/db/confinement.ts): no file,
 * URL or extension is reachable from SQL, and its configuration is locked.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, type Table } from 'apache-arrow';
import { CONNECTION_SETUP, sqlIdent, type Database } from '../../shared/db/Database';
import { confineDatabase, settingSql } from '../../shared/db/confinement';
import { concatBytes } from '../../shared/util/bytes';

const require = createRequire(import.meta.url);

function bundles(): duckdb.DuckDBBundles {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
  return {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
}

export interface NodeDatabaseOptions {
  /**
   * Leaves DuckDB's file readers on (no confinement). Only for benchmarks that compare with DuckDB's own CSV reader;
   * user SQL refuses to run on such a database (shared/db/user-sql.ts checks the engine's settings). Default false.
   */
  fileAccess?: boolean;
  /**
   * Virtual folders of registered buffers the host attaches from once confined (the app's engine file:
   * ENGINE.virtualDir), shared/db/confinement.ts. Default none.
   */
  allowedDirectories?: readonly string[];
}

/** Lets timers, signals and I/O run between two steps of a statement. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Opens an in-memory duckdb-wasm database in this process, confined, extension autoloading off. */
export async function openNodeDatabase(options: NodeDatabaseOptions = {}): Promise<Database> {
  const db = await duckdb.createDuckDB(bundles(), new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  const conn = db.connect();
  const run = (sql: string) => tableFromIPC(conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)));
  if (options.fileAccess) for (const s of CONNECTION_SETUP) run(s);
  else await confineDatabase(run, async (name) => String(run(settingSql(name)).getChild('v')?.get(0)), { allowedDirectories: options.allowedDirectories });
  // User SQL runs on a connection of its own, so that stopping it never disturbs the workspace's own queries.
  const user = db.connect();
  return {
    async query(sql: string): Promise<Table> {
      // Results pass through IPC bytes so that callers get tables of the project's own apache-arrow copy.
      return run(sql);
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
      // The workspace's own statements run to their end on this thread; long work is cut into statements and
      // checks its AbortSignal between them. User SQL is stopped through queryStoppable's signal.
    },
    async prepare(sql) {
      const id = user.useUnsafe((bindings, c) => bindings.createPrepared(c, sql));
      user.useUnsafe((bindings, c) => bindings.closePrepared(c, id));
    },
    async queryStoppable(sql, signal) {
      let header = user.useUnsafe((bindings, c) => bindings.startPendingQuery(c, sql, false));
      // Each poll runs the statement's tasks for about 100 ms (duckdb-wasm's polling interval).
      while (header === null) {
        await nextTurn();
        if (signal.aborted) {
          user.useUnsafe((bindings, c) => bindings.cancelPendingQuery(c));
          throw signal.reason;
        }
        header = user.useUnsafe((bindings, c) => bindings.pollPendingQuery(c));
      }
      const parts = [header];
      for (;;) {
        const chunk = user.useUnsafe((bindings, c) => bindings.fetchQueryResults(c));
        // null: the next chunk is not ready yet (streamed results only; these are materialised).
        if (chunk === null) continue;
        if (chunk.length === 0) break;
        parts.push(chunk);
      }
      return tableFromIPC(concatBytes(parts));
    },
    async close() {
      user.close();
      conn.close();
      await db.reset();
    },
  };
}
