import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../shared/db/Database';
import { checkSelection, selectionSql } from '../../../shared/exporting/selection';
import { tempDir } from '../../util/temp-dir';
import { CASE_A, CASE_B, HOSTILE, openFixture } from './fixture';

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

describe('selections', () => {
  it('counts the samples of cases, of named samples, of a SQL query, and of everything', async () => {
    expect(await checkSelection(db, { kind: 'cases', case_ids: [CASE_A] })).toBe(1 + HOSTILE.length);
    expect(await checkSelection(db, { kind: 'cases', case_ids: [CASE_A, CASE_B] })).toBe(2 + HOSTILE.length);
    expect(await checkSelection(db, { kind: 'samples', sample_ids: [HOSTILE[0], 'S-900'] })).toBe(2);
    expect(await checkSelection(db, { kind: 'sql', sql: "SELECT sample_id FROM samples WHERE city = 'Vancouver'" })).toBe(1);
    expect(await checkSelection(db, { kind: 'all' })).toBe(3 + HOSTILE.length);
  });

  it('refuses unknown cases and samples by name, empty selections, and writing SQL', async () => {
    await expect(checkSelection(db, { kind: 'cases', case_ids: ['C-9'] })).rejects.toThrow('case "C-9" is not in the workspace');
    await expect(checkSelection(db, { kind: 'samples', sample_ids: ['S-001', 'X', 'Y'] })).rejects.toThrow('samples "X", "Y" are not in the workspace');
    await expect(checkSelection(db, { kind: 'sql', sql: 'SELECT sample_id FROM samples WHERE false' })).rejects.toThrow(/holds no samples/);
    await expect(checkSelection(db, { kind: 'sql', sql: 'DROP VIEW samples' })).rejects.toThrow(/selection refused: only a reading statement/);
    await expect(checkSelection(db, { kind: 'sql', sql: 'SELECT sample_id FROM samples); DROP VIEW samples; SELECT (1' })).rejects.toThrow(/selection SQL failed: Parser Error/);
    await expect(checkSelection(db, { kind: 'sql', sql: 'SELECT sample_id FROM samples; DROP VIEW samples' })).rejects.toThrow(/selection refused: one statement at a time/);
    expect(await checkSelection(db, { kind: 'all' })).toBe(3 + HOSTILE.length);
    await expect(checkSelection(db, { kind: 'sql', sql: 'SELECT nope FROM samples' })).rejects.toThrow(/selection SQL failed/);
  });

  it('quotes ids inside SQL, so an id cannot change the query', () => {
    expect(selectionSql({ kind: 'samples', sample_ids: ["x') OR true --"] })).toBe("SELECT sample_id FROM samples WHERE sample_id IN ('x'') OR true --')");
  });
});
