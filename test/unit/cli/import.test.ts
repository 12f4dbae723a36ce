import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { Workspace } from '../../../shared/workspace/Workspace';
import { saveImportProfile } from '../../../shared/importing/import-profile';

const SAMPLES = path.resolve(__dirname, '../../../samples');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function workspace(): Promise<{ dir: string; file: (name: string, text: string) => string }> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const dir = path.join(t.dir, 'ws');
  expect((await runCli('init', dir)).code).toBe(0);
  return {
    dir,
    file(name, text) {
      const p = path.join(t.dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}

describe('sigwb import', () => {
  it('imports each file, prints one line per file with counts, and exits 0; the same file again is "already imported"', async () => {
    const w = await workspace();
    const meta = path.join(SAMPLES, 'metadata/lims-seizures.csv');
    const gcms = path.join(SAMPLES, 'results/gcms-impurities.csv');
    const r = await runCli('import', '--workspace', w.dir, meta, gcms);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^lims-seizures\.csv: imported as B0001 \(sample metadata: (\d+) rows read, \1 imported\)$/);
    expect(r.out).toMatch(/^gcms-impurities\.csv: imported as B0002 \(results: (\d+) rows read, \1 imported\)$/m);
    expect(r.out).toContain('  unassigned compounds (not in the dictionary; map or add them): Unknown 14.62\n');
    expect(r.out).toMatch(/ {2}note: 4 samples have results but no metadata yet \(FS\d\d-\d{5}, /);
    const again = await runCli('import', '-w', w.dir, gcms);
    expect(again).toEqual({ code: 0, err: '', out: expect.stringMatching(/^gcms-impurities\.csv: already imported as B0002 \(same SHA-256 as gcms-impurities\.csv, \d{4}-\d\d-\d\d\); nothing written\n$/) });
    const q = await runCli('query', '-w', w.dir, 'SELECT count(*) AS n FROM batches');
    expect(q.out).toBe('n\n2\n');
  });

  it('refuses a bad file with its first reasons as file:line:column, writes nothing of it, and exits 1', async () => {
    const w = await workspace();
    const good = w.file('good.csv', 'Sample,Compound,Area\nS1,fentanyl,10\n');
    const bad = w.file('bad.csv', 'Sample,Compound,Area\nS1,fentanyl,abc\nS2,NPP,-1\n');
    const before = snapshotTree(w.dir);
    const r = await runCli('import', '-w', w.dir, bad);
    expect(r).toEqual({
      code: 1,
      out: 'bad.csv: refused, nothing written (2 problems)\n  bad.csv:2:3: area is not a number: "abc"\n  bad.csv:3:3: negative area: "-1"\n',
      err: 'sigwb import: 1 of 1 file refused; nothing of it was written\n',
    });
    expect(snapshotTree(w.dir)).toEqual(before);
    const both = await runCli('import', '-w', w.dir, good, bad, path.join(SAMPLES, 'bad/report.pdf'));
    expect(both.code).toBe(1);
    expect(both.out.split('\n').filter((l) => !l.startsWith(' '))).toEqual([
      'good.csv: imported as B0001 (results: 1 row read, 1 imported)',
      'bad.csv: refused, nothing written (2 problems)',
      'report.pdf: refused, nothing written (1 problem)',
      '',
    ]);
    expect(both.out).toContain('  report.pdf: wrong file type: a PDF document');
  });

  it('with --accept-partial imports the valid rows and quarantines the rest', async () => {
    const w = await workspace();
    const bad = w.file('bad.csv', 'Sample,Compound,Area\nS1,fentanyl,abc\nS2,NPP,5\n');
    const r = await runCli('import', '-w', w.dir, '--accept-partial', bad);
    expect(r.code).toBe(0);
    expect(r.out).toContain('bad.csv: imported as B0001 (results: 2 rows read, 1 imported, 1 quarantined)\n');
    expect(r.out).toContain('  bad.csv:2:3: area is not a number: "abc" (quarantined)\n');
    expect((await runCli('query', '-w', w.dir, 'SELECT line, reason FROM quarantine')).out).toBe('line,reason\n2,area is not a number\n');
  });

  it('reads files with a named import profile', async () => {
    const w = await workspace();
    const ws = await Workspace.open(new NodeFileStore(w.dir), { user: 'tester', appVersion: '0' });
    await saveImportProfile(ws, { name: 'QP2020', columns: { Name: 'sample_id', ID: 'compound', 'Conc.': 'area' }, options: { delimiter: ';', decimal: ',' } });
    const f = w.file('qp.txt', 'Name;ID;Conc.\nS1;Fentanyl;12,5\n');
    expect((await runCli('import', '-w', w.dir, f)).code).toBe(1);
    const r = await runCli('import', '-w', w.dir, '--profile', 'QP2020', f);
    expect(r.out).toBe('qp.txt: imported as B0001 (results: 1 row read, 1 imported)\n  note: 1 sample has results but no metadata yet (S1)\n  note: B0001 not linked: no calibration yet (calibrate in the app or with sigwb calibrate): links need its threshold and evidence\n');
    expect((await runCli('query', '-w', w.dir, 'SELECT area, profile FROM measurements JOIN batches USING (batch_id)')).out).toBe('area,profile\n12.5,QP2020\n');
  });

  it('reads numeric dates in the order the profile sets: YMD takes 24-03-05, refuses impossible dates and a column written two ways at file:line:column', async () => {
    const w = await workspace();
    const ws = await Workspace.open(new NodeFileStore(w.dir), { user: 'tester', appVersion: '0' });
    await saveImportProfile(ws, { name: 'YMD lab', columns: {}, options: { dateOrder: 'YMD' } });
    const header = 'Sample,Compound,Area,Analysis Date\n';
    const bad = w.file('ymd.csv', `${header}S1,fentanyl,10,24-03-05\nS2,fentanyl,11,24-03-06\nS3,fentanyl,12,24-02-30\nS4,fentanyl,13,07/03/2024\n`);
    const before = snapshotTree(w.dir);
    const refused = await runCli('import', '-w', w.dir, '--profile', 'YMD lab', bad);
    expect(refused).toMatchObject({ code: 1, err: 'sigwb import: 1 of 1 file refused; nothing of it was written\n' });
    expect(refused.out).toBe(
      'ymd.csv: refused, nothing written (2 problems)\n' +
        '  ymd.csv:4:4: analysis date does not parse as a date: "24-02-30"\n' +
        '  ymd.csv:5:4: analysis date does not parse as a date (the date order is year/month/day; read day/month/year it would be 2024-03-07): "07/03/2024"\n',
    );
    expect(snapshotTree(w.dir)).toEqual(before);
    const mixed = w.file('ymd-mixed.csv', `${header}S1,fentanyl,10,2024.03.05\nS2,fentanyl,11,24-03-06\n`);
    expect((await runCli('import', '-w', w.dir, '--profile', 'YMD lab', mixed)).out).toBe(
      'ymd-mixed.csv: refused, nothing written (1 problem)\n' +
        '  ymd-mixed.csv:3:4: analysis date written as 24-03-06 where the column\'s dates are written as 2024.03.05 (line 2): mixed date formats are refused, not guessed; write the column one way: "24-03-06"\n',
    );
    expect(snapshotTree(w.dir)).toEqual(before);
    const good = w.file('ymd-fixed.csv', `${header}S1,fentanyl,10,24-03-05\nS2,fentanyl,11,24-03-06\nS3,fentanyl,12,24-03-07\nS4,fentanyl,13,24-3-8\n`);
    const r = await runCli('import', '-w', w.dir, '--profile', 'YMD lab', good);
    expect(r.code, r.out).toBe(0);
    expect((await runCli('query', '-w', w.dir, 'SELECT sample_id, analysed_on FROM measurements ORDER BY sample_id')).out).toBe(
      'sample_id,analysed_on\nS1,2024-03-05\nS2,2024-03-06\nS3,2024-03-07\nS4,2024-03-08\n',
    );
  });

  it('exits 2 on usage errors: no file, no workspace option, an unknown or misspelt option', async () => {
    const w = await workspace();
    expect((await runCli('import', '-w', w.dir)).code).toBe(2);
    expect((await runCli('import', 'x.csv')).code).toBe(2);
    const typo = await runCli('import', '-w', w.dir, '--profle', 'QP2020', 'x.csv');
    expect(typo).toMatchObject({ code: 2, out: '' });
    expect(typo.err).toMatch(/^sigwb import: unknown option --profle \(did you mean --profile\?\); the options are in the usage line below\nUsage: sigwb import /);
    expect(await runCli('import', '-w', w.dir, '--sheet')).toMatchObject({ code: 2, err: expect.stringMatching(/^sigwb import: --sheet needs a value\n/) });
    expect(await runCli('import', '-w', w.dir, '--accept-partial=yes', 'x.csv')).toMatchObject({ code: 2, err: expect.stringMatching(/^sigwb import: --accept-partial is a switch and takes no value\n/) });
  });

  it('refuses an unknown --profile with exit 1, as other unknown names, listing the saved profiles or saying there are none', async () => {
    const w = await workspace();
    const none = await runCli('import', '-w', w.dir, '--profile', 'nope', 'x.csv');
    expect(none).toEqual({
      code: 1,
      out: '',
      err: 'sigwb import: no import profile "nope": this workspace has no saved import profiles (save one from the import dialog of the app, or leave out --profile)\n',
    });
    const ws = await Workspace.open(new NodeFileStore(w.dir), { user: 'tester', appVersion: '0' });
    await saveImportProfile(ws, { name: 'QP2020', columns: {}, options: {} });
    await saveImportProfile(ws, { name: 'MassHunter', columns: {}, options: {} });
    const before = snapshotTree(w.dir);
    const some = await runCli('import', '-w', w.dir, '--profile', 'qp2020', path.join(SAMPLES, 'metadata/lims-seizures.csv'));
    expect(some).toEqual({ code: 1, out: '', err: 'sigwb import: no import profile "qp2020" in this workspace; its profiles: "QP2020", "MassHunter"\n' });
    expect(snapshotTree(w.dir)).toEqual(before);
  });

  it('exits 1 when the workspace does not exist, or a file cannot be read, saying which and what to do', async () => {
    const w = await workspace();
    const missing = path.join(w.dir, 'nope');
    expect(await runCli('import', '-w', missing, 'x.csv')).toEqual({
      code: 1,
      out: '',
      err: `sigwb import: no workspace at ${missing}: the folder does not exist (check the path, or create a workspace there with sigwb init ${missing})\n`,
    });
    const r = await runCli('import', '-w', w.dir, path.join(w.dir, 'missing.csv'), w.dir);
    expect(r).toMatchObject({ code: 1, out: 'missing.csv: refused, cannot read the file (no such file)\nws: refused, cannot read the file (it is a folder, not a file)\n' });
  });
});
