/**
 * The app's engine file, engine/workspace.duckdb (shared/db/workspace-engine-cache.ts), built by the desktop host with
 * native DuckDB from the workspace's own files, never from anything the renderer sends: the batches as the manifest
 * on disk names them, each read through the CLI's engine cache (engine/Bnnnn.duckdb, node/db/node-engine-cache.ts)
 * or loaded from its Arrow file, checked against the manifest's SHA-256, and the views computed from every row under
 * the dictionary and vocabularies in force (shared/db/derived-tables.ts). Written under a temporary name, fsynced and
 * renamed over the old file, so that a reader sees the old file or the new one.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { sqlIdent, sqlString, type Database } from '../../shared/db/Database';
import { attachedTables, ENGINE, readWorkspaceStamps, workspaceSaveStatements, workspaceStampTableSql } from '../../shared/db/engine-cache';
import { derivedKey, derivedSaveStatements, readDerivedKey } from '../../shared/db/derived-tables';
import { batchTables, defineViews, derivedViewsSql, loadBatches } from '../../shared/db/workspace-views';
import { loadDictionary } from '../../shared/domain/workspace-dictionary';
import { loadVocabularies } from '../../shared/domain/workspace-vocabulary';
import type { Workspace } from '../../shared/workspace/Workspace';
import { openNativeDatabase } from './native-database';
import { engineDirectory, fsyncPath, nodeEngineCache, removeStaleTemps } from './node-engine-cache';

/**
 * True when the app's engine file under `root` stamps exactly the manifest's batches with their SHA-256 and keeps the
 * derived tables under `key` (those of the batches, dictionary and vocabularies in force).
 */
async function isFresh(db: Database, root: string, ws: Workspace, key: string): Promise<boolean> {
  const file = path.join(root, ENGINE.workspaceFile);
  try {
    statSync(file);
  } catch {
    return false;
  }
  const alias = 'engine_workspace_old';
  try {
    await db.query(`ATTACH ${sqlString(file)} AS ${sqlIdent(alias)} (READ_ONLY)`);
  } catch {
    return false;
  }
  try {
    const stamps = await readWorkspaceStamps(db, alias);
    const fresh = stamps.size === ws.manifest.batches.length && ws.manifest.batches.every((b) => stamps.get(b.id) === b.data_sha256);
    return fresh && (await readDerivedKey(db, alias, await attachedTables(db, alias))) === key;
  } catch {
    return false;
  } finally {
    await db.query(`DETACH ${sqlIdent(alias)}`);
  }
}

/**
 * Brings engine/workspace.duckdb of the workspace folder `root` up to date with `ws`'s manifest, compound dictionary
 * and vocabularies: every batch's tables and the views computed from every row, materialised under their key
 * (shared/db/derived-tables.ts). 'fresh' when it already was, 'built' when written anew. O(measurements) when built;
 * one attach when fresh.
 */
export async function refreshWorkspaceEngineFile(root: string, ws: Workspace): Promise<'fresh' | 'built'> {
  const dir = engineDirectory(root);
  const db = await openNativeDatabase({ allowedDirectories: [dir] });
  const temp = path.join(dir, `.tmp-workspace-${process.pid}-${Math.random().toString(36).slice(2, 8)}.duckdb`);
  try {
    const [dictionary, vocabularies] = [await loadDictionary(ws), await loadVocabularies(ws)];
    const key = await derivedKey(ws.manifest.batches, dictionary, vocabularies, derivedViewsSql(vocabularies));
    if (await isFresh(db, root, ws, key)) return 'fresh';
    await loadBatches(db, ws, undefined, nodeEngineCache(root));
    // The views as an open computes them from these batches, kept for the opens whose key is this one.
    await defineViews(db, ws, dictionary, vocabularies);
    removeStaleTemps(dir);
    const alias = 'engine_workspace_new';
    await db.query(`ATTACH ${sqlString(temp)} AS ${sqlIdent(alias)}`);
    try {
      await db.query(workspaceStampTableSql(alias));
      for (const b of ws.manifest.batches) for (const s of workspaceSaveStatements(alias, b.id, b.data_sha256, batchTables(b))) await db.query(s);
      for (const s of derivedSaveStatements(alias, key)) await db.query(s);
    } finally {
      await db.query(`DETACH ${sqlIdent(alias)}`);
    }
    fsyncPath(temp);
    renameSync(temp, path.join(root, ENGINE.workspaceFile));
    fsyncPath(dir);
    return 'built';
  } finally {
    for (const f of [temp, `${temp}.wal`]) rmSync(f, { force: true });
    await db.close();
  }
}
