import { afterEach, describe, expect, it } from 'vitest';
import { NodeFileStore } from '../../../electron/services/node-file-store';
import {
  emptyReferenceSamples, loadReferenceSamples, mergeReferenceTags, readReferenceSamples, REFERENCE_VERSION, saveReferenceSamples, type ReferenceTag,
} from '../../../shared/attribution/reference-tags';
import { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';

const ACTOR = { user: 'ana.analyst', appVersion: '0.1.0', now: () => new Date('2026-11-25T10:00:00Z') };
const tag = (id: string, route: string, source: string | null): ReferenceTag => ({
  sample_id: id, drug: 'fentanyl', route, source, kind: 'dismantled-lab', note: '', tagged_by: 'ana.analyst', tagged_at: '2026-11-25T10:00:00Z',
});

let cleanup = (): void => undefined;
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
    expect(await loadReferenceSamples(ws)).toEqual(doc);
    const again = mergeReferenceTags(doc, [tag('S1', 'gupta', 'Lab A')]);
    expect(await saveReferenceSamples(ws, again.doc, again.change, 'refs.csv')).toBe(false);
    const reopened = await Workspace.open(new NodeFileStore(t.dir), ACTOR);
    expect((await loadReferenceSamples(reopened)).samples).toEqual([tag('S1', 'gupta', 'Lab A')]);
    const audit = (await reopened.readAudit()).entries;
    expect(audit.map((e) => e.action)).toEqual(['workspace.create', 'reference.save', 'reference.tag']);
    expect(audit[2]).toMatchObject({ summary: 'Reference samples from refs.csv: 1 added, 0 changed, 0 removed', details: { added: ['S1'] } });
  });

  it('refuses a sample tagged twice and documents from a newer version', () => {
    const doc = { ...emptyReferenceSamples(), samples: [tag('S1', 'gupta', null), tag('S1', 'janssen', null)] };
    expect(() => readReferenceSamples(doc)).toThrow(/S1 is tagged twice/);
    expect(() => readReferenceSamples({ ...emptyReferenceSamples(), schema_version: REFERENCE_VERSION + 1 })).toThrow(/newer Signature Workbench/);
    expect(() => readReferenceSamples({ ...emptyReferenceSamples(), samples: [{ ...tag('S1', 'gupta', null), kind: 'rumour' }] })).toThrow(/samples\.0\.kind/);
  });
});
