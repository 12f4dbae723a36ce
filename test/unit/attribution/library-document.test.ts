import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { libraryDictionaryWarnings, loadSignatureLibrary, saveSignatureLibrary } from '../../../shared/attribution/library-document';
import { referenceDrug } from '../../../shared/attribution/workspace-attribution';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';

const ACTOR = { user: 'ana.analyst', appVersion: '0.1.0', now: () => new Date('2026-11-25T10:00:00Z') };
let cleanup = (): void => undefined;
afterEach(() => cleanup());

describe('the signature library in force', () => {
  it('is the shipped default until the lab saves its own, which is audited and read back', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'lib', ACTOR);
    expect(await loadSignatureLibrary(ws)).toEqual({ library: DEFAULT_SIGNATURE_LIBRARY, origin: 'default' });
    const edited = { ...DEFAULT_SIGNATURE_LIBRARY, version: 'lab-2026.12' };
    await saveSignatureLibrary(ws, edited);
    const again = await loadSignatureLibrary(await Workspace.open(new NodeFileStore(t.dir), ACTOR));
    expect(again).toEqual({ library: edited, origin: 'workspace' });
    expect((await ws.readAudit()).entries.map((e) => e.action)).toEqual(['workspace.create', 'library.save']);
    await expect(saveSignatureLibrary(ws, { ...edited, version: '' })).rejects.toThrow();
  });

  it('is kept as versions: each save a new one, the latest in force; a library edited in place is kept byte for byte as V0001', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'lib', ACTOR);
    // The earlier layout: config/signature-library.json written in place.
    await ws.putDocument('signature-library', { ...DEFAULT_SIGNATURE_LIBRARY, version: 'lab-old' }, 'library.save');
    const earlier = readFileSync(path.join(t.dir, 'config', 'signature-library.json'));
    expect((await loadSignatureLibrary(ws)).library.version).toBe('lab-old');
    await saveSignatureLibrary(ws, { ...DEFAULT_SIGNATURE_LIBRARY, version: 'lab-new' });
    expect(readFileSync(path.join(t.dir, 'config', 'signature-library-V0001.json'))).toEqual(earlier);
    expect(readFileSync(path.join(t.dir, 'config', 'signature-library-V0002.json'))).toEqual(readFileSync(path.join(t.dir, 'config', 'signature-library.json')));
    const again = await Workspace.open(new NodeFileStore(t.dir), ACTOR);
    expect((await loadSignatureLibrary(again)).library.version).toBe('lab-new');
    expect((await ws.readAudit()).entries.at(-1)?.details).toMatchObject({ document: 'signature-library', version: 'V0002', kept_before_versions: 'V0001' });
  });

  it('warns of compounds the dictionary does not know or knows under another name', () => {
    const lib = JSON.parse(JSON.stringify(DEFAULT_SIGNATURE_LIBRARY));
    lib.drugs[0].markers[0].compound = 'Phenethyl 4-ANPP';
    lib.drugs[0].markers[1].compound = 'mystery peak';
    expect(libraryDictionaryWarnings(lib, DEFAULT_COMPOUND_DICTIONARY)).toEqual([
      'The signature library names "Phenethyl 4-ANPP", a synonym of "phenethyl-4-ANPP": use the canonical name.',
      'The signature library names "mystery peak", which the compound dictionary does not know: its rules only apply if a measured compound has exactly that name.',
    ]);
  });

  it('takes the drug from the references, or asks for one', () => {
    const r = (drug: string) => ({ sampleId: 's', route: 'x', source: null, drug });
    expect(referenceDrug([r('fentanyl'), r('fentanyl')])).toBe('fentanyl');
    expect(() => referenceDrug([r('fentanyl'), r('methamphetamine')])).toThrow(/fentanyl and methamphetamine: choose one drug/);
    expect(referenceDrug([r('fentanyl'), r('methamphetamine')], 'fentanyl')).toBe('fentanyl');
  });
});
