import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import {
  emptyReferenceSamples, loadReferenceSamples, mergeReferenceTags, readReferenceSamples, REFERENCE_FORMAT, REFERENCE_VERSION, saveReferenceSamples, type ReferenceTag,
} from '../../../shared/attribution/reference-tags';
import type { FileStore } from '../../../shared/workspace/file-store';
import { layout } from '../../../shared/workspace/paths';
import { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';

const ACTOR = { user: 'ana.analyst', appVersion: '0.1.0', now: () => new Date('2026-11-25T10:00:00Z') };
const tag = (id: string, route: string, source: string | null): ReferenceTag => ({
  sample_id: id, drug: 'fentanyl', route, source, kind: 'dismantled-lab', note: '', tagged_by: 'ana.analyst', tagged_at: '2026-11-25T10:00:00Z',
});

let cleanup = (): void => undefined;
const read = (dir: string, file: string) => readFileSync(path.join(dir, 'config', file), 'utf8');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
afterEach(() => cleanup());

describe('reference tags', () => {
  it('merge: new tags add, different ones change, identical ones do nothing, removals untag', () => {
    const a = mergeReferenceTags(emptyReferenceSamples(), [tag('S2', 'gupta', 'Lab A'), tag('S1', 'janssen', null)]);
    expect(a.change).toEqual({ added: ['S2', 'S1'], changed: [], removed: [] });
    expect(a.doc.samples.map((t) => t.sample_id)).toEqual(['S1', 'S2']);
    const same = mergeReferenceTags(a.doc, [tag('S1', 'janssen', null)]);
    expect(same.change).toEqual({ added: [], changed: [], removed: [] });
    const b = mergeReferenceTags(a.doc, [tag('S2', 'siegfried', 'Lab A')], ['S9', 'S1']);
    expect(b.change).toEqual({ added: [], changed: ['S2'], removed: ['S1'] });
    expect(b.doc.samples).toEqual([tag('S2', 'siegfried', 'Lab A')]);
  });

  it('live in the workspace, with an audit line naming what changed', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'refs', ACTOR);
    expect(await loadReferenceSamples(ws)).toEqual(emptyReferenceSamples());
    const { doc, change } = mergeReferenceTags(emptyReferenceSamples(), [tag('S1', 'gupta', 'Lab A')]);
    expect(await saveReferenceSamples(ws, doc, change, 'refs.csv')).toBe(true);
    expect(await loadReferenceSamples(ws)).toEqual({ ...doc, version: 'V0001' });
    const again = mergeReferenceTags(doc, [tag('S1', 'gupta', 'Lab A')]);
    expect(await saveReferenceSamples(ws, again.doc, again.change, 'refs.csv')).toBe(false);
    const reopened = await Workspace.open(new NodeFileStore(t.dir), ACTOR);
    expect((await loadReferenceSamples(reopened)).samples).toEqual([tag('S1', 'gupta', 'Lab A')]);
    const audit = (await reopened.readAudit()).entries;
    expect(audit.map((e) => e.action)).toEqual(['workspace.create', 'reference.save', 'reference.tag']);
    expect(audit[2]).toMatchObject({ summary: 'Reference samples from refs.csv: 1 added, 0 changed, 0 removed', details: { added: ['S1'], version: 'V0001' } });
  });

  it('each change is a new version that is never rewritten; config/reference-samples.json is a copy of the one in force', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'refs', ACTOR);
    const first = mergeReferenceTags(emptyReferenceSamples(), [tag('S1', 'gupta', 'Lab A')]);
    await saveReferenceSamples(ws, first.doc, first.change, 'a.csv');
    const v1 = read(t.dir, 'reference-samples-V0001.json');
    const second = mergeReferenceTags(await loadReferenceSamples(ws), [tag('S1', 'janssen', 'Lab A'), tag('S2', 'gupta', null)]);
    await saveReferenceSamples(ws, second.doc, second.change, 'b.csv');
    expect(read(t.dir, 'reference-samples-V0001.json')).toEqual(v1);
    const v2 = read(t.dir, 'reference-samples-V0002.json');
    expect(read(t.dir, 'reference-samples.json')).toEqual(v2);
    expect(JSON.parse(v2)).toMatchObject({ format: REFERENCE_FORMAT, schema_version: 2, version: 'V0002', samples: [{ sample_id: 'S1', route: 'janssen' }, { sample_id: 'S2' }] });
    expect(Object.keys(ws.manifest.documents)).toEqual(['reference-samples-V0001', 'reference-samples', 'reference-samples-V0002']);
    const save = (await ws.readAudit()).entries.filter((e) => e.action === 'reference.save').at(-1)!;
    expect(save).toMatchObject({
      summary: 'Saved config/reference-samples-V0002.json (version V0002, in force, copied to config/reference-samples.json)',
      details: { document: 'reference-samples', version: 'V0002', sha256: sha(v2) },
    });
    expect(save.written.map((w) => w.path)).toEqual(['config/reference-samples-V0002.json', 'config/reference-samples.json', 'workspace.json']);
    // The copy is for people and scripts: the workbench reads the version the manifest names.
    writeFileSync(path.join(t.dir, 'config', 'reference-samples.json'), '{}');
    expect((await loadReferenceSamples(await Workspace.open(new NodeFileStore(t.dir), ACTOR))).version).toBe('V0002');
    // A changed version is refused, not read.
    writeFileSync(path.join(t.dir, 'config', 'reference-samples-V0002.json'), v2.replace('janssen', 'siegfried'));
    await expect(loadReferenceSamples(await Workspace.open(new NodeFileStore(t.dir), ACTOR))).rejects.toThrow(/reference-samples-V0002\.json has changed since it was written/);
  });

  it('a workspace of the earlier layout (config/reference-samples.json edited in place, schema 1) is read, and its first save keeps that file byte for byte as V0001', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'old', ACTOR);
    const old = { format: REFERENCE_FORMAT, schema_version: 1, samples: [tag('S1', 'gupta', 'Lab A')] };
    await ws.putDocument('reference-samples', old, 'reference.save');
    const oldBytes = read(t.dir, 'reference-samples.json');
    const loaded = await loadReferenceSamples(ws);
    expect(loaded).toEqual({ format: REFERENCE_FORMAT, schema_version: 2, version: null, samples: old.samples });
    const next = mergeReferenceTags(loaded, [tag('S2', 'janssen', null)]);
    await saveReferenceSamples(ws, next.doc, next.change, 'more.csv');
    expect(read(t.dir, 'reference-samples-V0001.json')).toEqual(oldBytes);
    expect(ws.manifest.documents['reference-samples-V0001'].sha256).toBe(sha(oldBytes));
    expect(await loadReferenceSamples(ws)).toMatchObject({ version: 'V0002', samples: [{ sample_id: 'S1' }, { sample_id: 'S2' }] });
    expect((await ws.readAudit()).entries.at(-2)).toMatchObject({
      action: 'reference.save',
      summary: 'Saved config/reference-samples-V0002.json (version V0002, in force, copied to config/reference-samples.json); the document as kept before versions is config/reference-samples-V0001.json',
      details: { version: 'V0002', kept_before_versions: 'V0001' },
    });
  });

  it('a save cut before the manifest is written is finished on the next open (its files were all written), audited, and the next save succeeds', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'crash', ACTOR);
    const first = mergeReferenceTags(emptyReferenceSamples(), [tag('S1', 'gupta', 'Lab A')]);
    await saveReferenceSamples(ws, first.doc, first.change, 'a.csv');
    const real = new NodeFileStore(t.dir);
    const crashing: FileStore = {
      location: real.location, read: (p) => real.read(p), list: (d) => real.list(d), append: (p, b) => real.append(p, b),
      entries: (d) => real.entries(d), remove: (p) => real.remove(p), move: (a, b) => real.move(a, b),
      lock: (o, opts) => real.lock(o, opts), lockHolder: () => real.lockHolder(),
      writeAtomic: async (p, b) => {
        if (p === layout.manifest) throw new Error('power cut');
        await real.writeAtomic(p, b);
      },
    };
    const cut = await Workspace.open(crashing, ACTOR);
    const second = mergeReferenceTags(await loadReferenceSamples(cut), [tag('S2', 'janssen', null)]);
    await expect(saveReferenceSamples(cut, second.doc, second.change, 'b.csv')).rejects.toThrow(/power cut/);
    const reopened = await Workspace.open(new NodeFileStore(t.dir), ACTOR);
    expect(reopened.recovered?.interrupted).toMatchObject({ action: 'reference.save', outcome: 'finished' });
    expect(await loadReferenceSamples(reopened)).toMatchObject({ version: 'V0002', samples: [{ sample_id: 'S1' }, { sample_id: 'S2' }] });
    const entries = (await reopened.readAudit()).entries;
    expect(entries.filter((e) => e.action === 'reference.save')).toHaveLength(2);
    expect(entries.at(-1)).toMatchObject({ action: 'workspace.recover', summary: expect.stringMatching(/^Finished the interrupted reference.save/) });
    const third = mergeReferenceTags(await loadReferenceSamples(reopened), [tag('S3', 'janssen', null)]);
    await saveReferenceSamples(reopened, third.doc, third.change, 'c.csv');
    expect(await loadReferenceSamples(reopened)).toMatchObject({ version: 'V0003' });
  });

  it('migrates a schema-1 set (kept before versions), refuses a sample tagged twice and documents from a newer version', () => {
    expect(readReferenceSamples({ format: REFERENCE_FORMAT, schema_version: 1, samples: [] })).toEqual(emptyReferenceSamples());
    const doc = { ...emptyReferenceSamples(), samples: [tag('S1', 'gupta', null), tag('S1', 'janssen', null)] };
    expect(() => readReferenceSamples(doc)).toThrow(/S1 is tagged twice/);
    expect(() => readReferenceSamples({ ...emptyReferenceSamples(), schema_version: REFERENCE_VERSION + 1 })).toThrow(/newer Signature Workbench/);
    expect(() => readReferenceSamples({ ...emptyReferenceSamples(), samples: [{ ...tag('S1', 'gupta', null), kind: 'rumour' }] })).toThrow(/samples\.0\.kind/);
  });
});
