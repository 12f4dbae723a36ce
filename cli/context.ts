/**
 * What every CLI command shares: the actor (user, version), opening a workspace with its database, and
 * the error kinds that map to exit codes (0 success, 1 bad input or refused, 2 usage).
 */
import os from 'node:os';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { NodeFileStore } from '../node/files/node-file-store';
import { openNativeDatabase } from '../node/db/native-database';
import { engineDirectory, nodeEngineCache } from '../node/db/node-engine-cache';
import { Workspace, WorkspaceError, type Actor } from '../shared/workspace/Workspace';
import { ManifestError } from '../shared/workspace/manifest';
import { openInDatabase } from '../shared/db/workspace-views';
import { registerSampleClasses } from '../shared/analysis/sample-classes';
import { loadDictionary } from '../shared/domain/workspace-dictionary';
import type { Database } from '../shared/db/Database';
import type { EngineCache } from '../shared/db/engine-cache';

/** Bad invocation: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Refused or bad input: exit code 1. */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

export function appVersion(): string {
  const pkgPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json');
  return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
}

export function actor(): Actor {
  let user = process.env.SIGWB_ANALYST ?? '';
  if (!user) {
    try {
      user = os.userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return { user, appVersion: appVersion() };
}

/**
 * Refuses (exit 1) a --workspace that is not a workspace folder, saying which case it is and what to give instead;
 * returns the absolute folder.
 */
export function checkWorkspaceFolder(dir: string): string {
  const abs = path.resolve(dir);
  const manifest = path.join(abs, 'workspace.json');
  if (!existsSync(abs)) throw new RefusedError(`no workspace at ${abs}: the folder does not exist (check the path, or create a workspace there with sigwb init ${dir})`);
  if (!statSync(abs).isDirectory()) {
    const hint = path.basename(abs) === 'workspace.json' ? `; give its folder, ${path.dirname(abs)}` : '; give --workspace the folder that holds workspace.json';
    throw new RefusedError(`${abs} is a file, not a workspace folder${hint}`);
  }
  if (!existsSync(manifest)) throw new RefusedError(`${abs} is not a Signature Workbench workspace (no workspace.json); give --workspace the folder that holds workspace.json, or create a workspace with sigwb init <new folder>`);
  return abs;
}

export async function openWorkspace(dir: string): Promise<Workspace> {
  return Workspace.open(new NodeFileStore(checkWorkspaceFolder(dir)), actor());
}

/**
 * A fresh in-process database: native DuckDB, answering as the app's duckdb-wasm does (node/db/native-database.ts),
 * confined (no file reachable from SQL) but for the workspace's engine cache folder when one is given.
 * SIGWB_ENGINE=wasm runs duckdb-wasm instead (confined too), without the engine cache: the reference
 * `npm run bench -- scale` measures the native engine against.
 */
export async function openEngine(workspaceRoot?: string): Promise<Database> {
  if (process.env.SIGWB_ENGINE === 'wasm') return (await import('../node/db/node-database')).openNodeDatabase();
  return openNativeDatabase({ allowedDirectories: workspaceRoot === undefined ? [] : [engineDirectory(workspaceRoot)] });
}

/** The engine cache beside a workspace opened from a folder (engine/, shared/db/engine-cache.ts). */
export function engineCacheOf(ws: Workspace): EngineCache | undefined {
  return process.env.SIGWB_ENGINE === 'wasm' ? undefined : nodeEngineCache(ws.store.location);
}

/** Opens the workspace and loads it into a fresh in-process database with the views and class tables defined. */
export async function openWorkspaceDatabase(dir: string): Promise<{ ws: Workspace; db: Database }> {
  const ws = await openWorkspace(dir);
  const db = await openEngine(ws.store.location);
  await openInDatabase(db, ws, await loadDictionary(ws), undefined, engineCacheOf(ws));
  // The latest class run's assignment, so that queries and exports can join sample_classes / class_summaries.
  await registerSampleClasses(db, ws);
  return { ws, db };
}

/** Output streams, injectable for tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Errors from the workspace layer that are the user's input, not a bug: exit code 1 with their message. */
export const WorkspaceErrorTypes = [WorkspaceError, ManifestError];
