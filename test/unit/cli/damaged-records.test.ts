/**
 * Schema-5 calibration and class-run records damaged outside the workbench (cut short, another schema number, an
 * unknown pair comparison or class id rule, a field missing, bytes that no longer match their SHA-256): every command
 * that needs the record refuses (exit 1) naming the file, and the line and column of a JSON syntax error, never with
 * "unexpected error" and never reading the record as something else; commands that do not need it still work.
 * To get past the SHA-256 check, as someone "repairing" a record would, each damage but the last also records the
 * new bytes' SHA-256 in workspace.json.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editDocument } from '../../util/edit-document';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples');
let t: ReturnType<typeof tempDir>;
let base: string;
let copies = 0;

type Json = Record<string, unknown> & { lr_system: Record<string, unknown>; settings: Record<string, unknown> };

/** A copy of the base workspace with config/<doc>.json changed by `edit` (its SHA-256 recorded unless `keepSha`). */
function damaged(doc: string, edit: (text: string) => string, keepSha = false): string {
  const dir = path.join(t.dir, `copy-${++copies}`);
  cpSync(base, dir, { recursive: true });
  editDocument(dir, doc, edit, keepSha);
  return dir;
}
const json = (change: (o: Json) => void) => (text: string) => {
  const o = JSON.parse(text) as Json;
  change(o);
  return JSON.stringify(o, null, 2);
};
const classRuns = (dir: string) => readdirSync(path.join(dir, 'config')).filter((f) => f.startsWith('class-run-')).length;

/** Runs a command; expects a refusal naming `message`, not a crash. */
async function refused(message: RegExp, ...args: string[]): Promise<string> {
  const r = await runCli(...args);
  expect(r.err).not.toMatch(/unexpected error/);
  expect(r.err).toMatch(message);
  expect(r.code, r.err).toBe(1);
  return r.err;
}

beforeAll(async () => {
  t = tempDir('sigwb-damaged-');
  base = path.join(t.dir, 'base');
  expect((await runCli('init', base)).code).toBe(0);
  const imported = await runCli('import', '-w', base, ...['metadata/lims-seizures.csv', 'metadata/quebec-saisies.csv', 'results/gcms-impurities.csv'].map((f) => path.join(SAMPLES, f)));
  expect(imported.code, imported.err).toBe(0);
  expect((await runCli('calibrate', '-w', base)).code).toBe(0);
  const run = await runCli('cluster', '-w', base, '--graph', '--out', path.join(t.dir, 'c.csv'));
  expect(run.code, run.err).toBe(0);
  // The base is schema 5 with the fields at stake.
  const cal = JSON.parse(readFileSync(path.join(base, 'config/calibration-C0001.json'), 'utf8'));
  expect([cal.schema_version, cal.lr_system.pair_comparison]).toEqual([5, 'censored']);
  const rec = JSON.parse(readFileSync(path.join(base, 'config/class-run-R0001.json'), 'utf8'));
  expect([rec.schema_version, rec.settings.class_id_rule]).toEqual([5, 'jaccard-shared-samples']);
}, 240_000);
afterAll(() => t.cleanup());

