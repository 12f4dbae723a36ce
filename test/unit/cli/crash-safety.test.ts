/**
 * Fault injection: each writing command (import, calibrate, cluster, dictionary, export, share) is killed before and after
 * every file operation it makes, and the next command must find the previous state or the next one, audited, and
 * must work.
 *
 * How, in bounded time and in one process: each command runs once for real with a store that records its file
 * operations (cli/context.ts workspaceStores). A kill at point k leaves on disk exactly what operations 0..k-1 wrote,
 * so each point is re-created by replaying that prefix onto a copy of the workspace as it was before the command
 * (and, for an atomic write, also the temporary file it leaves when killed half-way), with the lock file naming a
 * process that no longer exists, as a real kill leaves it. Then, as the next command would: take the lock (a stale
 * lock taken over), open (recovery), and assert the state, the audit log, `sigwb check`, and a write of the very
 * files the killed command was writing (what "already exists" used to refuse). At a few points per command the next
 * command is the real sigwb command, run again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { workspaceStores } from '../../../cli/context';
import { checkWorkspace } from '../../../shared/workspace/check';
import { intentFormat, type Intent } from '../../../shared/workspace/commit';
import type { FileStore } from '../../../shared/workspace/file-store';
import { readManifest } from '../../../shared/workspace/manifest';
import { Workspace } from '../../../shared/workspace/Workspace';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { makeWorkspace } from '../analysis/make-workspace';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

type Op =
  | { op: 'lock'; text: string }
  | { op: 'unlock' }
  | { op: 'write'; path: string; bytes: Uint8Array }
  | { op: 'append'; path: string; bytes: Uint8Array }
  | { op: 'remove'; path: string }
  | { op: 'move'; from: string; to: string };

/** Outside files (an export, a package) already on disk when their commit's intent was logged: none may be. */
const writtenBeforeIntent: string[] = [];

/** A NodeFileStore that records every operation that changes the folder. */
function recording(dir: string, ops: Op[]): FileStore {
  const real = new NodeFileStore(dir);
  const checkOutside = (p: string, b: Uint8Array) => {
    if (p !== 'workspace.intent.json') return;
    for (const o of intentFormat.read(JSON.parse(new TextDecoder().decode(b))).outside) if (existsSync(o.path)) writtenBeforeIntent.push(o.path);
  };
  return {
    location: real.location,
    read: (p) => real.read(p),
    list: (d) => real.list(d),
    entries: (d) => real.entries(d),
    lockHolder: () => real.lockHolder(),
    writeAtomic: async (p, b) => (checkOutside(p, b), ops.push({ op: 'write', path: p, bytes: b.slice() }), real.writeAtomic(p, b)),
    append: async (p, b) => (ops.push({ op: 'append', path: p, bytes: b.slice() }), real.append(p, b)),
    remove: async (p) => (ops.push({ op: 'remove', path: p }), real.remove(p)),
    move: async (a, b) => (ops.push({ op: 'move', from: a, to: b }), real.move(a, b)),
    lock: async (owner, options) => {
      const held = await real.lock(owner, options);
      ops.push({ op: 'lock', text: readFileSync(path.join(dir, 'workspace.lock'), 'utf8') });
      return { ...held, release: async () => (ops.push({ op: 'unlock' }), held.release()) };
    },
  };
}

let root: string;
let cleanup: () => void;
let deadPid: number;

/** Replays operations onto `dir` as a process killed after them leaves it; `torn`: an atomic write cut before its rename. */
function replay(dir: string, ops: readonly Op[], torn: Op | null): void {
  for (const o of ops) {
    const at = (p: string) => path.join(dir, p);
    if (o.op === 'lock') writeFileSync(at('workspace.lock'), JSON.stringify({ ...JSON.parse(o.text), pid: deadPid }));
    if (o.op === 'unlock') rmSync(at('workspace.lock'), { force: true });
    if (o.op === 'write') {
      mkdirSync(path.dirname(at(o.path)), { recursive: true });
      writeFileSync(at(o.path), o.bytes);
    }
    if (o.op === 'append') appendFileSync(at(o.path), o.bytes);
    if (o.op === 'remove') rmSync(at(o.path), { force: true });
    if (o.op === 'move') {
      mkdirSync(path.dirname(at(o.to)), { recursive: true });
      renameSync(at(o.from), at(o.to));
    }
  }
  if (torn?.op === 'write') {
    const target = path.join(dir, torn.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(path.join(path.dirname(target), `.${path.basename(target)}.0badc0ffee00.tmp`), torn.bytes.subarray(0, torn.bytes.length >> 1));
  }
}

/** What a state is made of (generations, times and recovery lines aside): the batches and documents the manifest names, with their SHA-256. */
function state(dir: string): string {
  const m = readManifest(JSON.parse(readFileSync(path.join(dir, 'workspace.json'), 'utf8')));
  return JSON.stringify({ batches: m.batches, documents: Object.entries(m.documents).map(([name, d]) => [name, d.file, d.sha256]) });
}

const auditOf = (dir: string) => readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { action: string; summary: string; tx?: string });
const ACTOR = { user: 'next-analyst', appVersion: '0.1.0' };

