/**
 * The engine cache beside the batches: a second open reads every batch from engine/ instead of its Arrow file, with
 * the same answers; a stale, damaged or foreign engine file is never used (the batch is loaded from its Arrow file
 * again and the engine file rewritten); a cache that cannot be written costs speed, never an open.
 */
import { copyFileSync, existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { openNativeDatabase } from '../../../../node/db/native-database';
import { engineDirectory, nodeEngineCache } from '../../../../node/db/node-engine-cache';
import { NodeFileStore } from '../../../../node/files/node-file-store';
import { ENGINE } from '../../../../shared/db/engine-cache';
import { defineViews, loadBatches } from '../../../../shared/db/workspace-views';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../../shared/domain/default-compounds';
import { Workspace } from '../../../../shared/workspace/Workspace';
import { makeWorkspace, TEST_ACTOR } from '../../analysis/make-workspace';
import { tempDir } from '../../../util/temp-dir';

const ANSWERS = ['SELECT * FROM samples ORDER BY sample_id', 'SELECT * FROM measurements ORDER BY sample_id, compound', 'SELECT * FROM quarantine'];

function rows(t: Table): string {
  return JSON.stringify(t.toArray().map((r) => r.toJSON()), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** Opens the workspace in a fresh native database through the cache; how many batches came from Arrow files, and the answers. */
async function open(dir: string): Promise<{ fromArrow: number; answers: string[] }> {
  const ws = await Workspace.open(new NodeFileStore(dir), TEST_ACTOR);
  const db = await openNativeDatabase({ allowedDirectories: [engineDirectory(dir)] });
  try {
    const fromArrow = await loadBatches(db, ws, undefined, nodeEngineCache(dir));
    await defineViews(db, ws, DEFAULT_COMPOUND_DICTIONARY);
    const answers: string[] = [];
    for (const q of ANSWERS) answers.push(rows(await db.query(q)));
    return { fromArrow, answers };
  } finally {
    await db.close();
  }
}

describe('engine cache (engine/Bnnnn.duckdb)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    t = tempDir();
    await makeWorkspace(t.dir, { sources: 4, seed: 9 });
  }, 60_000);
  afterEach(() => t.cleanup());

  it('writes one engine file per batch on the first open and reads them, not the batches, on the next, with the same answers', async () => {
    const first = await open(t.dir);
    expect(first.fromArrow).toBe(2);
    expect(readdirSync(path.join(t.dir, ENGINE.dir)).sort()).toEqual(['B0001.duckdb', 'B0002.duckdb']);
    const second = await open(t.dir);
    expect(second.fromArrow).toBe(0);
    expect(second.answers).toEqual(first.answers);
  });

  it('does not use an engine file stamped with another batch: it loads the batch again and rewrites the file', async () => {
    const first = await open(t.dir);
    copyFileSync(path.join(t.dir, 'engine/B0001.duckdb'), path.join(t.dir, 'engine/B0002.duckdb'));
    const second = await open(t.dir);
    expect(second.fromArrow).toBe(1);
    expect(second.answers).toEqual(first.answers);
    expect((await open(t.dir)).fromArrow).toBe(0);
  });

  it('does not use a damaged engine file', async () => {
    const first = await open(t.dir);
    writeFileSync(path.join(t.dir, 'engine/B0002.duckdb'), 'not a DuckDB file');
    const second = await open(t.dir);
    expect(second.fromArrow).toBe(1);
    expect(second.answers).toEqual(first.answers);
  });

  it('opens a workspace whose engine folder cannot be written, loading the batches as before', async () => {
    const first = await open(t.dir);
    // A file where the folder should be: no engine file can be read or written (chmod would not stop root).
    rmSync(path.join(t.dir, ENGINE.dir), { recursive: true });
    writeFileSync(path.join(t.dir, ENGINE.dir), 'in the way');
    const second = await open(t.dir);
    expect(second.fromArrow).toBe(2);
    expect(second.answers).toEqual(first.answers);
  });

  it('removes temporary files a crash left in engine/', async () => {
    await open(t.dir);
    const left = path.join(t.dir, ENGINE.dir, '.tmp-B0001-1-abcdef.duckdb');
    writeFileSync(left, 'half written');
    const hourAgo = Date.now() / 1000 - 3600;
    utimesSync(left, hourAgo, hourAgo);
    writeFileSync(path.join(t.dir, 'engine/B0001.duckdb'), 'damaged');
    await open(t.dir);
    expect(existsSync(left)).toBe(false);
  });
});
