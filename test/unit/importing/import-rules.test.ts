/** The rules of an import: whole or nothing, quarantine on request, duplicates, corrections, joins, Cancel. */
import { describe, expect, it } from 'vitest';
import { expectStatus, testWorkspace } from './harness';

const HEAD = 'Sample Name,Compound,Area,Acq. Date\n';
const GOOD = `${HEAD}S1,fentanyl,100,2025-03-05\nS1,NPP,nd,2025-03-05\nS2,fentanyl,200,2025-03-06\n`;
const BAD = `${HEAD}S1,fentanyl,100,2025-03-05\nS1,NPP,abc,2025-03-05\nS2,fentanyl,-5,2025-03-06\nS3,caffeine,7,2025-02-30\n,xylazine,3,2025-03-06\nS2,fentanyl,201,2025-03-06\n`;

describe('importFile: rules', () => {
  it('refuses a file with any problem, listing each with file, line, column, value and reason, and writes nothing', async () => {
    const t = await testWorkspace();
    const before = t.snapshot();
    const o = expectStatus(await t.importBytes('bad.csv', BAD), 'refused');
    expect(o.problemCount).toBe(6);
    expect(o.problems).toEqual([
      { file: 'bad.csv', line: 3, column: 3, columnName: 'Area', value: 'abc', reason: 'area is not a number' },
      { file: 'bad.csv', line: 4, column: 2, columnName: 'Compound', value: 'fentanyl', reason: 'the same sample and compound twice (also on line 7)' },
      { file: 'bad.csv', line: 4, column: 3, columnName: 'Area', value: '-5', reason: 'negative area' },
      { file: 'bad.csv', line: 5, column: 4, columnName: 'Acq. Date', value: '2025-02-30', reason: 'analysis date does not parse as a date' },
      { file: 'bad.csv', line: 6, column: 1, columnName: 'Sample Name', value: '', reason: 'missing sample id' },
      { file: 'bad.csv', line: 7, column: 2, columnName: 'Compound', value: 'fentanyl', reason: 'the same sample and compound twice (also on line 4)' },
    ]);
    expect(t.snapshot()).toEqual(before);
    expect(await t.rows('SELECT count(*)::INT AS n FROM batches')).toEqual([{ n: 0 }]);
  });

  it('lists problems up to a cap and counts the rest', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `S${i},fentanyl,x${i}`).join('\n');
    const t = await testWorkspace();
    const o = expectStatus(await t.importBytes('many.csv', `Sample,Compound,Area\n${rows}\n`, { problemCap: 20 }), 'refused');
    expect(o.problems).toHaveLength(20);
    expect(o.problemCount).toBe(250);
    expect(o.problems[19].line).toBe(21);
  });

  it('with accept-partial imports the valid rows and sends the refused ones to the quarantine view with their reasons', async () => {
    const t = await testWorkspace();
    const o = expectStatus(await t.importBytes('bad.csv', BAD, { acceptPartial: true }), 'imported');
    expect(o.batch).toMatchObject({ rows_read: 6, rows_imported: 1, rows_quarantined: 5, quarantine_file: 'quarantine/B0001.arrow' });
    expect(o.problemCount).toBe(6);
    expect(await t.rows('SELECT sample_id, compound, area, line FROM measurements')).toEqual([{ sample_id: 'S1', compound: 'fentanyl', area: 100, line: 2 }]);
    const q = await t.rows('SELECT file_name, batch_id, line, column_name, column_number, value, reason, raw FROM quarantine ORDER BY line, column_number');
    expect(q).toHaveLength(6);
    expect(q[0]).toEqual({ file_name: 'bad.csv', batch_id: 'B0001', line: 3, column_name: 'Area', column_number: 3, value: 'abc', reason: 'area is not a number', raw: 'S1,NPP,abc,2025-03-05' });
    expect(q.map((r) => r.line)).toEqual([3, 4, 4, 5, 6, 7]);
  });

  it('refuses even with accept-partial when no row is valid or the file itself is wrong', async () => {
    const t = await testWorkspace();
    expectStatus(await t.importBytes('none.csv', `${HEAD}S1,fentanyl,abc,2025-03-05\n`, { acceptPartial: true }), 'refused');
    const o = expectStatus(await t.importBytes('cols.csv', 'Sample,Compound\nS1,fentanyl\n', { acceptPartial: true }), 'refused');
    expect(o.problems[0]).toMatchObject({ line: 1, column: null, columnName: 'area', reason: expect.stringContaining('missing required column area') });
  });

  it('says when the same file is imported again, and writes nothing', async () => {
    const t = await testWorkspace();
    const first = expectStatus(await t.importBytes('a.csv', GOOD), 'imported');
    const before = t.snapshot();
    const again = expectStatus(await t.importBytes('renamed.csv', GOOD), 'duplicate');
    expect(again.existing).toEqual(first.batch);
    expect(t.snapshot()).toEqual(before);
  });

  it('keeps a corrected version beside the old one, superseding it (found by name and shared samples, or named)', async () => {
    const t = await testWorkspace();
    expectStatus(await t.importBytes('run-1.csv', GOOD), 'imported');
    const fixed = expectStatus(await t.importBytes('run-1.csv', GOOD.replace('200', '210')), 'imported');
    expect(fixed.batch.supersedes).toBe('B0001');
    expect(fixed.warnings.join('\n')).toContain('a corrected version of B0001');
    expect(await t.rows("SELECT batch_id, supersedes, superseded_by FROM batches ORDER BY 1")).toEqual([
      { batch_id: 'B0001', supersedes: null, superseded_by: 'B0002' },
      { batch_id: 'B0002', supersedes: 'B0001', superseded_by: null },
    ]);
    expect(await t.rows("SELECT area FROM measurements WHERE sample_id = 'S2'")).toEqual([{ area: 210 }]);
    // Another run exported under the same name, with other samples, is not a correction.
    const other = expectStatus(await t.importBytes('run-1.csv', GOOD.replace(/S1/g, 'S8').replace(/S2/g, 'S9')), 'imported');
    expect(other.batch.supersedes).toBeNull();
    // Named explicitly, under another name; and refused when the batch is not of the same kind.
    const named = expectStatus(await t.importBytes('run-1-corrected.csv', GOOD.replace('200', '220'), { supersedes: 'B0002' }), 'imported');
    expect(named.batch.supersedes).toBe('B0002');
    const wrong = expectStatus(await t.importBytes('meta.csv', 'sample_id,city\nS1,Halifax\n', { supersedes: 'B0001' }), 'refused');
    expect(wrong.problems[0].reason).toContain('holds results, not samples');
  });

  it('joins metadata and results by sample id in either order, and flags samples without metadata', async () => {
    const t = await testWorkspace();
    expectStatus(await t.importBytes('meta-1.csv', 'Lab No,City\nS1,Vancouver\n'), 'imported');
    const results = expectStatus(await t.importBytes('results.csv', GOOD), 'imported');
    expect(results.warnings).toContain('1 sample has results but no metadata yet (S2)');
    const meta = expectStatus(await t.importBytes('meta-2.csv', 'Lab No,City\nS2,Halifax\nS3,Moncton\n'), 'imported');
    expect(meta.warnings).toContain('1 of these samples already has results');
    expect(await t.rows('SELECT sample_id, city, has_metadata, has_results, n_measurements FROM samples ORDER BY 1')).toEqual([
      { sample_id: 'S1', city: 'Vancouver', has_metadata: true, has_results: true, n_measurements: 2 },
      { sample_id: 'S2', city: 'Halifax', has_metadata: true, has_results: true, n_measurements: 1 },
      { sample_id: 'S3', city: 'Moncton', has_metadata: true, has_results: false, n_measurements: 0 },
    ]);
  });

  it('imports unknown compounds as "unassigned" and lists them; synonyms map to the canonical name', async () => {
    const t = await testWorkspace();
    const o = expectStatus(await t.importBytes('u.csv', 'Sample,Compound Name,Peak Area\nS1,Despropionylfentanyl,5\nS1,Unknown 14.62,3\nS1,Propionanilide,2\n'), 'imported');
    expect(o.unassignedCompounds).toEqual(['Unknown 14.62']);
    expect(await t.rows('SELECT compound, role FROM measurements ORDER BY line')).toEqual([
      { compound: '4-ANPP', role: 'precursor' },
      { compound: 'Unknown 14.62', role: 'unassigned' },
      { compound: 'N-phenylpropanamide', role: 'impurity' },
    ]);
    expect(await t.rows("SELECT compound, in_dictionary, n_measurements FROM compounds WHERE role = 'unassigned'")).toEqual([{ compound: 'Unknown 14.62', in_dictionary: false, n_measurements: 1 }]);
  });

  it('treats synonyms of one compound in one sample as the same compound twice', async () => {
    const t = await testWorkspace();
    const o = expectStatus(await t.importBytes('s.csv', 'Sample,Compound,Area\nS1,4-ANPP,5\nS1,despropionylfentanyl,6\n'), 'refused');
    expect(o.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, 'the same sample and compound twice (also on line 3)'],
      [3, 'the same sample and compound twice (also on line 2)'],
    ]);
  });

  it('leaves the workspace byte for byte unchanged when cancelled, at any stage', async () => {
    const rows = Array.from({ length: 300000 }, (_, i) => `S${i >> 4},C${i & 15},${i}`).join('\n');
    const big = `Sample,Compound,Area\n${rows}\n`;
    const t = await testWorkspace();
    expectStatus(await t.importBytes('first.csv', GOOD), 'imported');
    const before = t.snapshot();
    for (const stop of ['reading', 'parsing', 'checking', 'writing']) {
      const controller = new AbortController();
      const o = await t.importBytes('big.csv', big, { signal: controller.signal, onProgress: (p) => p.stage === stop && controller.abort() });
      expect(o, stop).toEqual({ status: 'cancelled' });
      expect(t.snapshot()).toEqual(before);
    }
    expect(await t.rows('SELECT count(*)::INT AS n FROM batches')).toEqual([{ n: 1 }]);
    expectStatus(await t.importBytes('big.csv', big), 'imported');
  });
});

