import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import { CASE_A, CASE_B, createFixtureWorkspace } from '../exporting/fixture';
import { chromiumPath } from '../../../cli/pdf';

let root: string;
let ws: string;
let cleanup: () => void;
let analystBefore: string | undefined;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const manifestOf = (file: string) => JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
const auditLines = () => readFileSync(path.join(ws, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let n = 0;
const out = (ext: string) => path.join(root, 'out', `file-${++n}.${ext}`);

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  root = t.dir;
  ws = path.join(root, 'ws');
  mkdirSync(ws);
  mkdirSync(path.join(root, 'out'));
  await createFixtureWorkspace(ws);
  analystBefore = process.env.SIGWB_ANALYST;
  process.env.SIGWB_ANALYST = 'Ana Analyst';
});
afterAll(() => {
  if (analystBefore === undefined) delete process.env.SIGWB_ANALYST;
  else process.env.SIGWB_ANALYST = analystBefore;
  cleanup();
});

describe('sigwb export', () => {
  it('writes the file and its manifest, prints one line, and adds one audit line (one commit); the workspace is otherwise unchanged', async () => {
    const file = out('csv');
    const before = snapshotTree(ws);
    const r = await runCli('export', '--workspace', ws, '--format', 'csv', '--case', CASE_A, '--redact', 'external-partner', '--out', file);
    expect(r).toMatchObject({ code: 0, err: '' });
    const sha = sha256(file);
    expect(r.out).toBe(
      `Exported 10 rows × 11 columns (samples, csv, PROTECTED B) to ${file}; profile external-partner removed 16 columns ` +
        `(metadata_batch, seizure_id, case_id, city, lat, lon, agency, x_notes, region_raw, form_raw, main_drug_raw, n_measurements, n_detected, results_batch, has_metadata, has_results); SHA-256 ${sha}\n`,
    );
    const m = manifestOf(file);
    expect(m.output).toMatchObject({ file_name: path.basename(file), sha256: sha });
    expect(m).toMatchObject({ analyst: 'Ana Analyst', sensitivity_label: 'PROTECTED B', redaction: { profile: 'external-partner' } });
    const after = snapshotTree(ws);
    // The line is a commit: the manifest's generation goes up by one and the line records the new manifest.
    expect(Object.keys(after).filter((k) => after[k] !== before[k]).sort()).toEqual(['audit.jsonl', 'workspace.json']);
    const line = auditLines().at(-1);
    expect(line).toMatchObject({ action: 'export', who: 'Ana Analyst', details: { export_id: m.export_id, selection: { kind: 'cases', case_ids: [CASE_A] } } });
    expect(line.written).toEqual([{ path: file, sha256: sha }, { path: `${file}.manifest.json`, sha256: sha256(`${file}.manifest.json`) }, { path: 'workspace.json', sha256: sha256(path.join(ws, 'workspace.json')) }]);
  });

  it('writes every format with a manifest whose SHA-256 is the file\'s', async () => {
    for (const [format, what] of [['xlsx', 'signatures'], ['parquet', 'measurements'], ['arrow', 'samples']]) {
      const file = out(format);
      const r = await runCli('export', '-w', ws, '--format', format, '--what', what, '--samples', 'S-001,S-101', '--label', 'PROTECTED A', '-o', file);
      expect(r.code, r.err).toBe(0);
      expect(manifestOf(file).output.sha256).toBe(sha256(file));
      expect(r.out).toContain(`(${what}, ${format}, PROTECTED A)`);
    }
  });

  it('refuses to overwrite the file or its manifest without --force, changing nothing', async () => {
    const file = out('csv');
    await runCli('export', '-w', ws, '--format', 'csv', '-o', file);
    const audit = auditLines().length;
    const manifest = readFileSync(`${file}.manifest.json`, 'utf8');
    const again = await runCli('export', '-w', ws, '--format', 'csv', '-o', file);
    expect(again).toMatchObject({ code: 1, out: '' });
    expect(again.err).toBe(`sigwb export: ${file} already exists; choose another --out or add --force to overwrite\n`);
    expect(readFileSync(`${file}.manifest.json`, 'utf8')).toBe(manifest);
    expect(auditLines().length).toBe(audit);

    const lone = out('csv');
    writeFileSync(`${lone}.manifest.json`, '{}');
    expect(await runCli('export', '-w', ws, '--format', 'csv', '-o', lone)).toMatchObject({ code: 1, err: expect.stringMatching(/manifest\.json already exists/) });
    expect(existsSync(lone)).toBe(false);

    expect((await runCli('export', '-w', ws, '--format', 'csv', '-o', file, '--force')).code).toBe(0);
    expect(manifestOf(file).export_id).not.toBe(JSON.parse(manifest).export_id);
    expect(auditLines().length).toBe(audit + 1);
  });

  it('exits 1 for unknown cases, samples or profiles, an empty label or a missing folder; 2 for usage errors', async () => {
    const o = out('csv');
    const cases: [string[], number, RegExp][] = [
      [['--case', 'C-404'], 1, /case "C-404" is not in the workspace/],
      [['--samples', 'S-001,NOPE'], 1, /sample "NOPE" is not in the workspace/],
      [['--redact', 'press'], 1, /no redaction profile "press"/],
      [['--label', ' '], 1, /a sensitivity label is required/],
      [['--case', CASE_A, '--samples', 'S-001'], 2, /give --case or --samples, not both/],
      [['--what', 'everything'], 2, /--what is samples, measurements or signatures/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCli('export', '-w', ws, '--format', 'csv', '-o', o, ...args);
      expect({ code: r.code, err: r.err }, args.join(' ')).toMatchObject({ code, err: expect.stringMatching(message) });
    }
    expect(await runCli('export', '-w', ws, '--format', 'csv', '-o', path.join(root, 'nowhere', 'x.csv'))).toMatchObject({ code: 1, err: expect.stringMatching(/does not exist/) });
    expect(await runCli('export', '-w', ws, '--format', 'csv', '-o', out('xlsx'))).toMatchObject({ code: 2, err: expect.stringMatching(/--out ends in \.xlsx but --format is csv/) });
    expect((await runCli('export', '-w', ws, '--format', 'json', '-o', o)).code).toBe(2);
    expect((await runCli('export', '-w', ws, '--format', 'csv')).code).toBe(2);
    expect((await runCli('export', '-w', ws, '-o', o)).code).toBe(2);
    expect(existsSync(o)).toBe(false);
  });
});

describe('sigwb report', () => {
  it('writes an HTML sample list with its manifest', async () => {
    const file = out('html');
    const r = await runCli('report', '-w', ws, '--case', CASE_A, '--redact', 'law-enforcement', '-o', file);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Wrote report R-\\d{8}-[0-9a-f]{8}: 10 samples \\(html, PROTECTED B\\) to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; profile law-enforcement removed 10 columns \\(.*\\); SHA-256 ${sha256(file)}\\n$`));
    expect(readFileSync(file, 'utf8')).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(manifestOf(file)).toMatchObject({ kind: 'report', output: { format: 'html', sha256: sha256(file) } });
    expect((await runCli('report', '-w', ws, '-o', out('txt'))).code).toBe(2);
  });

  it.skipIf(!existsSync(chromiumPath()))('renders a PDF with the case, report id and label on every page, and "Page n of N"', async () => {
    const file = out('pdf');
    const r = await runCli('report', '-w', ws, '--case', CASE_B, '--redact', 'law-enforcement', '--label', 'PROTECTED B', '-o', file);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const m = manifestOf(file);
    expect(m.output).toMatchObject({ format: 'pdf', media_type: 'application/pdf', sha256: sha256(file) });
    expect(readdirSync(path.join(root, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    let text: string;
    try {
      text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    } catch {
      return; // poppler-utils not installed: the PDF's existence and hash are checked above
    }
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(0);
    pages.forEach((p, i) => {
      expect(p).toContain(`Case ${CASE_B}`);
      expect(p).toContain(`Report ${m.export_id}`);
      expect(p.match(/PROTECTED B/g)!.length).toBeGreaterThanOrEqual(2);
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });
});
