/**
 * Classes from the threshold graph saved as class runs (`sigwb cluster --graph`) on the bundled sample data: the run
 * states its method, is saved in one commit with its audit line, has no tree and keeps each sample's component; the
 * next batch extends it (classes the new samples do not reach keep their ids and members); its classes are those of
 * a full single-linkage clustering cut at the same threshold; a class that only gained new samples keeps its id
 * (classes compared on the samples both runs hold); a class report of it states the method and verifies;
 * runs saved before the method was recorded read as full clusterings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classRunDataFromArrow, readClassRunRecord, type ClassRunRecord } from '../../../shared/analysis/class-run-record';
import { classRunMethodSentence } from '../../../shared/analysis/class-run-method';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples');
let t: ReturnType<typeof tempDir>;
let ws: string;

const record = (id: string): ClassRunRecord => readClassRunRecord(JSON.parse(readFileSync(path.join(ws, `config/class-run-${id}.json`), 'utf8')));
const data = (id: string) => classRunDataFromArrow(readFileSync(path.join(ws, `classes/${id}.arrow`)));
const audit = () => readFileSync(path.join(ws, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
/** Sample id → class id of a run. */
const classesOf = (id: string): Map<string, number> => {
  const d = data(id);
  return new Map(d.sampleIds.map((s, i) => [s, d.classIds[i]]));
};
/** The partition of a run as sorted member lists (ids do not matter). */
const partition = (id: string): string[] => {
  const groups = new Map<number, string[]>();
  for (const [s, c] of classesOf(id)) groups.set(c, [...(groups.get(c) ?? []), s]);
  return [...groups.values()].map((g) => g.sort().join(' ')).sort();
};

beforeAll(async () => {
  t = tempDir('sigwb-graph-');
  ws = path.join(t.dir, 'ws');
  expect((await runCli('init', ws)).code).toBe(0);
  const first = await runCli('import', '-w', ws, ...['metadata/lims-seizures.csv', 'metadata/quebec-saisies.csv', 'results/gcms-impurities.csv'].map((f) => path.join(SAMPLES, f)));
  expect(first.code, first.err).toBe(0);
  expect((await runCli('calibrate', '-w', ws)).code).toBe(0);
  const g1 = await runCli('cluster', '-w', ws, '--graph', '--out', path.join(t.dir, 'g1.csv'));
  expect(g1.code, g1.err).toBe(0);
  const more = await runCli('import', '-w', ws, path.join(SAMPLES, 'results/gcms-impurities-quebec.tsv'));
  expect(more.code, more.err).toBe(0);
  const g2 = await runCli('cluster', '-w', ws, '--graph', '--out', path.join(t.dir, 'g2.csv'));
  expect(g2.code, g2.err).toBe(0);
}, 240_000);
afterAll(() => t.cleanup());

