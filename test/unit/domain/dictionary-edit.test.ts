import { describe, expect, it } from 'vitest';
import { CompoundDictionary, buildLookup, normaliseCompoundKey } from '../../../shared/domain/compound-dictionary';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { applyDictionaryEdit, nextDictionaryVersion, removalBlockers, type CompoundUsage, type DictionaryEditResult } from '../../../shared/domain/dictionary-edit';

const now = new Date('2026-11-25T10:00:00Z');
const dict = DEFAULT_COMPOUND_DICTIONARY;
const unused: CompoundUsage = { measurements: 0, targetLists: [], library: false };

function ok(r: DictionaryEditResult) {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r;
}
function refusal(r: DictionaryEditResult): string {
  if (r.ok) throw new Error(`accepted: ${r.summary}`);
  return r.message;
}
const entry = (r: ReturnType<typeof ok>, name: string) => r.dictionary.compounds.find((c) => c.name === name);

describe('applyDictionaryEdit', () => {
  it('maps an unassigned name as a synonym: a valid dictionary, a new version, a summary for the audit log', () => {
    const r = ok(applyDictionaryEdit(dict, { kind: 'map', raw: ' Despropionyl fentanyl (DPF) ', compound: '4-ANPP' }, { now }));
    expect(CompoundDictionary.safeParse(r.dictionary).success).toBe(true);
    expect(entry(r, '4-ANPP')!.synonyms.at(-1)).toBe('Despropionyl fentanyl (DPF)');
    expect(buildLookup(r.dictionary).get(normaliseCompoundKey('despropionyl fentanyl(dpf)'))!.name).toBe('4-ANPP');
    expect(r.dictionary.version).toBe('2026-11-25.1');
    expect(r.dictionary.compounds).toHaveLength(dict.compounds.length);
    expect(r.summary).toBe(`compound dictionary 2026-11-25.1 (was ${dict.version}): mapped "Despropionyl fentanyl (DPF)" as a synonym of 4-ANPP`);
    expect(r.details).toMatchObject({ edit: 'map', version_before: dict.version, version: '2026-11-25.1', compound: '4-ANPP' });
    // The input is not changed.
    expect(dict.compounds.find((c) => c.name === '4-ANPP')!.synonyms).not.toContain('Despropionyl fentanyl (DPF)');
  });

  it('refuses a name or synonym that already names another compound, naming both', () => {
    expect(refusal(applyDictionaryEdit(dict, { kind: 'map', raw: 'ANPP', compound: 'fentanyl' }, { now }))).toBe(
      '"ANPP" is a synonym of 4-ANPP: it cannot also name fentanyl. A name or synonym may name one compound only.',
    );
    expect(refusal(applyDictionaryEdit(dict, { kind: 'map', raw: 'Caffeine', compound: 'fentanyl' }, { now }))).toMatch(/^"Caffeine" \(the same name as "caffeine"\) is the name of caffeine: it cannot also name fentanyl/);
    expect(refusal(applyDictionaryEdit(dict, { kind: 'map', raw: 'fentanyl HCl', compound: 'fentanyl' }, { now }))).toBe('"fentanyl HCl" already names fentanyl');
    const add = applyDictionaryEdit(dict, { kind: 'add', entry: { name: 'impurity RT 14.62', role: 'impurity', cas: null, synonyms: ['Unknown 14.62', 'tranq'] } }, { now });
    expect(refusal(add)).toMatch(/^"tranq" is a synonym of xylazine: it cannot also name impurity RT 14\.62/);
    const clash = applyDictionaryEdit(dict, { kind: 'add', entry: { name: 'Xylazine', role: 'adulterant', cas: null, synonyms: [] } }, { now });
    expect(refusal(clash)).toMatch(/is the name of xylazine: it cannot also name Xylazine/);
    // The schema lets two entries of the very same name through; an added compound may not repeat one.
    const twice = applyDictionaryEdit(dict, { kind: 'add', entry: { name: 'xylazine', role: 'adulterant', cas: null, synonyms: [] } }, { now });
    expect(refusal(twice)).toBe('xylazine is already in the dictionary: edit it instead');
    const update = applyDictionaryEdit(dict, { kind: 'update', compound: 'caffeine', entry: { role: 'adulterant', cas: '58-08-2', synonyms: ['lidocaine'] } }, { now });
    expect(refusal(update)).toMatch(/^"lidocaine" is the name of lidocaine: it cannot also name caffeine/);
  });

  it('adds a compound, keeping the unassigned name it came from as a synonym, and tidies the form', () => {
    const r = ok(
      applyDictionaryEdit(
        dict,
        { kind: 'add', entry: { name: ' impurity RT 14.62 ', role: 'impurity', cas: ' ', synonyms: ['', 'RT 14.62 peak', 'rt 14.62  PEAK'], note: '  ' }, raw: 'Unknown 14.62' },
        { now },
      ),
    );
    expect(entry(r, 'impurity RT 14.62')).toEqual({ name: 'impurity RT 14.62', cas: null, role: 'impurity', synonyms: ['Unknown 14.62', 'RT 14.62 peak'] });
    expect(r.summary).toMatch(/: added impurity RT 14\.62 \(impurity; synonyms: Unknown 14\.62, RT 14\.62 peak\)$/);
    // Named as written, the raw name is not repeated as a synonym.
    const same = ok(applyDictionaryEdit(dict, { kind: 'add', entry: { name: 'Unknown 14.62', role: 'impurity', cas: null, synonyms: [] }, raw: 'Unknown 14.62' }, { now }));
    expect(entry(same, 'Unknown 14.62')!.synonyms).toEqual([]);
  });

  it('checks the new entry with the import schema and says which compound and field is wrong', () => {
    const r = applyDictionaryEdit(dict, { kind: 'add', entry: { name: 'impurity RT 14.62', role: 'impurity', cas: '12345', synonyms: [] } }, { now });
    expect(refusal(r)).toBe('impurity RT 14.62 (CAS number): CAS number like 437-38-7');
    expect(refusal(applyDictionaryEdit(dict, { kind: 'add', entry: { name: '  ', role: 'impurity', cas: null, synonyms: [] } }, { now }))).toBe('the new compound needs a name');
    expect(refusal(applyDictionaryEdit(dict, { kind: 'map', raw: 'x', compound: 'no such compound' }, { now }))).toBe('no such compound is not in the dictionary');
  });

  it('edits role, CAS, synonyms and note, and says what changed', () => {
    const caffeine = dict.compounds.find((c) => c.name === 'caffeine')!;
    const r = ok(applyDictionaryEdit(dict, { kind: 'update', compound: 'caffeine', entry: { role: 'diluent', cas: caffeine.cas, synonyms: ['guaranine'], note: 'cut' } }, { now }));
    expect(entry(r, 'caffeine')).toEqual({ name: 'caffeine', cas: '58-08-2', role: 'diluent', synonyms: ['guaranine'], note: 'cut' });
    expect(r.summary).toMatch(/: changed caffeine: role adulterant → diluent; synonyms added: guaranine; note changed$/);
    expect(r.details).toMatchObject({ edit: 'update', before: caffeine, after: entry(r, 'caffeine') });
    expect(refusal(applyDictionaryEdit(dict, { kind: 'update', compound: 'caffeine', entry: caffeine }, { now }))).toBe('nothing to save: caffeine is unchanged');
  });

  it('removes a compound only when nothing depends on it, and says why not', () => {
    const r = ok(applyDictionaryEdit(dict, { kind: 'remove', compound: 'quinine' }, { now, usage: () => unused }));
    expect(entry(r, 'quinine')).toBeUndefined();
    expect(r.summary).toMatch(/: removed quinine \(adulterant\)$/);
    const used = () => ({ measurements: 42, targetLists: ['fentanyl / GC-MS version 2'], library: true });
    expect(refusal(applyDictionaryEdit(dict, { kind: 'remove', compound: 'quinine' }, { now, usage: used }))).toBe(
      'quinine cannot be removed: 42 results are mapped to it and would become “unassigned”; the target list fentanyl / GC-MS version 2 names it; the signature library names it (a marker rule or precursor profile)',
    );
    expect(removalBlockers(unused)).toEqual([]);
    expect(removalBlockers({ measurements: 1, targetLists: ['a', 'b'], library: false })).toEqual(['1 result is mapped to it and would become “unassigned”', 'the target lists a, b name it']);
  });
});

describe('nextDictionaryVersion', () => {
  it('counts the edits of a day, starting again on a new day', () => {
    expect(nextDictionaryVersion('default-2026.11', now)).toBe('2026-11-25.1');
    expect(nextDictionaryVersion('2026-11-25.1', now)).toBe('2026-11-25.2');
    expect(nextDictionaryVersion('2026-11-24.7', now)).toBe('2026-11-25.1');
    expect(nextDictionaryVersion('lab-2026.1', now)).toBe('2026-11-25.1');
  });
});
