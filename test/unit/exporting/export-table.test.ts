import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../shared/db/Database';
import { plainRows } from '../../../shared/db/arrow-values';
import { queryExportTable } from '../../../shared/exporting/export-table';
import { tempDir } from '../../util/temp-dir';
import { CASE_B, HOSTILE_COMPOUND, MEASUREMENTS, openFixture } from './fixture';

let db: Database;
let cleanup: () => void;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ db } = await openFixture(t.dir));
});
afterAll(async () => {
  await db.close();
  cleanup();
});

describe('export tables', () => {
  it('samples: the samples view, one row per selected sample', async () => {
    const t = await queryExportTable(db, { kind: 'cases', case_ids: [CASE_B] }, 'samples');
    expect(t.table.numRows).toBe(1);
    expect(t.table.getChild('city')!.get(0)).toBe('Vancouver');
    expect(t.compoundColumns.size).toBe(0);
  });

  it('measurements: long, one row per measurement of the selected samples', async () => {
    const t = await queryExportTable(db, { kind: 'samples', sample_ids: ['S-001'] }, 'measurements');
    expect(t.table.numRows).toBe(MEASUREMENTS.filter((m) => m[0] === 'S-001').length);
  });

  it('signatures: wide, replicate areas averaged, NULL for not detected, compound names as columns', async () => {
    const t = await queryExportTable(db, { kind: 'all' }, 'signatures');
    const names = t.table.schema.fields.map((f) => f.name);
    expect(names).toEqual(['sample_id', '4-ANPP', HOSTILE_COMPOUND, 'norfentanyl', 'xylazine']);
    expect([...t.compoundColumns]).toEqual(names.slice(1));
    const rows = Object.fromEntries(plainRows(t.table).map((r) => [r[0], r.slice(1)]));
    expect(rows['S-001']).toEqual([1100, null, null, 50.5]);
    expect(rows['S-101']).toEqual([5000, 1, 75, null]);
    expect(t.notes.join(' ')).toMatch(/1 sample × compound cell holds the mean of several detected measurements/);
  });
});