describe('sigwb cluster --graph', () => {
  it('saves a class run that states its method, without a tree, in one commit with its audit line', () => {
    const r = record('R0001');
    expect(r.method).toMatchObject({ kind: 'threshold-graph', extended_from: null, added_samples: 0 });
    expect(r.settings.linkage).toBe('single');
    expect(r.settings.threshold).toBe(JSON.parse(readFileSync(path.join(ws, 'config/calibration-C0001.json'), 'utf8')).threshold.distance);
    const d = data('R0001');
    expect(d.linkageMatrix.length).toBe(0);
    expect(d.component).not.toBeNull();
    // Samples of one class share a component (single linkage: the classes are the components).
    const compOf = new Map<number, number>();
    d.classIds.forEach((c, i) => {
      if (compOf.has(c)) expect(d.component![i]).toBe(compOf.get(c));
      compOf.set(c, d.component![i]);
    });
    expect(r.method.kind === 'threshold-graph' && r.method.components).toBe(new Set(d.component).size);
    const line = audit().find((e) => e.action === 'classes.save' && e.details.run === 'R0001');
    expect(line.details.method).toBe('threshold-graph');
    expect(line.summary).toContain('classes from the threshold graph (no n × n matrix)');
    expect(r.reasons).toContain(`Method: ${classRunMethodSentence(r).slice(0, -1).replace(/^C/, 'c')}.`);
  });

  it('extends the latest graph run by a new batch: classes the new samples do not reach keep their ids and members', () => {
    const r = record('R0002');
    expect(r.method).toMatchObject({ kind: 'threshold-graph', extended_from: 'R0001', added_samples: 79 });
    expect(r.previous_run).toBe('R0001');
    const before = classesOf('R0001');
    const after = classesOf('R0002');
    const fresh = [...after.keys()].filter((s) => !before.has(s));
    expect(fresh).toHaveLength(79);
    const reached = new Set(fresh.map((s) => after.get(s)!));
    const members = (m: Map<string, number>, c: number) => [...m].filter(([, x]) => x === c).map(([s]) => s).sort();
    let kept = 0;
    for (const c of new Set(before.values())) {
      const old = members(before, c);
      if (old.some((s) => reached.has(after.get(s)!))) continue;
      expect(members(after, c)).toEqual(old);
      kept++;
    }
    expect(kept).toBeGreaterThan(0);
    expect(r.method.kind === 'threshold-graph' && r.method.touched_components).toBeLessThan(new Set(before.values()).size);
  });

  it('keeps the id of a class that new samples joined: on the sample data the Québec batch grows class 8 from 5 samples to 21, still class 8', () => {
    const r = record('R0002');
    expect(r.settings.class_id_rule).toBe('jaccard-shared-samples');
    const before = classesOf('R0001');
    const after = classesOf('R0002');
    const members = (m: Map<string, number>, c: number) => [...m].filter(([, x]) => x === c).map(([s]) => s);
    // Every earlier class whose members are still together, with no other earlier sample beside them, keeps its id.
    let grown = 0;
    for (const c of new Set(before.values())) {
      const now = new Set(members(before, c).map((s) => after.get(s)));
      if (now.size !== 1) continue;
      const [id] = now;
      if (members(after, id!).some((s) => before.has(s) && before.get(s) !== c)) continue;
      expect(id).toBe(c);
      if (members(after, c).length > members(before, c).length) grown++;
    }
    expect(grown).toBeGreaterThan(0);
    expect(members(before, 8)).toHaveLength(5);
    const eight = r.classes.find((c) => c.class_id === 8)!;
    expect(eight).toMatchObject({ size: 21, previous_class_id: 8, jaccard: 1 });
    expect(members(after, 8).filter((s) => !before.has(s))).toHaveLength(16);
    expect(r.retired_class_ids).toEqual([]);
    expect(r.reasons.some((x) => x.startsWith('Class ids carried over from run R0001, comparing classes on the samples both runs hold') && x.endsWith('no id retired.'))).toBe(true);
  });

  it('gives the classes of a full single-linkage clustering cut at the same threshold', async () => {
    const threshold = String(record('R0002').settings.threshold);
    const full = await runCli('cluster', '-w', ws, '--linkage', 'single', '--threshold', threshold, '--out', path.join(t.dir, 'full.csv'));
    expect(full.code, full.err).toBe(0);
    expect(record('R0003').method).toEqual({ kind: 'full' });
    expect(data('R0003').linkageMatrix.length).toBeGreaterThan(0);
    expect(partition('R0003')).toEqual(partition('R0002'));
    // After a full run the graph is built whole again, with the same classes and, by the Jaccard rule, the same ids.
    const again = await runCli('cluster', '-w', ws, '--graph', '--out', path.join(t.dir, 'g3.csv'));
    expect(again.code, again.err).toBe(0);
    expect(record('R0004').method).toMatchObject({ kind: 'threshold-graph', extended_from: null });
    expect(classesOf('R0004')).toEqual(classesOf('R0003'));
  }, 120_000);

  it('a class report of a graph run states the method as the Classes view does, and verifies', async () => {
    const r = record('R0004');
    const ids = r.classes.slice(0, 2).map((c) => c.class_id);
    const file = path.join(t.dir, 'graph-report.html');
    const made = await runCli('report', '-w', ws, '--classes', ids.join(','), '--run', 'R0004', '--out', file);
    expect(made.code, made.err).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`<th scope="row">Method</th><td>${classRunMethodSentence(r)}</td>`);
    expect(html).toContain('connected components are the classes of single linkage cut at the threshold');
    const verified = await runCli('verify', file, '-w', ws);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/^Reproduced exactly/);
  }, 120_000);

  it('refuses what the threshold graph cannot give: Ward linkage, a cut into k classes', async () => {
    const ward = await runCli('cluster', '-w', ws, '--graph', '--linkage', 'ward', '--out', path.join(t.dir, 'w.csv'));
    expect(ward.code).toBe(1);
    expect(ward.err).toContain('ward linkage cannot be computed from the threshold graph');
    const k = await runCli('cluster', '-w', ws, '--graph', '--k', '5', '--out', path.join(t.dir, 'k.csv'));
    expect(k.code).toBe(1);
    expect(k.err).toContain('not into k classes');
  });

  it('reads a run saved before the method was recorded (schema 3) as a full clustering', () => {
    const raw = JSON.parse(readFileSync(path.join(ws, 'config/class-run-R0003.json'), 'utf8'));
    // Schema 3 had neither the method nor the class id rule (schema 5): a record stating either is refused as mislabelled.
    const { method: _method, ...old } = raw;
    const { class_id_rule: _rule, ...settings } = raw.settings;
    expect(readClassRunRecord({ ...old, settings, schema_version: 3 }).method).toEqual({ kind: 'full' });
  });
});