describe('a damaged calibration record', () => {
  it('cut short: refused naming the file, line and column; queries that do not need it still answer', async () => {
    const ws = damaged('calibration-C0001', (s) => s.slice(0, 5000));
    const err = await refused(/sigwb validate: config\/calibration-C0001\.json is not valid JSON: line \d+, column \d+: .*cut short/, 'validate', '-w', ws);
    // Line and column of the end of what is left.
    const left = readFileSync(path.join(ws, 'config/calibration-C0001.json'), 'utf8').split('\n');
    expect(err).toContain(`line ${left.length}, column ${left[left.length - 1].length + 1}`);
    await refused(/calibration-C0001\.json is not valid JSON/, 'cluster', '-w', ws, '--graph', '--out', path.join(ws, 'c.csv'));
    expect(classRuns(ws)).toBe(1);
    const q = await runCli('query', '-w', ws, 'SELECT count(*) AS n FROM batches');
    expect([q.code, q.out]).toEqual([0, 'n\n3\n']);
  }, 120_000);

  it('an unknown pair comparison or none: refused naming the file and the field', async () => {
    for (const edit of [(o: Json) => void (o.lr_system.pair_comparison = 'interpolated'), (o: Json) => void delete o.lr_system.pair_comparison]) {
      const ws = damaged('calibration-C0001', json(edit));
      await refused(/config\/calibration-C0001\.json: lr_system\.pair_comparison: /, 'validate', '-w', ws);
      await refused(/config\/calibration-C0001\.json: lr_system\.pair_comparison: /, 'cluster', '-w', ws, '--graph', '--out', path.join(ws, 'c.csv'));
      expect(classRuns(ws)).toBe(1);
    }
  }, 120_000);

  it('schema 4 on a schema-5 record is refused, not migrated over its censored pair comparison; 6 asks for a newer workbench', async () => {
    const ws = damaged('calibration-C0001', json((o) => void (o.schema_version = 4)));
    await refused(/calibration-C0001\.json: cannot be read as schema 4: it already states lr_system\.pair_comparison, which schema 5 added: its schema_version is wrong/, 'validate', '-w', ws);
    const newer = damaged('calibration-C0001', json((o) => void (o.schema_version = 6)));
    await refused(/calibration-C0001\.json: written by a newer Signature Workbench \(schema 6/, 'validate', '-w', newer);
  }, 120_000);

  it('a missing field, or bytes that no longer match the SHA-256 the manifest recorded', async () => {
    await refused(/calibration-C0001\.json: threshold: /, 'validate', '-w', damaged('calibration-C0001', json((o) => void delete o.threshold)));
    const edited = damaged('calibration-C0001', json((o) => void (o.auc = 0.5)), true);
    await refused(/sigwb validate: config\/calibration-C0001\.json has changed since it was written \(SHA-256/, 'validate', '-w', edited);
  }, 120_000);
});

describe('a damaged class-run record', () => {
  it('an unknown class id rule: commands that need the run refuse naming it; a query of other views answers, with a warning', async () => {
    const ws = damaged('class-run-R0001', json((o) => void (o.settings.class_id_rule = 'jaccard-everything')));
    const rule = /config\/class-run-R0001\.json: settings\.class_id_rule: /;
    await refused(rule, 'cluster', '-w', ws, '--graph', '--out', path.join(ws, 'c.csv'));
    expect(classRuns(ws)).toBe(1);
    await refused(rule, 'export', '-w', ws, '--format', 'csv', '--out', path.join(ws, 'e.csv'));
    const q = await runCli('query', '-w', ws, 'SELECT count(*) AS n FROM batches');
    expect([q.code, q.out]).toEqual([0, 'n\n3\n']);
    expect(q.err).toMatch(/warning: the latest class run cannot be read, so sample_classes and class_summaries are not defined: config\/class-run-R0001\.json: settings\.class_id_rule/);
    // Never answered from another run or from empty tables.
    const classes = await runCli('query', '-w', ws, 'SELECT count(*) AS n FROM sample_classes');
    expect(classes.code).toBe(1);
    expect(classes.err).toMatch(/sample_classes/);
    expect((await runCli('validate', '-w', ws)).code).toBe(0);
  }, 120_000);

  it('cut short, no class id rule, or schema 4 over a stated rule: refused naming the file', async () => {
    await refused(/sigwb cluster: config\/class-run-R0001\.json is not valid JSON: line \d+, column \d+/, 'cluster', '-w', damaged('class-run-R0001', (s) => s.slice(0, 3000)), '--graph', '--out', path.join(t.dir, 'x.csv'));
    await refused(/class-run-R0001\.json: settings\.class_id_rule: /, 'cluster', '-w', damaged('class-run-R0001', json((o) => void delete o.settings.class_id_rule)), '--graph', '--out', path.join(t.dir, 'y.csv'));
    await refused(
      /class-run-R0001\.json: cannot be read as schema 4: it already states settings\.class_id_rule, which schema 5 added/,
      'cluster', '-w', damaged('class-run-R0001', json((o) => void (o.schema_version = 4))), '--graph', '--out', path.join(t.dir, 'z.csv'),
    );
  }, 120_000);
});
