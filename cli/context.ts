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
import { FormatError } from '../shared/workspace/define-format';
import { RecordError } from '../shared/analysis/record-version';
import { DocumentFormatError } from '../shared/exporting/versioned-document';
import { describeHolder, WorkspaceBusyError, WorkspaceLockError } from '../shared/workspace/lock';
import { openInDatabase } from '../shared/db/workspace-views';
import { registerSampleClasses } from '../shared/analysis/sample-classes';
import { loadDictionary } from '../shared/domain/workspace-dictionary';
import type { Database } from '../shared/db/Database';
import type { EngineCache } from '../shared/db/engine-cache';
import type { FileStore } from '../shared/workspace/file-store';

/**
 * How the CLI reaches a workspace folder: NodeFileStore. One place, so that the crash-safety test can record every
 * file operation of a command (test/unit/cli/crash-safety.test.ts).
 */
export const workspaceStores = { open: (dir: string): FileStore => new NodeFileStore(dir) };

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

/**
 * How a command opens its workspace. Readers (query, verify) take no lock and never wait. A writer names itself
 * (`write`: the command in the lock file) and holds the workspace lock from open to close, so that what it computes
 * from is what it commits onto; another writer is refused ("the workspace is busy: …", exit 1) or, with `wait`
 * (--wait), waited for. Either way, what a cut write left is recovered on open (shared/workspace/recovery.ts) and
 * said on stderr, as is anything the manifest and the audit log disagree on (sigwb check lists it).
 */
export interface OpenFor {
  write?: string;
  wait?: boolean;
  io?: Io;
  /**
   * A reader that needs no class run (query, validate): an unreadable latest run is said on stderr and its tables
   * (sample_classes, class_summaries) left undefined, rather than refusing the command. Everything else refuses.
   */
  classRunOptional?: boolean;
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

/** The --wait option of every command that writes. */
export const WAIT_OPTION = { wait: { type: 'boolean' } } as const;

/** Opens the workspace (see OpenFor); its `close` releases the lock a writer holds. */
export async function openWorkspace(dir: string, how: OpenFor = {}): Promise<Workspace> {
  const store = workspaceStores.open(checkWorkspaceFolder(dir));
  const who = actor();
  const lock = how.write
    ? await store.lock({ command: how.write, user: who.user }, { wait: how.wait, onWait: (h) => how.io?.err(`sigwb ${how.write}: waiting for the workspace: ${describeHolder(h)}…\n`) })
    : undefined;
  try {
    const ws = await Workspace.open(store, who, { lock });
    if (ws.recovered) how.io?.err(`sigwb: recovered the workspace: ${ws.recovered.summary}\n`);
    for (const p of ws.integrityProblems) how.io?.err(`sigwb: warning: ${p} (sigwb check lists every problem)\n`);
    return ws;
  } catch (e) {
    await lock?.release();
    throw e;
  }
}

/** Opens the workspace (see OpenFor) and loads it into a fresh in-process database with the views and class tables defined. */
export async function openWorkspaceDatabase(dir: string, how: OpenFor = {}): Promise<{ ws: Workspace; db: Database; close(): Promise<void> }> {
  const ws = await openWorkspace(dir, how);
  try {
    const db = await openEngine(ws.store.location);
    await openInDatabase(db, ws, await loadDictionary(ws), undefined, engineCacheOf(ws));
    // The latest class run's assignment, so that queries and exports can join sample_classes / class_summaries.
    try {
      await registerSampleClasses(db, ws);
    } catch (e) {
      if (!how.classRunOptional || !WorkspaceErrorTypes.some((t) => e instanceof t)) throw e;
      // Never an older run in its place: the tables stay undefined, so a query of them fails rather than answer for another run.
      how.io?.err(`sigwb: warning: the latest class run cannot be read, so sample_classes and class_summaries are not defined: ${(e as Error).message}\n`);
    }
    return { ws, db, close: async () => (await db.close(), await ws.close()) };
  } catch (e) {
    await ws.close();
    throw e;
  }
}

/** Output streams, injectable for tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Errors from the workspace layer and its stored records that are the user's input, not a bug: exit code 1 with their message. */
export const WorkspaceErrorTypes = [WorkspaceError, ManifestError, WorkspaceBusyError, WorkspaceLockError, RecordError, FormatError, DocumentFormatError];
