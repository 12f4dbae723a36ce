/**
 * The app's engine file (shared/db/workspace-engine-cache.ts, node/db/workspace-engine-file.ts): the desktop host
 * builds it from the workspace's own files, the app's engine (duckdb-wasm) attaches it from the bytes the host reads,
 * and every view answers with the same Arrow schema and values (doubles by their bits) as an open that loads every batch file; a batch whose stamp does
 * not name the manifest's SHA-256 (a batch added, a stamp forged) and a damaged file are never used, and the engine
 * stays confined. A file cut short is never handed to duckdb-wasm (it could hang on it).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openNativeDatabase } from '../../../node/db/native-database';
import { openNodeDatabase } from '../../../node/db/node-database';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { HostFileStore } from '../../../renderer/host/host-file-store';
import type { Database } from '../../../shared/db/Database';
import { ENGINE } from '../../../shared/db/engine-cache';
import { runUserSql, UserSqlError } from '../../../shared/db/user-sql';
import { workspaceEngineCache, type WorkspaceEngineUse } from '../../../shared/db/workspace-engine-cache';
import { openInDatabase, PUBLIC_VIEWS } from '../../../shared/db/workspace-views';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import type { Host, WorkspaceRef } from '../../../shared/host/contract';
import { Workspace } from '../../../shared/workspace/Workspace';
import { addRows, generateProfiles, makeWorkspace, TEST_ACTOR } from '../analysis/make-workspace';
import { desktopHostFor } from '../../util/desktop-host';
import { tempDir } from '../../util/temp-dir';
import { fingerprint } from '../../util/arrow-fingerprint';

let t: ReturnType<typeof tempDir>;
let host: Host;
let ref: WorkspaceRef;
const wsDir = () => path.join(t.dir, 'ws');

beforeEach(async () => {
  t = tempDir();
  await makeWorkspace(wsDir(), { sources: 4, seed: 11 });
  host = desktopHostFor(t.dir, wsDir(), TEST_ACTOR);
  ref = (await host['workspace:open']({}))!;
}, 60_000);
afterEach(() => t.cleanup());

/** Every public view, in a fixed order: its Arrow schema and every value, doubles by their bits. */
async function answers(db: Database): Promise<string[]> {
  const out: string[] = [];
  for (const v of PUBLIC_VIEWS) out.push(fingerprint(await db.query(`SELECT * FROM ${v} ORDER BY ALL`)));
  return out;
}

/** Opens the workspace as the app does, in duckdb-wasm: with the host's engine file, or loading every batch file. */
async function openApp(cached: boolean): Promise<{ db: Database; use: WorkspaceEngineUse | null }> {
  const ws = await Workspace.open(new HostFileStore(host, ref), TEST_ACTOR);
  const db = await openNodeDatabase(cached ? { allowedDirectories: [ENGINE.virtualDir] } : {});
  const cache = cached ? workspaceEngineCache(() => host['workspace:engine-file']({ handle: ref.handle })) : undefined;
  await openInDatabase(db, ws, DEFAULT_COMPOUND_DICTIONARY, undefined, cache);
  return { db, use: cache?.use ?? null };
}

async function compare(expected: Partial<WorkspaceEngineUse>): Promise<Database> {
  const plain = await openApp(false);
  const app = await openApp(true);
  try {
    expect(app.use).toMatchObject(expected);
    const [a, b] = [await answers(plain.db), await answers(app.db)];
    for (const [i, v] of PUBLIC_VIEWS.entries()) expect(b[i], v).toBe(a[i]);
    await plain.db.close();
    return app.db;
  } catch (e) {
    await plain.db.close();
    await app.db.close();
    throw e;
  }
}

