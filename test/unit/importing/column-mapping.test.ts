import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../shared/importing/column-mapping';
import { compoundKeys } from '../../../shared/importing/import-plan';
import { numberParser } from '../../../shared/importing/number-format';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import type { ImportProfile } from '../../../shared/importing/import-profile';

const map = (headers: string[], sampleRows: string[][] = [], profile: ImportProfile | null = null) =>
  mapColumns({ headers, sampleRows, profile, isCompound: compoundKeys(DEFAULT_COMPOUND_DICTIONARY).known, parseNumber: numberParser({ decimal: '.', thousands: '' }) });

describe('mapColumns', () => {
  it('maps instrument headers through the synonym table and recognises long results', () => {
    const m = map(['Data File', 'Sample Name', 'Compound Name', 'RT [min]', 'Peak Area', 'Acq. Method', 'Instrument', 'Acq. Date-Time', 'Vial']);
    if (!('map' in m)) throw new Error('refused');
    expect(m.map.kind).toBe('results-long');
    expect(m.map.field).toEqual({ sample_id: 1, compound: 2, rt_min: 3, area: 4, method: 5, instrument: 6, analysed_on: 7 });
    expect(m.warnings).toEqual(['columns not imported: "Data File", "Vial"']);
  });

  it.each([
    [['Lab No', 'Analyte', 'Resp.'], { sample_id: 0, compound: 1, area: 2 }],
    [['sample_id', 'compound', 'area', 'rt_min', 'unit', 'method', 'instrument', 'analysed_on'], { sample_id: 0, compound: 1, area: 2, rt_min: 3, unit: 4, method: 5, instrument: 6, analysed_on: 7 }],
  ])('maps %j', (headers, expected) => {
    const m = map(headers);
    expect('map' in m && m.map.field).toEqual(expected);
  });

  it('recognises sample metadata and keeps extra columns under x_ names', () => {
    const m = map(['No échantillon', 'No pièce', 'Date de saisie', 'Ville', 'Pureté (%)', 'Notes', 'Lot #']);
    if (!('map' in m)) throw new Error('refused');
    expect(m.map.kind).toBe('samples');
    expect(m.map.field).toEqual({ sample_id: 0, seizure_id: 1, seized_on: 2, city: 3, purity_pct: 4 });
    expect(m.map.columns.filter((c) => c.role === 'extra').map((c) => c.target)).toEqual(['x_notes', 'x_lot_no']);
  });

  it('recognises wide results: compound columns by dictionary name or numeric values; text columns are left out', () => {
    const m = map(['Sample ID', 'Fentanyl Area', 'Mystery peak', 'Comment'], [['S1', '12', '3.5', 'ok'], ['S2', 'nd', '4', 'redo']]);
    if (!('map' in m)) throw new Error('refused');
    expect(m.map.kind).toBe('results-wide');
    expect(m.map.columns.map((c) => [c.role, c.target ?? null, c.by])).toEqual([
      ['field', null, 'canonical'],
      ['compound', 'Fentanyl', 'dictionary'],
      ['compound', 'Mystery peak', 'values'],
      ['ignored', null, 'unmatched'],
    ]);
  });

  it('does not read a retention-time column of a wide file as a compound (it would enter the signatures)', () => {
    const m = map(['Sample ID', 'RT', 'Fentanyl Area', 'Mystery peak'], [['S1', '7.2', '12', '3.5'], ['S2', '7.3', 'nd', '4']]);
    if (!('map' in m)) throw new Error('refused');
    expect(m.map.kind).toBe('results-wide');
    expect(m.map.columns.filter((c) => c.role === 'compound').map((c) => c.target)).toEqual(['Fentanyl', 'Mystery peak']);
    expect(m.warnings).toEqual(['columns not imported: "RT"']);
  });

  it('names the missing required columns', () => {
    expect(map(['Sample Name', 'Compound', 'RT'])).toMatchObject({ missing: [{ field: 'area', reason: expect.stringContaining('missing required column area') }] });
    expect(map(['Compound', 'Area'])).toMatchObject({ missing: [{ field: 'sample_id', reason: expect.stringContaining('missing required column sample_id') }] });
  });

  it('keeps the mapping as far as it went when a required column is missing', () => {
    const m = map(['Sample ID', 'Compound', 'Signal', 'RT (min)']);
    if (!('partial' in m)) throw new Error('not refused');
    expect(m.partial.kind).toBe('results-long');
    expect(m.partial.field).toEqual({ sample_id: 0, compound: 1, rt_min: 3 });
    expect(m.partial.columns.map((c) => [c.header, c.role, c.field, c.by])).toEqual([
      ['Sample ID', 'field', 'sample_id', 'canonical'],
      ['Compound', 'field', 'compound', 'canonical'],
      ['Signal', 'ignored', null, 'unmatched'],
      ['RT (min)', 'field', 'rt_min', 'canonical'],
    ]);
  });

  it('follows a profile before the synonyms', () => {
    const profile: ImportProfile = { name: 'Shimadzu', columns: { Name: 'sample_id', ID: 'compound', 'Area%': 'ignore', 'Conc.': 'area' }, options: {} };
    const m = map(['Name', 'ID', 'Area%', 'Conc.'], [], profile);
    expect('map' in m && m.map.field).toEqual({ sample_id: 0, compound: 1, area: 3 });
  });
});
