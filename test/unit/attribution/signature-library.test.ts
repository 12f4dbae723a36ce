import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { unknownCompounds } from '../../../shared/attribution/compound-match';
import {
  drugLibrary, drugOfRoute, findRoute, libraryCompounds, LIBRARY_VERSION, readSignatureLibrary, SignatureLibraryError,
} from '../../../shared/attribution/signature-library';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';

const clone = () => JSON.parse(JSON.stringify(DEFAULT_SIGNATURE_LIBRARY)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the default signature library', () => {
  it('reads back from its JSON form unchanged', () => {
    expect(readSignatureLibrary(clone())).toEqual(DEFAULT_SIGNATURE_LIBRARY);
  });

  it('has the fentanyl and methamphetamine routes of the brief', () => {
    expect(drugLibrary(DEFAULT_SIGNATURE_LIBRARY, 'Fentanyl')!.routes.map((r) => r.id)).toEqual(['janssen', 'siegfried', 'gupta', '4-ap', '1-boc-4-ap']);
    expect(drugLibrary(DEFAULT_SIGNATURE_LIBRARY, 'methamphetamine')!.routes.map((r) => r.id)).toEqual([
      'ephedrine-hi-red-p', 'ephedrine-emde', 'p2p-leuckart', 'p2p-reductive-amination',
    ]);
  });

  it('is honest: every rule cites a source or is an assumption with a note, and every threshold is an assumption', () => {
    for (const d of DEFAULT_SIGNATURE_LIBRARY.drugs) {
      for (const m of d.markers) {
        expect(m.source !== null || m.assumption, m.id).toBe(true);
        // The literature reports these compounds, not transferable abundances: every threshold is an assumption.
        expect(m.assumption, m.id).toBe(true);
        expect(m.note.length, m.id).toBeGreaterThan(20);
      }
      for (const r of d.routes) if (r.precursors.length) expect(r.precursors_source !== null || r.precursors_assumption, r.id).toBe(true);
    }
    expect(DEFAULT_SIGNATURE_LIBRARY.evidence_scale.assumption).toBe(true);
  });

  it('carries the literature links of DOMAIN.md', () => {
    const rule = (id: string) => DEFAULT_SIGNATURE_LIBRARY.drugs.flatMap((d) => d.markers).find((m) => m.id === id)!;
    expect(rule('phenethyl-4-anpp-gupta')).toMatchObject({ routes: ['gupta'], strength: 'moderate', proposed: true, source: expect.stringContaining('Vandeputte et al. 2021') });
    expect(rule('n-formylmethamphetamine-leuckart')).toMatchObject({ routes: ['p2p-leuckart'], source: expect.stringContaining('Kunalan et al. 2009') });
    expect(rule('n-formylmethamphetamine-leuckart').min_fraction).toBeGreaterThan(0.01);
    expect(rule('cis-aziridine-ephedrine').source).toContain('Allen et al. 1987');
    expect(rule('chloroephedrine-ephedrine').source).toContain('Allen et al. 1987');
    expect(rule('1-benzyl-3-methylnaphthalene-hi-red-p')).toMatchObject({ routes: ['ephedrine-hi-red-p'], source: expect.stringContaining('Cantrell et al. 1988') });
  });

  it('names compounds by the dictionary\'s canonical names', () => {
    expect(unknownCompounds(libraryCompounds(DEFAULT_SIGNATURE_LIBRARY), DEFAULT_COMPOUND_DICTIONARY)).toEqual([]);
  });

  it('finds routes by id, name or synonym, as the sample data and analysts write them', () => {
    const f = drugLibrary(DEFAULT_SIGNATURE_LIBRARY, 'fentanyl')!;
    expect(findRoute(f, 'Gupta')!.id).toBe('gupta');
    expect(findRoute(f, 'one-pot')!.id).toBe('gupta');
    expect(findRoute(f, 'JANSSEN')!.id).toBe('janssen');
    expect(findRoute(f, '1-Boc-4-AP route')!.id).toBe('1-boc-4-ap');
    expect(findRoute(f, 'Leuckart')).toBeNull();
    expect(drugOfRoute(DEFAULT_SIGNATURE_LIBRARY, 'Leuckart')!.drug).toBe('methamphetamine');
    expect(drugOfRoute(DEFAULT_SIGNATURE_LIBRARY, 'nowhere')).toBeNull();
  });
});

describe('signature library schema', () => {
  const fails = (mutate: (lib: Record<string, any>) => void, message: RegExp) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const lib = clone();
    mutate(lib);
    expect(() => readSignatureLibrary(lib, 'lib.json')).toThrow(message);
  };

  it('refuses a rule with neither source nor assumption, or an assumption without a note', () => {
    fails((l) => Object.assign(l.drugs[0].markers[0], { source: null, assumption: false }), /drugs\.0\.markers\.0\.assumption: a rule without a source must be marked an assumption/);
    fails((l) => Object.assign(l.drugs[0].markers[0], { note: ' ' }), /say why the assumption/);
  });

  it('refuses a rule for a route the drug lacks, duplicate ids, and bad thresholds', () => {
    fails((l) => (l.drugs[0].markers[0].routes = ['leuckart']), /leuckart is not a fentanyl route/);
    fails((l) => (l.drugs[0].markers[1].id = l.drugs[0].markers[0].id), /appears twice/);
    fails((l) => (l.drugs[0].routes[1].id = 'janssen'), /route janssen appears twice/);
    fails((l) => (l.drugs[0].markers[0].min_fraction = 0), /markers\.0\.min_fraction/);
    fails((l) => (l.drugs[0].markers[0].full_fraction = l.drugs[0].markers[0].min_fraction), /must be above min_fraction/);
    fails((l) => (l.drugs[0].markers[0].strength = 'certain'), /strength/);
  });

  it('refuses precursor proportions that do not sum to 1', () => {
    fails((l) => (l.drugs[0].routes[0].precursors[0].proportion = 0.9), /proportions sum to/);
  });

  it('refuses a newer schema version, a missing one, and a version without a migration', () => {
    fails((l) => (l.schema_version = LIBRARY_VERSION + 1), /newer Signature Workbench/);
    fails((l) => delete l.schema_version, /schema_version is missing/);
    fails((l) => (l.schema_version = 0), /schema_version is missing or not a positive integer/);
    expect(() => readSignatureLibrary('nope')).toThrow(SignatureLibraryError);
  });
});
