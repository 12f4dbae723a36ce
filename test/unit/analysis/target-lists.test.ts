import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { readTargetLists, readTargetListsDocument, saveTargetList, targetList, targetListSelection, targetListVersions } from '../../../shared/analysis/target-lists';
import { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';
import { TEST_ACTOR } from './make-workspace';

const author = { analyst: 'analyst-a', appVersion: '0.1.0', now: TEST_ACTOR.now };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function workspace() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return { dir: t.dir, ws: await Workspace.create(new NodeFileStore(t.dir), 'Target lists', TEST_ACTOR) };
}

describe('target lists', () => {
  it('saves each list per drug and method as versions, never changing an earlier one', async () => {
    const { dir, ws } = await workspace();
    expect((await readTargetLists(ws)).lists).toEqual([]);
    const v1 = await saveTargetList(ws, { drug: 'fentanyl', method: 'GC-MS v1', compounds: ['4-ANPP', 'NPP', 'norfentanyl'] }, author);
    expect(v1).toMatchObject({ version: 1, saved_by: 'analyst-a', note: null });
    const before = JSON.parse(readFileSync(path.join(dir, 'config', 'target-lists.json'), 'utf8')) as { lists: unknown[] };
    const v2 = await saveTargetList(ws, { drug: 'fentanyl', method: 'GC-MS v1', compounds: ['4-ANPP', 'NPP'], note: 'norfentanyl co-elutes' }, author);
    const other = await saveTargetList(ws, { drug: 'methamphetamine', method: 'GC-MS v1', compounds: ['N-formylmethamphetamine'] }, author);
    expect([v2.version, other.version]).toEqual([2, 1]);
    const after = JSON.parse(readFileSync(path.join(dir, 'config', 'target-lists.json'), 'utf8')) as { lists: unknown[] };
    expect(after.lists.slice(0, 1)).toEqual(before.lists);
    expect((await targetListVersions(ws, 'fentanyl', 'GC-MS v1')).map((l) => l.version)).toEqual([1, 2]);
    expect((await targetList(ws, 'fentanyl', 'GC-MS v1'))?.compounds).toEqual(['4-ANPP', 'NPP']);
    expect((await targetList(ws, 'fentanyl', 'GC-MS v1', 1))?.compounds).toEqual(['4-ANPP', 'NPP', 'norfentanyl']);
    expect(await targetList(ws, 'cocaine', 'GC-MS v1')).toBeNull();
    expect(targetListSelection(v1)).toEqual({ compounds: ['4-ANPP', 'NPP', 'norfentanyl'], targetList: { drug: 'fentanyl', method: 'GC-MS v1', version: 1 }, sampleFilter: undefined });
    const { entries } = await ws.readAudit();
    expect(entries.filter((e) => e.action === 'target-list.save')).toHaveLength(3);
  });

  it('validates lists and the document', async () => {
    const { ws } = await workspace();
    await expect(saveTargetList(ws, { drug: 'fentanyl', method: 'm', compounds: [] }, author)).rejects.toThrow();
    await expect(saveTargetList(ws, { drug: 'fentanyl', method: 'm', compounds: ['NPP', 'NPP'] }, author)).rejects.toThrow(/appears twice/);
    const doc = await readTargetLists(ws);
    expect(readTargetListsDocument(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    expect(() => readTargetListsDocument({ ...doc, schema_version: 3 })).toThrow(/newer Signature Workbench/);
    const dup = { ...doc, lists: [...Array(2)].map(() => ({ drug: 'd', method: 'm', version: 1, saved_at: '', saved_by: '', compounds: ['a'], note: null })) };
    expect(() => readTargetListsDocument(dup)).toThrow(/appears twice/);
  });
});