describe("the app's engine file (engine/workspace.duckdb)", () => {
  it('is built by the host, then read instead of the batch files, every view answering with the same Arrow schema and values', async () => {
    await expect(host['workspace:engine-file']({ handle: ref.handle })).resolves.toBeNull();
    await (await compare({ cached: 0, stale: 2, unused: 'no engine file' })).close();
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: false });
    await (await compare({ cached: 2, stale: 0, unused: null })).close();
  }, 120_000);

  it('is not used for a batch added since (loaded from its file), and is brought up to date by the next refresh', async () => {
    await host['workspace:engine-refresh']({ handle: ref.handle });
    const ws = await Workspace.open(new NodeFileStore(wsDir()), TEST_ACTOR);
    const more = generateProfiles({ sources: 2, seed: 12 });
    await addRows(ws, more.samples.map((s) => ({ ...s, sample_id: `N-${s.sample_id}` })), more.results.map((r) => ({ ...r, sample_id: `N-${r.sample_id}` })));
    await (await compare({ cached: 2, stale: 2, unused: null })).close();
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
    await (await compare({ cached: 4, stale: 0 })).close();
  }, 120_000);

  it('is not used for a batch whose stamp names another SHA-256, nor at all when damaged', async () => {
    await host['workspace:engine-refresh']({ handle: ref.handle });
    const file = path.join(wsDir(), ENGINE.workspaceFile);
    const native = await openNativeDatabase({ path: file, fileAccess: true });
    await native.query(`UPDATE ${ENGINE.stampTable} SET source = 'forged' WHERE key = 'B0001'`);
    await native.close();
    await (await compare({ cached: 1, stale: 1, unused: null })).close();
    writeFileSync(file, Buffer.alloc(64 * 1024, 7));
    await (await compare({ cached: 0, stale: 2, unused: expect.stringMatching(/^unreadable engine file/) })).close();
    // The next refresh replaces what it cannot read.
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
    await (await compare({ cached: 2, stale: 0 })).close();
  }, 120_000);

  it('is not attached when cut short (duckdb-wasm spun for ever on such a file), and the next refresh writes it whole', async () => {
    await host['workspace:engine-refresh']({ handle: ref.handle });
    const file = path.join(wsDir(), ENGINE.workspaceFile);
    const whole = readFileSync(file);
    // Sizes that hung duckdb-wasm 1.32 before the headers were checked, and a block boundary and the last byte.
    for (const size of [1060, 12_289, 100_000, 12_288 + 262_144, whole.length - 1]) {
      writeFileSync(file, whole.subarray(0, size));
      await (await compare({ cached: 0, stale: 2, unused: expect.stringMatching(/^unreadable engine file \((cut short|\d+ bytes, shorter)/) })).close();
      expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
      expect(statSync(file).size).toBe(whole.length);
    }
    writeFileSync(file, new Uint8Array(0));
    await (await compare({ cached: 0, stale: 2, unused: 'no engine file' })).close();
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
    await (await compare({ cached: 2, stale: 0, unused: null })).close();
  }, 240_000);

  it('leaves the engine confined: user SQL reads no file, writes nothing, changes no setting', async () => {
    await host['workspace:engine-refresh']({ handle: ref.handle });
    const db = await compare({ cached: 2 });
    try {
      for (const sql of [
        "SELECT * FROM read_text('/etc/passwd')",
        `SELECT * FROM read_blob('${wsDir()}/workspace.json')`,
        `COPY samples TO '${ENGINE.virtualDir}out.csv'`,
        `SELECT 1; ATTACH '${ENGINE.virtualDir}x.duckdb' AS x`,
        `SELECT 1; DETACH engine_workspace`,
        "SELECT 1; SET allowed_directories = ['/']",
        'SELECT 1; SET enable_external_access = true',
      ]) await expect(runUserSql(db, sql), sql).rejects.toBeInstanceOf(UserSqlError);
      const s = (await db.query("SELECT current_setting('enable_external_access') AS access, current_setting('lock_configuration') AS lock, current_setting('autoload_known_extensions') AS autoload")).toArray()[0].toJSON();
      expect(s).toEqual({ access: false, lock: true, autoload: false });
      expect(Number((await runUserSql(db, 'SELECT count(*) AS n FROM samples')).getChild('n')!.get(0))).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
