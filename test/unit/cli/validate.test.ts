/**
 * `sigwb validate` end to end on the bundled sample data: the LR system's figures printed as the calibration record
 * holds them, the validation report written as HTML and PDF (its pages turned into PNG in
 * test-results/validation-report/ to look at), verified by `sigwb verify`, and refused for a calibration made before
 * LRs were validated (schema 2, as the workbench wrote them before), whose class reports then state no LR and still verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../../../cli/pdf';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = path.resolve(HERE, '..', '..', '..', 'samples');
const ARTEFACTS = path.resolve(HERE, '..', '..', '..', 'test-results', 'validation-report');
const FILES = (JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as { files: { file: string }[] }).files.map((f) => path.join(SAMPLES, f.file));
const haveChromium = existsSync(chromiumPath());
const havePoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let tmp: ReturnType<typeof tempDir>;
let ws: string;
let calibrateOut: string;
const out = (name: string) => path.join(tmp.dir, name);

beforeAll(async () => {
  tmp = tempDir('sigwb-validate-');
  ws = path.join(tmp.dir, 'ws');
  expect((await runCli('init', ws)).code).toBe(0);
  expect((await runCli('import', '--workspace', ws, ...FILES)).code).toBe(0);
  const c = await runCli('calibrate', '--workspace', ws);
  expect(c.code, c.err).toBe(0);
  calibrateOut = c.out;
}, 180_000);

afterAll(() => tmp?.cleanup());

describe('sigwb validate', () => {
  it('prints the figures the calibration record holds, as sigwb calibrate printed them', async () => {
    const r = await runCli('validate', '--workspace', ws);
    expect(r.code, r.err).toBe(0);
    const record = JSON.parse(readFileSync(path.join(ws, 'config', 'calibration-C0001.json'), 'utf8'));
    const v = record.lr_system.pairs.validation;
    expect(r.out).toContain('Calibration C0001 (in force)');
    expect(r.out).toContain('Hp: The two samples come from the same seizure.');
    expect(r.out).toContain('Hd: The two samples come from different cases.');
    expect(r.out).toContain(`Cllr ${v.cllr.toFixed(3)}, Cllr_min ${v.cllr_min.toFixed(3)}, Cllr_cal ${v.cllr_cal.toFixed(3)} bits`);
    expect(r.out).toMatch(/misleading evidence: [\d.]+ % of Hd with LR > 1 .*; [\d.]+ % of Hp with LR < 1/);
    // The same block as calibrate printed.
    const block = (text: string) => text.slice(text.indexOf('Likelihood ratios ('), text.indexOf('log10 LR range: Hp', text.indexOf('Group LR')));
    expect(block(r.out)).toBe(block(calibrateOut));
  });

  it('writes the validation report as HTML with the propositions, the validation matrix and the three plots, and verify reproduces it', async () => {
    const file = out('validation.html');
    const r = await runCli('validate', '--workspace', ws, '--out', file);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Wrote LR validation report R-\d{8}-[0-9a-f]{8} \(html, /);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('Validation record of a likelihood-ratio system');
    expect(html).toContain('Hp: The two samples come from the same seizure.');
    for (const label of ['Tippett plot', 'ECE plot', 'Score to LR calibration']) expect(html.split(`aria-label="${label}"`).length - 1).toBe(2);
    expect(html).toContain('Validation criterion');
    expect(html).toContain('no support worth stating');
    // The threshold's rule as the calibration set it, and its rate among the pairs it is defined on.
    expect(html).toMatch(/at accepted FPR 2\.5 %, rule: (contamination-corrected FPR: FPR [\d.]+ % among the pairs estimated to be of different sources \([\d.]+ % of all unlinked pairs\)|linked-distribution quantile [^:]*: FPR [\d.]+ % of all unlinked pairs), TPR/);
    expect(existsSync(`${file}.manifest.json`)).toBe(true);
    const v = await runCli('verify', file, '--workspace', ws);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toContain('Reproduced exactly: LR validation report');
    // One document read (the calibration's record): said in the singular.
    expect(v.out).toMatch(/checked: \d+ input batch(es)?, 1 workspace document and 2 analysis records by SHA-256/);
  });

  it.skipIf(!haveChromium)('writes it as PDF, looked at page by page, and verify reproduces it', async () => {
    const file = out('validation.pdf');
    const r = await runCli('validate', '--workspace', ws, '--out', file);
    expect(r.code, r.err).toBe(0);
    expect((await runCli('verify', file, '--workspace', ws)).code).toBe(0);
    if (!havePoppler) return;
    rmSync(ARTEFACTS, { recursive: true, force: true });
    mkdirSync(ARTEFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(ARTEFACTS, 'page')]);
    expect(readdirSync(ARTEFACTS).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(4);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Method validation: calibration C0001');
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('refuses what it cannot do, saying why', async () => {
    expect((await runCli('validate', '--workspace', ws, '--calibration', 'C0009')).err).toMatch(/no calibration C0009 \(calibrations: C0001\)/);
    expect((await runCli('validate', '--workspace', ws, '--calibration', 'latest')).code).toBe(2);
    expect((await runCli('validate', '--workspace', ws, '--out', out('v.txt'))).code).toBe(2);
    expect((await runCli('calibrate', '--workspace', ws, '--lr-method', 'kde')).err).toMatch(/--lr-method is pav .* or logistic/);
    expect((await runCli('calibrate', '--workspace', ws, '--cv-folds', '2')).err).toMatch(/--cv-folds is a whole number of folds from 3 to 20/);
  });

  it('a calibration of schema 2 (an unvalidated KDE model) is refused, and its class reports state no LR and verify', async () => {
    const cfg = path.join(ws, 'config', 'calibration-C0001.json');
    const record = JSON.parse(readFileSync(cfg, 'utf8'));
    const { data, lr_system: _s, group_data: _g, legacy_lr_model: _l, ...rest } = record;
    const v1 = { ...rest, schema_version: 2, lr_model: { kind: 'gaussian-kde-ratio', bandwidth_rule: 'scott', cap: 'sample-size', linked: { count: 9, bandwidth: 0.01, factor: 0.6 }, unlinked: { count: 90, bandwidth: 0.1, factor: 0.4 }, min_lr: 1 / 9, max_lr: 90, data } };
    const text = JSON.stringify(v1, null, 2) + '\n';
    writeFileSync(cfg, text);
    const manifestFile = path.join(ws, 'workspace.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    manifest.documents['calibration-C0001'].sha256 = createHash('sha256').update(text).digest('hex');
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    const r = await runCli('validate', '--workspace', ws);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/calibration C0001 was made before likelihood ratios were validated .* calibrate again/);
    const csv = out('classes.csv');
    expect((await runCli('cluster', '--workspace', ws, '--out', csv)).code).toBe(0);
    const id = readFileSync(csv, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')).find((row) => Number(row[6]) > 2)![1];
    const report = out('legacy-classes.html');
    const made = await runCli('report', '--workspace', ws, '--classes', id, '--out', report);
    expect(made.code, made.err).toBe(0);
    expect(readFileSync(report, 'utf8')).toContain('calibration C0001 was made before likelihood ratios were validated');
    expect((await runCli('verify', report, '--workspace', ws)).code).toBe(0);
  });
});
