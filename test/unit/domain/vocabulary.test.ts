/**
 * The controlled vocabularies: the shipped terms read the sample data's French and English values alike, the
 * notes an import gives say what was harmonised and what is flagged, edits are validated whole, and a version
 * saved in a workspace is audited and in force.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { DEFAULT_VOCABULARIES } from '../../../shared/domain/default-vocabularies';
import { mapValues, mappingNotes, termLookup, Vocabularies } from '../../../shared/domain/vocabulary';
import { applyVocabularyEdit } from '../../../shared/domain/vocabulary-edit';
import { loadVocabularies, parseVocabulariesText, saveVocabularies } from '../../../shared/domain/workspace-vocabulary';
import { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';

describe('the shipped vocabularies', () => {
  const lookup = termLookup(DEFAULT_VOCABULARIES);

  it('validate, and read French, English and postal codes as one term', () => {
    expect(Vocabularies.safeParse(DEFAULT_VOCABULARIES).success).toBe(true);
    expect(['poudre', 'Powder', ' POUDRE ', 'powder'].map((v) => lookup.form.get(v.toLowerCase().trim()))).toEqual(['powder', 'powder', 'powder', 'powder']);
    expect(lookup.form.get('comprimé')).toBe('tablet');
    expect(lookup.form.get('liquide')).toBe('liquid');
    expect(['québec', 'qc', 'quebec', 'pq'].map((v) => lookup.region.get(v))).toEqual(['Quebec', 'Quebec', 'Quebec', 'Quebec']);
    expect(['colombie-britannique', 'bc', 'c.-b.'].map((v) => lookup.region.get(v))).toEqual(['British Columbia', 'British Columbia', 'British Columbia']);
    expect(lookup.region.get('wa')).toBe('Washington');
    expect(lookup.main_drug.get('méthamphétamine')).toBe('methamphetamine');
  });

  it('say what was harmonised and flag what no term names, never guessing', () => {
    const m = mapValues(DEFAULT_VOCABULARIES, 'form', [{ value: 'powder', rows: 319 }, { value: 'poudre', rows: 70 }, { value: 'comprimé', rows: 5 }, { value: 'gel', rows: 3 }]);
    expect(m.values.map((v) => v.canonical)).toEqual(['powder', 'powder', 'tablet', null]);
    expect(mappingNotes(m)).toEqual([
      'form: "poudre" read as powder (70 rows), "comprimé" read as tablet (5 rows); the value as written is kept in form_raw',
      'form: "gel" (3 rows) is in no vocabulary term: kept as written and flagged (add a term or a synonym in Data › Vocabularies)',
    ]);
    expect(mappingNotes(mapValues(DEFAULT_VOCABULARIES, 'form', [{ value: 'powder', rows: 1 }]))).toEqual([]);
  });
});

describe('editing the vocabularies', () => {
  it('maps a value as a synonym, adds a term, and refuses a written form that would name two terms', () => {
    const added = applyVocabularyEdit(DEFAULT_VOCABULARIES, { kind: 'synonym', field: 'form', term: 'powder', synonym: 'pulver' });
    expect(added).toMatchObject({ ok: true, summary: 'form: "pulver" read as powder' });
    const clash = applyVocabularyEdit(DEFAULT_VOCABULARIES, { kind: 'synonym', field: 'form', term: 'tablet', synonym: 'poudre' });
    expect(clash).toEqual({ ok: false, message: '"poudre" names both powder and tablet' });
    expect(applyVocabularyEdit(DEFAULT_VOCABULARIES, { kind: 'add-term', field: 'form', value: '  ' })).toEqual({ ok: false, message: 'write the term' });
    expect(applyVocabularyEdit(DEFAULT_VOCABULARIES, { kind: 'synonym', field: 'form', term: 'gel', synonym: 'x' })).toEqual({ ok: false, message: 'the form vocabulary has no term gel' });
  });

  it('refuses an edited file whole, naming where it is wrong', () => {
    const doc = JSON.parse(JSON.stringify(DEFAULT_VOCABULARIES));
    doc.fields.form[2].value = '';
    expect(() => parseVocabulariesText(JSON.stringify(doc), 'voc.json')).toThrow(/^voc\.json: fields\.form\.2\.value: /);
    expect(() => parseVocabulariesText('{', 'voc.json')).toThrow(/voc\.json is not valid JSON/);
  });
});

describe('a workspace\'s vocabularies', () => {
  let tmp: ReturnType<typeof tempDir>;
  let ws: Workspace;
  beforeEach(async () => {
    tmp = tempDir('sigwb-vocab-');
    ws = await Workspace.create(new NodeFileStore(tmp.dir), 'vocab', { user: 'Ana Analyst', appVersion: 'test' });
  });
  afterEach(() => tmp.cleanup());

  it('are the shipped ones until saved; a save is a new version in force, audited with what changed', async () => {
    expect(await loadVocabularies(ws)).toEqual(DEFAULT_VOCABULARIES);
    const edit = applyVocabularyEdit(DEFAULT_VOCABULARIES, { kind: 'add-term', field: 'form', value: 'gel' });
    if (!edit.ok) throw new Error(edit.message);
    const change = await saveVocabularies(ws, { ...edit.doc, version: '2026-11-30.1' });
    expect(change).toBe('form: 1 term added (gel)');
    expect((await loadVocabularies(ws)).fields.form.map((t) => t.value)).toContain('gel');
    expect(Object.keys(ws.manifest.documents)).toEqual(expect.arrayContaining(['vocabularies-V0001', 'vocabularies']));
    const line = JSON.parse(readFileSync(path.join(tmp.dir, 'audit.jsonl'), 'utf8').trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ who: 'Ana Analyst', action: 'vocabularies.save', details: { document: 'vocabularies', version: 'V0001', vocabularies_version: '2026-11-30.1' } });
    expect(line.summary).toContain('form: 1 term added (gel)');
  });
});