describe('importFile: dates that could be read more than one way', () => {
  it('warns when 2-digit dates read day first would also read year first, and reads them year first when told', async () => {
    const csv = `${HEAD}S1,fentanyl,100,24-03-15\nS2,fentanyl,200,24-04-02\n`;
    const t = await testWorkspace();
    const o = expectStatus(await t.importBytes('yy.csv', csv), 'imported');
    expect(o.warnings.join('\n')).toMatch(/dates such as 24-03-15 were read day\/month\/year; they would also read as year\/month\/day: set the date order to YMD/);
    expect(await t.rows("SELECT strftime(analysed_on, '%Y-%m-%d') AS d FROM measurements ORDER BY sample_id")).toEqual([{ d: '2015-03-24' }, { d: '2002-04-24' }]);

    const u = await testWorkspace();
    const ymd = expectStatus(await u.importBytes('yy.csv', csv, { overrides: { dateOrder: 'YMD' } }), 'imported');
    expect(ymd.warnings.join('\n')).not.toMatch(/year\/month\/day/);
    expect(await u.rows("SELECT strftime(analysed_on, '%Y-%m-%d') AS d FROM measurements ORDER BY sample_id")).toEqual([{ d: '2024-03-15' }, { d: '2024-04-02' }]);
  });
});
