/**
 * `sigwb attribute` end to end on the committed sample data (samples/, with its ground truth in truth.csv): imported
 * with `sigwb import`, references from two sources per route, routes predicted for the third source of each route.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples');
const FILES = (JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as { files: { file: string }[] }).files.map((f) => path.join(SAMPLES, f.file));
const truth = readFileSync(path.join(SAMPLES, 'truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
const TRAIN = new Set(['SRC-01', 'SRC-02', 'SRC-03', 'SRC-04', 'SRC-05', 'SRC-06']);
const routeOf = new Map(truth.map((t) => [t[0], t[4].toLowerCase()]));
const sourceOf = new Map(truth.map((t) => [t[0], t[3]]));

let tmp: ReturnType<typeof tempDir>;
let ws: string;
let refs: string;

/** RFC 4180 records (the output's evidence column holds commas and quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  return rows;
}

beforeAll(async () => {
  tmp = tempDir('sigwb-attribute-');
  ws = path.join(tmp.dir, 'ws');
  expect((await runCli('init', ws)).code).toBe(0);
  const imported = await runCli('import', '--workspace', ws, ...FILES);
  expect(imported.code, imported.err).toBe(0);
  refs = path.join(tmp.dir, 'refs.csv');
  writeFileSync(refs, ['sample_id,route,source', ...truth.filter((t) => TRAIN.has(t[3])).map((t) => `${t[0]},${t[4]},${t[3]}`)].join('\n') + '\n');
}, 120_000);

afterAll(() => tmp?.cleanup());

describe('sigwb attribute', () => {
  it('is listed in the help', async () => {
    expect((await runCli('--help')).out).toMatch(/sigwb attribute --workspace <dir> --reference <file\.csv> --out <file\.csv>/);
  });

  it('writes route, probability, source and evidence for every sample not in the reference file, and prints the CV accuracy', async () => {
    const out = path.join(tmp.dir, 'attribution.csv');
    const r = await runCli('attribute', '--workspace', ws, '--reference', refs, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Classifiers among the referenced routes, cross-validated \(5 folds grouped by source, seed 1\):/);
    // The whole rule's figures, each with its optimism stated, and the routes the references do not cover.
    expect(r.out).toMatch(/resubstitution \(judged on its own training samples\)\s+called [\d.]+, right when called [\d.]+/);
    expect(r.out).toMatch(/nested \(cut chosen inside each training part\): new sources\s+called [\d.]+/);
    expect(r.out).toMatch(/Typicality cut: D² ≤ [\d.e+]+, the 99 % quantile \(α = 0\.01\) of \d+ held-out distances \(sources held out\)/);
    // The per-route gate with each referenced route's held-out figure; a gated route's samples say why in the CSV.
    expect(r.out).toMatch(/Per-route gate \(a route's calls stand when the 95 % Wilson lower bound of its held-out precision in the nested cross-validation reaches 0\.7\): gupta (not called from the references|called): \d+ of \d+ reference sources' held-out calls right \(counted by source: it shares its marker rules with siegfried, referenced too\)/);
    // Siegfried and Gupta share their one marker rule: with references from two and one of their sources, neither is called.
    expect(r.out).toMatch(/siegfried not called from the references: \d+ of \d+ reference sources' held-out calls right \(counted by source: it shares its marker rules with gupta, referenced too\)/);
    expect(r.out).toContain('Not referenced: 4-ap, 1-boc-4-ap');
    expect(r.out).toMatch(/LDA \(shrinkage\)\s+0\.\d\d/);
    expect(r.out).toMatch(/kNN \(calibrated score\)\s+0\.\d\d/);
    expect(r.out).toMatch(/true \\ predicted\s+gupta\s+janssen\s+siegfried/);
    expect(r.out).toMatch(/No calibration saved in the workspace/);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['sample_id', 'route', 'probability', 'source', 'evidence']);
    const body = rows.slice(1);
    const questioned = [...routeOf.keys()].filter((id) => !TRAIN.has(sourceOf.get(id)!));
    expect(body.map((x) => x[0]).sort()).toEqual(questioned.filter((id) => body.some((x) => x[0] === id)).sort());
    expect(body.length).toBeGreaterThanOrEqual(questioned.length - 4);
    const called = body.filter((x) => x[1] !== 'undetermined' && x[1] !== 'no referenced route fits');
    const right = called.filter((x) => x[1] === routeOf.get(x[0]));
    // Held out: SRC-07 (Janssen), SRC-08 (Siegfried), SRC-09 (Gupta) were never seen.
    expect(right.length / called.length).toBeGreaterThanOrEqual(0.9);
    // The new Janssen source is called (its residues are its own); Siegfried and Gupta, referenced by 2 and 1 sources
    // and sharing their one marker rule, are never called from the references (the gate counts them by source).
    const newJanssen = body.filter((x) => sourceOf.get(x[0]) === 'SRC-07');
    expect(newJanssen.filter((x) => x[1] === 'janssen').length / newJanssen.length).toBeGreaterThanOrEqual(0.8);
    expect(body.filter((x) => x[1] === 'siegfried' || x[1] === 'gupta').map((x) => x[0])).toEqual([]);
    for (const x of body) {
      expect(x[1] === 'undetermined' || x[1] === 'no referenced route fits' ? x[2] === '' : Number(x[2]) >= 0.6 && Number(x[2]) <= 1).toBe(true);
      expect(x[4]).toMatch(/^route .*; markers: .*; class \d+ \(/);
      expect(x[3] === 'no known source' || TRAIN.has(x[3])).toBe(true);
      if (x[4].includes('is not called from the references')) expect(x[4]).toMatch(/^route undetermined \((siegfried|gupta|janssen)(?: or \S+)?: \1 is not called from the references, its calls in their nested cross-validation are too (often wrong|few to show they are right): \d+ of \d+ (?:held-out calls right|reference sources' held-out calls right \(counted by source: it shares its marker rules with \S+, referenced too\)) \(95 % lower bound [\d.]+ < gate floor 0\.7\)/);
    }
  });

  it('keeps the reference tags in the workspace and records the run in the audit log', async () => {
    const doc = JSON.parse(readFileSync(path.join(ws, 'config', 'reference-samples.json'), 'utf8')) as { samples: { sample_id: string; route: string; source: string }[] };
    expect(doc.samples.length).toBe(truth.filter((t) => TRAIN.has(t[3])).length);
    expect(doc.samples[0]).toMatchObject({ route: expect.stringMatching(/^(janssen|siegfried|gupta)$/), source: expect.stringMatching(/^SRC-0[1-6]$/) });
    const audit = readFileSync(path.join(ws, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; details?: Record<string, unknown> });
    const actions = audit.map((a) => a.action);
    expect(actions.slice(-3)).toEqual(['reference.save', 'reference.tag', 'attribution.run']);
    expect(audit[audit.length - 1].details).toMatchObject({
      drug: 'fentanyl', library_version: 'default-2026.12', options: { k: 5, folds: 5, seed: 1, alpha: 0.01, gate_floor: 0.7, gate_by_source: true, source_rule: 'threshold' }, not_referenced: ['4-ap', '1-boc-4-ap'],
      open_set: {
        alpha: 0.01, grouped_by_source: true, nested: { called: expect.any(Number), right_when_called: expect.any(Number) },
        gate: { floor: 0.7, confidence: 0.95, routes: [{ route: 'gupta', called: expect.any(Number), right: expect.any(Number), lower: expect.any(Number), gated: expect.any(Boolean) }, { route: 'janssen' }, { route: 'siegfried' }] },
      },
    });
  });

  it('uses the calibration in force and the class run made with it', async () => {
    const copy = path.join(tmp.dir, 'ws-calibrated');
    cpSync(ws, copy, { recursive: true });
    expect((await runCli('calibrate', '--workspace', copy)).code).toBe(0);
    expect((await runCli('cluster', '--workspace', copy, '--out', path.join(tmp.dir, 'classes.csv'))).code).toBe(0);
    const r = await runCli('attribute', '--workspace', copy, '--reference', refs, '--out', path.join(tmp.dir, 'a2.csv'), '--source-rule', 'threshold-and-lr');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Calibration: calibration C0001 in force: /);
    expect(r.out).toMatch(/Chemical classes of run R0001\./);
  }, 120_000);

  it('refuses, leaving the workspace as it was: an existing --out, a bad reference file, an unknown sample', async () => {
    const before = snapshotTree(ws);
    const out = path.join(tmp.dir, 'attribution.csv');
    const exists = await runCli('attribute', '--workspace', ws, '--reference', refs, '--out', out);
    expect(exists.code).toBe(1);
    expect(exists.err).toMatch(/already exists; choose another --out or add --force/);
    const bad = path.join(tmp.dir, 'bad-refs.csv');
    writeFileSync(bad, 'sample_id,route\nFS24-00001,Nagoya\n');
    const badRoute = await runCli('attribute', '--workspace', ws, '--reference', bad, '--out', path.join(tmp.dir, 'x.csv'));
    expect(badRoute.code).toBe(1);
    expect(badRoute.err).toMatch(/bad-refs\.csv:2:12: route "Nagoya" is not in the signature library/);
    writeFileSync(bad, 'sample_id,route\nNOPE-1,Gupta\nFS24-00001,Janssen\n');
    const unknown = await runCli('attribute', '--workspace', ws, '--reference', bad, '--out', path.join(tmp.dir, 'x.csv'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/bad-refs\.csv:2:1: sample NOPE-1 is not in the workspace/);
    expect(existsSync(path.join(tmp.dir, 'x.csv'))).toBe(false);
    expect(snapshotTree(ws)).toEqual(before);
  });

  it('answers bad usage with exit code 2', async () => {
    expect((await runCli('attribute', '--workspace', ws, '--out', 'x.csv')).code).toBe(2);
    const rule = await runCli('attribute', '--workspace', ws, '--reference', refs, '--out', 'x.csv', '--source-rule', 'maybe');
    expect(rule.code).toBe(2);
    expect(rule.err).toMatch(/--source-rule is threshold or threshold-and-lr/);
    expect((await runCli('attribute', '--workspace', ws, '--reference', refs, '--out', 'x.csv', '--k', '0')).code).toBe(2);
    const gate = await runCli('attribute', '--workspace', ws, '--reference', refs, '--out', 'x.csv', '--gate-floor', '1');
    expect(gate.code).toBe(2);
    expect(gate.err).toMatch(/--gate-floor must be a proportion in \[0, 1\) \(0 turns the per-route gate off\)/);
  });
});
