import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { OutsideWriteCancelled } from '../../../shared/workspace/commit';
import { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';

const actor = { user: 'ana', appVersion: '0.1.0', now: () => new Date('2026-11-25T10:00:00Z') };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const batch = (id: string) => ({
  id,
  kind: 'results' as const,
  file_name: 'gcms.csv',
  file_size: 10,
  file_sha256: 'a'.repeat(64),
  format: 'csv',
  profile: null,
  analyst: 'ana',
  imported_at: '2026-11-25T10:00:00Z',
  rows_read: 2,
  rows_imported: 2,
  rows_quarantined: 0,
  data_file: `batches/${id}.arrow`,
  quarantine_file: null,
  supersedes: null,
});

describe('Workspace', () => {
  it('creates a workspace with a manifest and an audit line, and opens it again', async () => {
    const dir = folder();
    await Workspace.create(new NodeFileStore(dir), 'Case study', actor);
    expect(readdirSync(dir).sort()).toEqual(['audit.jsonl', 'workspace.json']);
    const ws = await Workspace.open(new NodeFileStore(dir), actor);
    expect(ws.manifest.name).toBe('Case study');
    const { entries } = await ws.readAudit();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ who: 'ana', action: 'workspace.create' });
    expect(entries[0].written[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to create over an existing workspace', async () => {
    const dir = folder();
    await Workspace.create(new NodeFileStore(dir), 'A', actor);
    await expect(Workspace.create(new NodeFileStore(dir), 'B', actor)).rejects.toThrow(/already holds a workspace/);
  });

  it('says clearly when a folder is not a workspace or its manifest is damaged', async () => {
    const dir = folder();
    await expect(Workspace.open(new NodeFileStore(dir), actor)).rejects.toThrow(/not a Signature Workbench workspace/);
    writeFileSync(path.join(dir, 'workspace.json'), '{"format": ');
    await expect(Workspace.open(new NodeFileStore(dir), actor)).rejects.toThrow(/workspace.json is not valid JSON/);
  });

  it('records a batch: immutable data file, manifest entry with its SHA-256, audit line', async () => {
    const dir = folder();
    const ws = await Workspace.create(new NodeFileStore(dir), 'A', actor);
    expect(ws.nextBatchId()).toBe('B0001');
    const rec = await ws.addBatch(batch('B0001'), new Uint8Array([1, 2, 3]), null);
    expect(rec.data_sha256).toBe('039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81');
    expect(ws.nextBatchId()).toBe('B0002');
    const again = await Workspace.open(new NodeFileStore(dir), actor);
    expect(again.manifest.batches.map((b) => b.id)).toEqual(['B0001']);
    expect(Array.from(await again.readBatchData(again.manifest.batches[0]))).toEqual([1, 2, 3]);
    await expect(ws.addBatch(batch('B0001'), new Uint8Array([9]), null)).rejects.toThrow(/already exists/);
    expect((await again.readAudit()).entries.map((e) => e.action)).toEqual(['workspace.create', 'batch.import']);
  });

  it('detects a batch file changed behind its back', async () => {
    const dir = folder();
    const ws = await Workspace.create(new NodeFileStore(dir), 'A', actor);
    const rec = await ws.addBatch(batch('B0001'), new Uint8Array([1, 2, 3]), null);
    writeFileSync(path.join(dir, 'batches', 'B0001.arrow'), new Uint8Array([1, 2, 4]));
    await expect(ws.readBatchData(rec)).rejects.toThrow(/^batches\/B0001\.arrow has changed since it was written/);
  });

  it('names a damaged or missing file relative to the workspace folder (as sigwb check does), not by its full path', async () => {
    const dir = folder();
    const ws = await Workspace.create(new NodeFileStore(dir), 'A', actor);
    await ws.putDocument('calibration-C0001', { n: 1 }, 'test.save');
    const manifestFile = path.join(dir, 'workspace.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    // Cut short with its SHA-256 recorded, as a hand "repair" would.
    manifest.documents['calibration-C0001'].sha256 = createHash('sha256').update('{"n": ').digest('hex');
    writeFileSync(path.join(dir, 'config', 'calibration-C0001.json'), '{"n": ');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const again = await Workspace.open(new NodeFileStore(dir), actor);
    await expect(again.getDocument('calibration-C0001')).rejects.toThrow(/^config\/calibration-C0001\.json is not valid JSON: line 1, column 7/);
    rmSync(path.join(dir, 'config', 'calibration-C0001.json'));
    await expect(again.getDocument('calibration-C0001')).rejects.toThrow(/^config\/calibration-C0001\.json is missing$/);
  });

  it('keeps reading an audit log whose last line was cut by a crash', async () => {
    const dir = folder();
    const ws = await Workspace.create(new NodeFileStore(dir), 'A', actor);
    writeFileSync(path.join(dir, 'audit.jsonl'), readFileSync(path.join(dir, 'audit.jsonl'), 'utf8') + '{"at":"2026-11');
    const { entries, unreadable } = await ws.readAudit();
    expect(entries).toHaveLength(1);
    expect(unreadable).toEqual([2]);
  });

  it('moves a data file nothing names (a crash before the manifest was written) to lost-and-found on open, and says so in the audit log', async () => {
    const dir = folder();
    await Workspace.create(new NodeFileStore(dir), 'A', actor);
    const store = new NodeFileStore(dir);
    const lock = await store.lock({ command: 'test', user: 'x' });
    await store.writeAtomic('batches/B0001.arrow', new Uint8Array([7]));
    await lock.release();
    const ws = await Workspace.open(store, actor);
    expect(ws.manifest.batches).toEqual([]);
    expect(ws.recovered?.movedAside).toEqual([{ from: 'batches/B0001.arrow', to: expect.stringMatching(/^lost-and-found\/\d{4}-\d\d-\d\dT[\d-]+Z\/batches\/B0001\.arrow$/) }]);
    expect(readdirSync(path.join(dir, 'batches'))).toEqual([]);
    const last = (await ws.readAudit()).entries.at(-1);
    expect(last).toMatchObject({ action: 'workspace.recover', summary: expect.stringMatching(/^Moved 1 file that the manifest does not name to lost-and-found\/.*: batches\/B0001\.arrow$/) });
    // A workspace that recovered is whole, and the next batch can take the name.
    expect(ws.integrityProblems).toEqual([]);
  });

  it('a recording view lists the documents read through it, in the manifest\'s order, and refuses writes', async () => {
    const ws = await Workspace.create(new NodeFileStore(folder()), 'rec', actor);
    await ws.putDocument('a', { n: 1 }, 'test.save');
    await ws.putDocument('b', { n: 2 }, 'test.save');
    expect(ws.documentsRead).toBeNull();
    const view = ws.recording();
    expect(view.documentsRead).toEqual([]);
    await view.getDocument('b');
    await view.getDocument('a');
    await view.getDocument('missing');
    expect(view.documentsRead).toEqual(['a', 'b']);
    await expect(view.putDocument('c', {}, 'test.save')).rejects.toThrow(/reads only/);
    await expect(view.audit('test', 'x', [])).rejects.toThrow(/reads only/);
    // The workspace itself stays writable, and the view keeps the state it was made from.
    await ws.putDocument('c', { n: 3 }, 'test.save');
    expect(Object.keys(view.manifest.documents)).toEqual(['a', 'b']);
  });

  it("writes a file outside the workspace (the app's save dialog) after its intent and before its line, which names where it went; a cancelled dialog leaves no line and no intent", async () => {
    const dir = folder();
    await Workspace.create(new NodeFileStore(dir), 'A', actor);
    const ws = await Workspace.open(new NodeFileStore(dir), actor);
    const sha256 = 'b'.repeat(64);
    let intentAtWrite: { outside: { path: string }[] } | null = null;
    const line = await ws.audit('sharing.share', 'Shared a package as a.sigwb', [{ path: 'a.sigwb', sha256 }], {}, async () => {
      intentAtWrite = JSON.parse(readFileSync(path.join(dir, 'workspace.intent.json'), 'utf8'));
      expect((await ws.readAudit()).entries.map((e) => e.action)).toEqual(['workspace.create']);
      return [{ path: '/home/ana/out/renamed.sigwb', sha256 }];
    });
    expect(intentAtWrite!.outside.map((o) => o.path)).toEqual(['a.sigwb']);
    expect(line.written.map((w) => w.path)).toEqual(['/home/ana/out/renamed.sigwb', 'workspace.json']);
    expect((await ws.readAudit()).entries.at(-1)).toMatchObject({ action: 'sharing.share', written: [{ path: '/home/ana/out/renamed.sigwb', sha256 }, { path: 'workspace.json' }] });
    const generation = ws.manifest.generation;
    await expect(ws.audit('sharing.share', 'Shared a package as b.sigwb', [{ path: 'b.sigwb', sha256 }], {}, async () => {
      throw new OutsideWriteCancelled('the save dialog was cancelled');
    })).rejects.toBeInstanceOf(OutsideWriteCancelled);
    expect(readdirSync(dir).sort()).toEqual(['audit.jsonl', 'workspace.json']);
    const again = await Workspace.open(new NodeFileStore(dir), actor);
    expect(again.manifest.generation).toBe(generation);
    expect((await again.readAudit()).entries.map((e) => e.action)).toEqual(['workspace.create', 'sharing.share']);
  });
});
