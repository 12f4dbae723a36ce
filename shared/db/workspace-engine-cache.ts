/**
 * The app's engine cache (shared/db/engine-cache.ts): one DuckDB file holding every batch's tables as loaded, with a
 * stamp row per batch naming the SHA-256 of the batch file they came from (engine/workspace.duckdb, built by the
 * desktop host with native DuckDB: node/db/workspace-engine-file.ts). The renderer reads its bytes through the host,
 * registers them under ENGINE.virtualDir (the one folder its confined duckdb-wasm may attach from) and attaches the
 * file once, read-only; each batch whose stamp names the manifest's SHA-256 is read from it, any other batch from its
 * Arrow file as before. A file that is missing, cut short (its headers checked first: duckdb-file.ts), unreadable or of
 * another format is ignored whole. Nothing is trusted without its stamp, and the cache never writes: the host rebuilds
 * the file from the workspace's own files. The file also keeps the views computed from every row, materialised under
 * the key of their inputs (shared/db/derived-tables.ts): the open reads them when the key is the one of its batches,
 * dictionary and vocabularies, and computes them otherwise.
 */
import { sqlIdent, sqlString, type Database } from './Database';
import { duckdbFileProblem } from './duckdb-file';
import { attachedTables, defineEngineViews, ENGINE, readWorkspaceStamps, type EngineCache } from './engine-cache';
import { readDerivedKey } from './derived-tables';

/** The alias the app's engine file is attached under. */
export const WORKSPACE_ENGINE_ALIAS = 'engine_workspace';

/** What an open found in the app's engine file. */
export interface WorkspaceEngineUse {
  /** Batches read from the engine file. */
  cached: number;
  /** Batches not in it, or stamped with another SHA-256 (loaded from their Arrow files). */
  stale: number;
  /** Why the file was not used at all (missing, unreadable), or null when it was attached. */
  unused: string | null;
}

export interface WorkspaceEngineCache extends EngineCache {
  /** What the open found so far. */
  readonly use: WorkspaceEngineUse;
}

/**
 * An EngineCache over the app's engine file, whose bytes `read` gives (null when the host keeps none). The file is read
 * and attached at the first batch asked for; `save` records the batch as stale (the host rebuilds the file). `onStep`
 * is told when the bytes are registered with the engine and when the file is attached (the app's open marks them).
 */
export function workspaceEngineCache(read: () => Promise<Uint8Array | null>, onStep?: (step: 'registered' | 'attached') => void): WorkspaceEngineCache {
  const use: WorkspaceEngineUse = { cached: 0, stale: 0, unused: null };
  let opened: Promise<{ stamps: Map<string, string>; tables: Set<string>; derived: string | null } | null> | null = null;

  const open = async (db: Database) => {
    const bytes = await read().catch(() => null);
    if (bytes === null || bytes.byteLength === 0) {
      use.unused = 'no engine file';
      return null;
    }
    // Checked before the engine sees it: duckdb-wasm can hang on a file cut short (duckdb-file.ts).
    const problem = duckdbFileProblem(bytes);
    if (problem !== null) {
      use.unused = `unreadable engine file (${problem})`;
      return null;
    }
    const name = `${ENGINE.virtualDir}workspace.duckdb`;
    try {
      await db.registerFile(name, bytes);
      onStep?.('registered');
      await db.query(`ATTACH ${sqlString(name)} AS ${sqlIdent(WORKSPACE_ENGINE_ALIAS)} (READ_ONLY)`);
      onStep?.('attached');
    } catch (e) {
      // Not a DuckDB file of this storage version, or damaged: every batch is loaded from its Arrow file.
      use.unused = `unreadable engine file (${(e as Error).message.split('\n')[0]})`;
      await db.dropFile(name).catch(() => undefined);
      return null;
    }
    try {
      const tables = await attachedTables(db, WORKSPACE_ENGINE_ALIAS);
      return { stamps: await readWorkspaceStamps(db, WORKSPACE_ENGINE_ALIAS), tables, derived: await readDerivedKey(db, WORKSPACE_ENGINE_ALIAS, tables) };
    } catch (e) {
      use.unused = `engine file without a stamp (${(e as Error).message.split('\n')[0]})`;
      await db.query(`DETACH ${sqlIdent(WORKSPACE_ENGINE_ALIAS)}`).catch(() => undefined);
      return null;
    }
  };

  return {
    use,
    async attach(db, key, source, tables) {
      opened ??= open(db);
      const file = await opened;
      if (file === null || file.stamps.get(key) !== source || !tables.every((t) => file.tables.has(t))) {
        use.stale++;
        return false;
      }
      await defineEngineViews(db, WORKSPACE_ENGINE_ALIAS, tables);
      use.cached++;
      return true;
    },
    async save() {
      // The batch was loaded from its Arrow file: counted in `stale` by attach; the host rebuilds the file.
    },
    async derived(db) {
      opened ??= open(db);
      const file = await opened;
      return file?.derived ? { alias: WORKSPACE_ENGINE_ALIAS, key: file.derived } : null;
    },
  };
}