interface Commit {
  intent: Intent;
  /** Operations from the intent's write to its removal (inclusive). */
  first: number;
  last: number;
  /** The folder as the command left it once this commit was done (replayed). */
  after: string;
}

interface Recorded {
  name: string;
  before: string;
  ops: Op[];
  /** The command's commits in order: most make one; an import that links its batch makes two. */
  commits: Commit[];
  /** Runs the real command again on a folder (with fresh output paths). */
  again: (dir: string, n: number) => Promise<{ code: number; out: string; err: string }>;
}
const recorded: Recorded[] = [];
const counts: Record<string, { operations: number; commits: number; points: number; torn: number; real: number }> = {};

async function record(name: string, from: string, args: (dir: string, n: number) => string[]): Promise<string> {
  const before = path.join(root, `${name}-before`);
  const after = path.join(root, `${name}-after`);
  cpSync(from, before, { recursive: true });
  cpSync(from, after, { recursive: true });
  const ops: Op[] = [];
  const open = workspaceStores.open;
  workspaceStores.open = (dir) => (path.resolve(dir) === after ? recording(dir, ops) : open(dir));
  try {
    const r = await runCli(...args(after, 0));
    expect(r, `${name}: ${r.err}`).toMatchObject({ code: 0 });
  } finally {
    workspaceStores.open = open;
  }
  const commits: Commit[] = [];
  ops.forEach((o, k) => {
    if (o.op !== 'write' || o.path !== 'workspace.intent.json') return;
    const last = ops.findIndex((x, j) => j > k && x.op === 'remove' && x.path === 'workspace.intent.json');
    const done = path.join(root, `${name}-commit-${commits.length + 1}`);
    cpSync(before, done, { recursive: true });
    replay(done, ops.slice(0, last + 1).filter((x) => x.op !== 'lock'), null);
    commits.push({ intent: intentFormat.read(JSON.parse(new TextDecoder().decode(o.bytes))), first: k, last, after: done });
  });
  recorded.push({ name, before, ops, commits, again: async (dir, n) => runCli(...args(dir, n)) });
  return after;
}

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir('sigwb-crash-'));
  deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  const base = path.join(root, 'base');
  await makeWorkspace(base, { sources: 6, casesPerSource: 2, seizuresPerCase: 2, samplesPerSeizure: 2 });
  writeFileSync(path.join(root, 'new.csv'), 'sample_id,compound,area\nX1,4-ANPP,30\nX1,NPP,12\nX2,4-ANPP,oops\n');
  const dict = structuredClone(DEFAULT_COMPOUND_DICTIONARY) as { version: string };
  dict.version = 'lab-2026.2';
  writeFileSync(path.join(root, 'dict.json'), JSON.stringify(dict));
  const out = (n: number, f: string) => path.join(root, `out-${n}-${Math.random().toString(36).slice(2)}-${f}`);
  let ws = await record('calibrate', base, (d) => ['calibrate', '-w', d]);
  ws = await record('cluster', ws, (d, n) => ['cluster', '-w', d, '--out', out(n, 'classes.csv')]);
  // With a calibration in force, an import links its results batch: a second commit.
  ws = await record('import', ws, (d) => ['import', '-w', d, '--accept-partial', path.join(root, 'new.csv')]);
  ws = await record('dictionary', ws, (d) => ['dictionary', '-w', d, '--import', path.join(root, 'dict.json')]);
  await record('export', ws, (d, n) => ['export', '-w', d, '--format', 'csv', '--out', out(n, 'samples.csv')]);
  // A package written outside the workspace, as an export is; the lab key outside it too.
  process.env.SIGWB_CONFIG_DIR = path.join(root, 'config');
  await record('share', ws, (d, n) => ['share', '-w', d, '--out', out(n, 'lab.sigwb'), '--lab', 'Lab A']);
}, 600_000);
afterAll(() => {
  delete process.env.SIGWB_CONFIG_DIR;
  cleanup();
  // The figures the issue asks for, in the test log.
  console.log(`crash-safety injection points: ${JSON.stringify(counts)}`);
});

