/**
 * The class annotations record: an explicit decision and a reason for every annotation, who made it in every audit
 * line, withdrawal by a later annotation (the earlier one kept as written), and the migration from schema 1.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { Workspace } from '../../../shared/workspace/Workspace';
import { addAnnotation, classRecord, loadAnnotations, readAnnotations, withdrawAnnotation, type Decision } from '../../../renderer/data/class-annotations';
import { tempDir } from '../../util/temp-dir';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
const audit = () => readFileSync(path.join(tmp.dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const base = { class_id: 3, run_id: 'R0001', members: 5, at: '2026-11-25T10:00:00Z' };

beforeEach(async () => {
  tmp = tempDir('sigwb-annotations-');
  ws = await Workspace.create(new NodeFileStore(tmp.dir), 'annotations', { user: 'Ana Analyst', appVersion: 'test' });
});
afterEach(() => tmp.cleanup());

describe('class annotations', () => {
  it('refuse an annotation without an explicit decision or without a reason, and write nothing', async () => {
    const before = readFileSync(path.join(tmp.dir, 'audit.jsonl'), 'utf8');
    await expect(addAnnotation(ws, { ...base, decision: 'link-confirmed', note: '   ', by: 'Ana Analyst' })).rejects.toThrow(/Link confirmed needs a reason/);
    await expect(addAnnotation(ws, { ...base, decision: 'withdrawal' as Decision, note: 'x', by: 'Ana Analyst' })).rejects.toThrow(/choose what the annotation records/);
    expect(readFileSync(path.join(tmp.dir, 'audit.jsonl'), 'utf8')).toBe(before);
    expect((await loadAnnotations(ws)).annotations).toEqual([]);
  });

  it('record who decided what and why, in the document and in the audit log', async () => {
    await addAnnotation(ws, { ...base, decision: 'link-confirmed', note: ' same press marks ', by: 'Ana Analyst' });
    const doc = await loadAnnotations(ws);
    expect(doc.annotations).toEqual([{ ...base, id: 'A0001', decision: 'link-confirmed', note: 'same press marks', withdraws: null, by: 'Ana Analyst' }]);
    const lines = audit();
    expect(lines.every((l) => l.who === 'Ana Analyst')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ action: 'class.annotate', summary: 'Class 3 (run R0001, 5 samples): link confirmed (A0001): same press marks', details: { annotation: 'A0001', decision: 'link-confirmed' } });
  });

  it('withdraw an annotation by a later one that says why; the first stays as written, and cannot be withdrawn twice', async () => {
    await addAnnotation(ws, { ...base, decision: 'link-confirmed', note: 'same press marks', by: 'Ana Analyst' });
    await addAnnotation(ws, { ...base, decision: 'note', note: 'case officer asked for the report', by: 'Ana Analyst' });
    const asWritten = (await loadAnnotations(ws)).annotations[0];
    await expect(withdrawAnnotation(ws, 'A0001', { note: '', by: 'Bo Reviewer', at: '2026-11-26T09:00:00Z' })).rejects.toThrow(/needs a reason/);
    await withdrawAnnotation(ws, 'A0001', { note: 'entered on the wrong class', by: 'Bo Reviewer', at: '2026-11-26T09:00:00Z' });
    const doc = await loadAnnotations(ws);
    expect(doc.annotations[0]).toEqual(asWritten);
    expect(doc.annotations[2]).toMatchObject({ id: 'A0003', decision: 'withdrawal', withdraws: 'A0001', by: 'Bo Reviewer', note: 'entered on the wrong class' });
    const record = classRecord(doc, 3);
    expect(record.map((r) => [r.annotation.id, r.withdrawnBy?.id ?? null])).toEqual([['A0001', 'A0003'], ['A0002', null]]);
    expect(audit().at(-1)).toMatchObject({ action: 'class.annotation.withdraw', details: { withdraws: 'A0001' } });
    await expect(withdrawAnnotation(ws, 'A0001', { note: 'again', by: 'Bo Reviewer', at: '2026-11-26T09:05:00Z' })).rejects.toThrow(/already withdrawn by Bo Reviewer \(A0003\)/);
    await expect(withdrawAnnotation(ws, 'A0009', { note: 'x', by: 'Bo Reviewer', at: '2026-11-26T09:05:00Z' })).rejects.toThrow(/no annotation A0009/);
  });

  it('read schema 1 documents (no ids, reasons could be empty) with ids in the order made', () => {
    const v1 = {
      format: 'signature-workbench/class-annotations',
      schema_version: 1,
      annotations: [
        { ...base, decision: 'link-confirmed', note: '', by: 'analyst' },
        { ...base, decision: 'note', note: 'later', by: 'analyst' },
      ],
    };
    const doc = readAnnotations(v1);
    expect(doc.schema_version).toBe(2);
    expect(doc.annotations.map((a) => [a.id, a.withdraws, a.note])).toEqual([['A0001', null, ''], ['A0002', null, 'later']]);
    expect(() => readAnnotations({ ...v1, schema_version: 3 })).toThrow(/newer Signature Workbench/);
  });
});
