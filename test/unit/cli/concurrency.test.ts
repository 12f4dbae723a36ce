/**
 * Two writers at once, as separate sigwb processes (the case: an import started while cluster runs lost a
 * batch or a class run from workspace.json while both exited 0), and two writers in one process working from the same
 * manifest (the app and the CLI): one writer at a time, a refused writer changes nothing, a stale writer is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { checkWorkspace } from '../../../shared/workspace/check';
import { Workspace, WorkspaceStaleError } from '../../../shared/workspace/Workspace';
import { makeWorkspace } from '../analysis/make-workspace';
import { snapshotTree, tempDir } from '../../util/temp-dir';

const BIN = path.resolve(import.meta.dirname, '../../../bin/sigwb.mjs');
let root: string;
let cleanup: () => void;
let base: string;

/** Runs sigwb in its own process; `stderr()` is what it has said so far. */
function start(args: string[], user: string): { done: Promise<{ code: number; out: string; err: string }>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, SIGWB_ANALYST: user } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out, err }))), stderr: () => err };
}
const sigwb = (args: string[], user: string) => start(args, user).done;

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'workspace.json'), 'utf8')) as { generation: number; batches: { id: string }[]; documents: Record<string, unknown> };
const actionsOf = (dir: string) => readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir('sigwb-concurrency-'));
  base = path.join(root, 'base');
  await makeWorkspace(base, { sources: 6, casesPerSource: 2, seizuresPerCase: 2, samplesPerSeizure: 2 });
  writeFileSync(path.join(root, 'new.csv'), 'sample_id,compound,area\nX1,4-ANPP,30\nX1,NPP,12\n');
  // bin/sigwb.mjs rebuilds the compiled CLI when a source is newer: once here, not by two processes at once below.
  expect((await sigwb(['--help'], 'ana')).code).toBe(0);
}, 120_000);
afterAll(() => cleanup());

describe('one writer at a time', () => {
  it('a second writer is refused while the first holds the workspace, naming it, and changes nothing; with --wait it runs once the first is done', async () => {
    const ws = path.join(root, 'held');
    cpSync(base, ws, { recursive: true });
    const holder = await new NodeFileStore(ws).lock({ command: 'cluster', user: 'ben' });
    const before = snapshotTree(ws);
    const refused = await sigwb(['import', '-w', ws, path.join(root, 'new.csv')], 'ana');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`^sigwb import: the workspace is busy: cluster by ben \\(process ${process.pid} on ${os.hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC; try again when it has finished, or add --wait\\n$`));
    expect(snapshotTree(ws)).toEqual(before);

    const waiting = start(['import', '--wait', '-w', ws, path.join(root, 'new.csv')], 'ana');
    for (let i = 0; i < 600 && !waiting.stderr().includes('waiting for the workspace'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(manifestOf(ws).batches).toHaveLength(2);
    await holder.release();
    const done = await waiting.done;
    expect(done, done.err).toMatchObject({ code: 0 });
    expect(done.err).toMatch(/waiting for the workspace: cluster by ben/);
    expect(manifestOf(ws).batches.map((b) => b.id)).toEqual(['B0001', 'B0002', 'B0003']);
    expect((await checkWorkspace(new NodeFileStore(ws))).problems).toEqual([]);
  }, 180_000);

  it('cluster and import started together with --wait: both succeed, and both the class run and the batch are in workspace.json and the audit log', async () => {
    const ws = path.join(root, 'both');
    cpSync(base, ws, { recursive: true });
    const [cluster, imported] = await Promise.all([
      sigwb(['cluster', '--wait', '-w', ws, '--out', path.join(root, 'classes.csv')], 'ben'),
      sigwb(['import', '--wait', '-w', ws, path.join(root, 'new.csv')], 'ana'),
    ]);
    expect(cluster, cluster.err).toMatchObject({ code: 0 });
    expect(imported, imported.err).toMatchObject({ code: 0 });
    const m = manifestOf(ws);
    expect(m.batches.map((b) => b.id)).toEqual(['B0001', 'B0002', 'B0003']);
    expect(Object.keys(m.documents)).toContain('class-run-R0001');
    expect(actionsOf(ws).filter((a) => a === 'batch.import' || a === 'classes.save').sort()).toEqual(['batch.import', 'batch.import', 'batch.import', 'classes.save']);
    expect(existsSync(path.join(ws, 'workspace.lock'))).toBe(false);
    expect((await checkWorkspace(new NodeFileStore(ws))).problems).toEqual([]);
  }, 300_000);

  it('two writers from the same manifest (the app and the CLI): the second is refused as stale, nothing of it written', async () => {
    const ws = path.join(root, 'stale');
    cpSync(base, ws, { recursive: true });
    const actor = { user: 'ana', appVersion: '0.1.0' };
    const app = await Workspace.open(new NodeFileStore(ws), actor);
    const cli = await Workspace.open(new NodeFileStore(ws), { ...actor, user: 'ben' });
    await cli.putDocument('target-lists', { lists: [] }, 'target-list.save');
    const before = snapshotTree(ws);
    await expect(app.putDocument('target-lists', { lists: [{ name: 'x' }] }, 'target-list.save')).rejects.toThrow(WorkspaceStaleError);
    await expect(app.putDocument('target-lists', { lists: [] }, 'target-list.save')).rejects.toThrow(/the workspace changed since it was read \(generation 3, now generation 4\)/);
    expect(snapshotTree(ws)).toEqual(before);
    const reopened = await Workspace.open(new NodeFileStore(ws), actor);
    await reopened.putDocument('target-lists', { lists: [{ name: 'x' }] }, 'target-list.save');
    expect(reopened.manifest.generation).toBe(5);
    expect((await checkWorkspace(new NodeFileStore(ws))).problems).toEqual([]);
  });
});