describe('a command killed before or after any of its file operations', () => {
  for (const name of ['calibrate', 'cluster', 'import', 'dictionary', 'export', 'share']) {
    it(`${name}: previous or next state, audited, whole, and the next write and command work`, async () => {
      const r = recorded.find((x) => x.name === name)!;
      expect(r.commits.length, `${name}: its commits`).toBeGreaterThanOrEqual(1);
      // What a command writes outside the workspace is written inside its commit: after the intent names it.
      const outside = r.commits.flatMap((c) => c.intent.outside.map((o) => o.path));
      expect(outside.filter((p) => writtenBeforeIntent.includes(p)), `${name}: outputs written before their intent`).toEqual([]);
      if (name === 'export' || name === 'share') expect(outside.length, `${name}: its outputs in the intent`).toBeGreaterThan(0);
      const points: { k: number; torn: Op | null }[] = [];
      for (let k = 0; k <= r.ops.length; k++) points.push({ k, torn: null });
      r.ops.forEach((o, k) => o.op === 'write' && points.push({ k, torn: o }));
      // The real command runs again at these points of each commit: after its data files, after the manifest, after the audit line.
      const real = new Set(r.commits.flatMap((c) => {
        const m = r.ops.findIndex((o, j) => j > c.first && o.op === 'write' && o.path === 'workspace.json');
        return [m, m + 1, m + 2];
      }));
      let n = 0;
      for (const p of points) {
        // The commit a kill at this point cuts (or the last one done before it), and the states on either side of it.
        const cut = r.commits.findIndex((c) => p.k <= c.last);
        const i = cut === -1 ? r.commits.length - 1 : cut;
        const commit = r.commits[i];
        const prevDir = i === 0 ? r.before : r.commits[i - 1].after;
        const [prev, next] = [state(prevDir), state(commit.after)];
        const action = commit.intent.action;
        const actionLines = (dir: string) => auditOf(dir).filter((e) => e.action === action).length;
        const dir = path.join(root, `${name}-point-${++n}`);
        cpSync(r.before, dir, { recursive: true });
        replay(dir, r.ops.slice(0, p.k), p.torn);
        const where = `${name} killed ${p.torn ? `during op ${p.k} (${p.torn.op === 'write' ? p.torn.path : ''}, before its rename)` : `after ${p.k} of ${r.ops.length} ops`} (commit ${r.commits.indexOf(commit) + 1} of ${r.commits.length}, ${action})`;
        const store = new NodeFileStore(dir);
        const ws = await Workspace.open(store, ACTOR, { lock: await store.lock({ command: 'next', user: ACTOR.user }) });
        const s = state(dir);
        const wrote = p.k > commit.first;
        const done = auditOf(dir).some((e) => e.tx === commit.intent.tx);
        expect(s, `${where}: ${done ? 'next' : 'previous'} state`).toBe(done ? next : prev);
        expect(actionLines(dir), `${where}: ${done ? 'its audit line' : 'no audit line of a change not made'}`).toBe(actionLines(prevDir) + (done ? 1 : 0));
        if (wrote && !done) expect(auditOf(dir).at(-1), `${where}: the recovery says so`).toMatchObject({ action: 'workspace.recover', summary: expect.stringMatching(/^Rolled back the interrupted|was cut before it was recorded/) });
        if (wrote && done && p.k <= commit.last) expect(auditOf(dir).at(-1), `${where}: the recovery says it finished the write`).toMatchObject({ action: 'workspace.recover', summary: expect.stringMatching(/^Finished the interrupted/) });
        // The next write of the same files: refused as "already exists" before recovery existed.
        const intent = commit.intent;
        if (!done && (intent.files.length || intent.documents.length)) {
          const files = r.ops.filter((o): o is Extract<Op, { op: 'write' }> => o.op === 'write' && intent.files.some((f) => f.path === o.path));
          const intended = readManifest(JSON.parse(intent.manifest));
          await ws.commit({
            action,
            summary: 'the same change, written by the next command',
            files: files.map((f) => ({ path: f.path, bytes: f.bytes })),
            documents: intent.documents.map((d) => ({ name: d.path.replace(/^config\/|\.json$/g, ''), bytes: new TextEncoder().encode(d.text) })),
            manifest: (m) => ({ ...m, batches: intended.batches }),
          });
          expect(state(dir), `${where}: the next write reaches the next state`).toBe(next);
        } else {
          await ws.commit({ action: 'test.next', summary: 'a later change', documents: [{ name: `next-${n}`, bytes: new TextEncoder().encode('{}\n') }] });
        }
        await ws.close();
        expect((await checkWorkspace(store)).problems, `${where}: sigwb check`).toEqual([]);
        if (real.has(p.k) && p.torn === null) {
          const again = await r.again(dir, n);
          expect(again, `${where}: the real command again`).toMatchObject({ code: 0 });
          expect((await checkWorkspace(store)).problems, `${where}: whole after the real command`).toEqual([]);
          counts[name] = { ...counts[name], real: (counts[name]?.real ?? 0) + 1 };
        }
        rmSync(dir, { recursive: true, force: true });
      }
      counts[name] = { operations: r.ops.length, commits: r.commits.length, points: r.ops.length + 1, torn: points.length - r.ops.length - 1, real: counts[name]?.real ?? 0 };
      expect(points.length).toBeGreaterThan(8);
    }, 600_000);
  }
});
