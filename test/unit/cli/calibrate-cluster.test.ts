import { DEFAULT_VOCABULARIES } from '../../../shared/domain/default-vocabularies';
import { termLookup } from '../../../shared/domain/vocabulary';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCalibrationRecord } from '../../../shared/analysis/calibration-record';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import { adjustedRandIndex, purity } from '../analysis/cluster-metrics';
import { makeWorkspace, type GeneratedData } from '../analysis/make-workspace';

let root: string;
let cleanup: () => void;
let ws: string;
let data: GeneratedData;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir());
  ws = path.join(root, 'ws');
  ({ data } = await makeWorkspace(ws));
});
afterAll(() => cleanup());

function csv(file: string): string[][] {
  return readFileSync(file, 'utf8').trimEnd().split('\r\n').map((l) => l.split(','));
}

describe('sigwb calibrate and cluster', () => {
  it('calibrate prints AUC, threshold and TPR of every pretreatment × score, the choice, and the saved id', async () => {
    const out = path.join(root, 'c1.json');
    const r = await runCli('calibrate', '--workspace', ws, '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Calibration on 288 samples, 13 compounds \(roles impurity, precursor, unassigned\)\n/);
    expect(r.out).toMatch(/Pairs: 288 linked \(same seizure_id\), [\d,]+ unlinked \(different case_id\); accepted FPR 2\.5 %/);
    expect(r.out).toMatch(/rank {2}pretreatment {2}score {7}AUC {5}95 % interval {4}gain over default {2}threshold {3}TPR at 2\.5 % FPR/);
    const rows = r.out.split('\n').filter((l) => /^\s+\d+ {2}\S/.test(l));
    expect(rows).toHaveLength(35);
    expect(r.out).toMatch(/\s+\d+ {2}∜N +Pearson +0\.9[5-9]\d\d/);
    // The literature default stays unless another combination is clearly better (its gain's interval above 0, ≥ 0.005).
    expect(r.out).toMatch(/\s+\d+ {2}∜N +Pearson +0\.9\d{3} +0\.\d{4}–[01]\.\d{4} +default .*← chosen/);
    expect(r.out).toMatch(/Chosen: ∜N \+ Pearson\. ∜N \+ Pearson, the literature default \(Andersson et al\. 2007\): ROC AUC 0\.9\d{3} \(95 % interval/);
    // 24 sources, 2 cases each: 2.1 % of the different-case pairs share a source.
    expect(r.out).toMatch(/^Contamination: about (1\.[6-9]\d*|2(\.[0-5]\d*)?) % of the unlinked pairs are estimated to share a source/m);
    expect(r.out).toMatch(/Threshold: [\d.e+-]+ \S+ distance \([\d.]+ on the 0–100 scale\), rule: contamination-corrected FPR; FPR 2\.\d+ % among different-source pairs \([\d.]+ % of all unlinked pairs\), TPR [\d.]+ %/);
    expect(r.out).toContain('Saved calibration C0001 (now in force): config/calibration-C0001.json, calibrations/C0001.arrow');
    const record = readCalibrationRecord(JSON.parse(readFileSync(out, 'utf8')));
    expect(record.id).toBe('C0001');
    expect(readFileSync(path.join(ws, 'config', 'calibration-C0001.json'), 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('cluster with no options runs the automatic mode, explains its choice, writes one row per sample and saves the run', async () => {
    const out = path.join(root, 'classes.csv');
    const r = await runCli('cluster', '--workspace', ws, '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Class run on 288 samples, 13 compounds \(roles impurity, precursor, unassigned\); automatic mode\n/);
    expect(r.out).toMatch(/Chose: .+ linkage, threshold [\d.e+-]+ \S+ distance \(combination of calibration C0001\)/);
    expect(r.out).toMatch(/Why:\n {2}- .+ from calibration C0001 \(ROC AUC 0\.9\d+\)\.\n {2}- \S+ linkage cut at [\d.e+-]+ \(Pearson distance, [\d.]+ on the 0–100 scale\), chosen on held-out pairs \(5 folds of seizure_id groups/);
    expect(r.out).toMatch(/\n {2}- Contamination: about [\d.]+ % of the unlinked pairs \(different case_id\) are estimated to share a source/);
    expect(r.out).toMatch(/Classes: \d+ \(\d+ of one sample\)/);
    expect(r.out).toContain(`Wrote 288 rows to ${out}`);
    expect(r.out).toContain('Saved class run R0001: config/class-run-R0001.json, classes/R0001.arrow');
    const [header, ...rows] = csv(out);
    expect(header).toEqual(['sample_id', 'class_id', 'seizure_id', 'case_id', 'seized_on', 'region', 'class_size', 'distance_to_class_mean']);
    expect(rows).toHaveLength(288);
    const bySample = new Map(data.samples.map((s) => [s.sample_id, s]));
    for (const row of rows) {
      const s = bySample.get(row[0]);
      // Regions are read through the vocabularies: the generator's postal codes (NS) are written as the term (Nova Scotia).
      const region = s?.region ? (termLookup(DEFAULT_VOCABULARIES).region.get(s.region.toLowerCase()) ?? s.region) : s?.region;
      expect([row[2], row[3], row[4], row[5]]).toEqual([s?.seizure_id, s?.case_id, s?.seized_on, region]);
      expect(Number(row[6])).toBe(rows.filter((x) => x[1] === row[1]).length);
      expect(Number(row[7])).toBeGreaterThanOrEqual(0);
    }
    const ari = adjustedRandIndex(rows.map((x) => x[1]), rows.map((x) => data.truth.get(x[0])?.source ?? -1));
    expect(ari).toBeGreaterThan(0.9);

    // The saved run is what `sigwb query` joins as sample_classes.
    const q = await runCli('query', '--workspace', ws, 'SELECT count(*) AS n, count(DISTINCT class_id) AS k, min(run_id) AS run FROM sample_classes');
    expect(q.out).toBe(`n,k,run\n288,${new Set(rows.map((x) => x[1])).size},R0001\n`);
  });

  it('cluster takes explicit settings and prints them', async () => {
    const out = path.join(root, 'explicit.csv');
    const r = await runCli('cluster', '-w', ws, '--pretreat', 'fourth-root', '--score', 'pearson', '--linkage', 'complete', '--threshold', '0.05', '--calibration', 'none', '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/explicit settings\nChose: ∜N \+ Pearson, complete linkage, threshold 0\.05000 Pearson distance\n/);
    expect(r.out).toContain('  - ∜N + Pearson as asked.');
    expect(r.out).toContain('Tree cut at 0.05 (Pearson distance) as asked');
    expect(r.out).toContain('Saved class run R0002');
    // The same --out again: refused without --force (nothing saved), overwritten with it.
    const refused = await runCli('cluster', '-w', ws, '--k', '4', '--out', out);
    expect(refused).toEqual({ code: 1, out: '', err: `sigwb cluster: ${out} already exists; choose another --out or add --force to overwrite\n` });
    const k = await runCli('cluster', '-w', ws, '--k', '4', '--roles', 'impurity,precursor,unassigned', '--out', out, '--force');
    expect(k.code).toBe(0);
    expect(k.out).toContain('Saved class run R0003');
    expect(k.out).toMatch(/Chose: .*, at most 4 classes/);
    expect(new Set(csv(out).slice(1).map((x) => x[1])).size).toBeLessThanOrEqual(4);
  });

  it('refuses with exit 1 and a clear message: no measurements, too few linked pairs, memory, unknown column', async () => {
    const empty = path.join(root, 'empty');
    expect((await runCli('init', empty)).code).toBe(0);
    const before = snapshotTree(empty);
    const none = await runCli('calibrate', '--workspace', empty);
    expect(none).toMatchObject({ code: 1, out: '' });
    expect(none.err).toMatch(/^sigwb calibrate: no measurements: the workspace holds no results for compounds of the roles impurity, precursor, unassigned/);
    expect((await runCli('cluster', '--workspace', empty, '--out', path.join(root, 'x.csv'))).err).toMatch(/^sigwb cluster: no measurements/);
    expect(snapshotTree(empty)).toEqual(before);

    const single = path.join(root, 'single');
    await makeWorkspace(single, { sources: 10, samplesPerSeizure: 1 });
    const few = await runCli('calibrate', '--workspace', single);
    expect(few.code).toBe(1);
    expect(few.err).toMatch(/too few linked pairs: found 0 \(pairs of samples with the same seizure_id\); calibration needs at least 1, and 20 for trustworthy figures/);
    const fewCluster = await runCli('cluster', '--workspace', single, '--out', path.join(root, 'x.csv'));
    expect(fewCluster.err).toMatch(/^sigwb cluster: too few linked pairs: found 0/);

    const mem = await runCli('cluster', '--workspace', ws, '--max-memory', '0.01', '--out', path.join(root, 'x.csv'));
    expect(mem.code).toBe(1);
    expect(mem.err).toMatch(/^sigwb cluster: Clustering 288 samples needs about [\d.]+ (KiB|MiB) .* but only 10\.2 KiB .* are available\. Cluster fewer samples/);

    const col = await runCli('calibrate', '--workspace', ws, '--linked-by', 'batch_no');
    expect(col).toMatchObject({ code: 1, err: expect.stringMatching(/the samples view has no column "batch_no"; choose one of sample_id, .*seizure_id, case_id/) });
    const byCity = await runCli('calibrate', '--workspace', ws, '--unlinked-by', 'region');
    expect(byCity.code).toBe(0);
    expect(byCity.out).toMatch(/unlinked \(different region\)/);
    // Several workspaces, calibrations and refusals: minutes on a shared machine.
  }, 600_000);

  it('works on the bundled sample data through the real import: AUC of N^1/4 + Pearson > 0.95, pure classes', async () => {
    const samples = path.join(__dirname, '..', '..', '..', 'samples');
    const manifest = JSON.parse(readFileSync(path.join(samples, 'manifest.json'), 'utf8')) as { files: { file: string }[]; samples: number };
    const dir = path.join(root, 'bundled');
    expect((await runCli('init', dir)).code).toBe(0);
    const imported = await runCli('import', '--workspace', dir, ...manifest.files.map((f) => path.join(samples, f.file)));
    expect(imported.code, imported.err).toBe(0);
    const cal = await runCli('calibrate', '--workspace', dir);
    expect(cal.code, cal.err).toBe(0);
    // More unlinked pairs than the cap of 100,000: they are sampled, and the line names the seed of each side.
    expect(cal.out).toMatch(/^Pairs: ([\d,]+) linked \(same seizure_id\), 100,000 unlinked \(different case_id\) sampled from \1 \/ [\d,]+ \(seed 1 for linked, 2 for unlinked\); accepted FPR 2\.5 %$/m);
    const auc = /\s+\d+ {2}∜N +Pearson +(0\.\d{4})/.exec(cal.out)?.[1];
    expect(Number(auc)).toBeGreaterThan(0.95);
    const out = path.join(root, 'bundled.csv');
    const run = await runCli('cluster', '--workspace', dir, '--out', out);
    expect(run.code, run.err).toBe(0);
    const rows = csv(out).slice(1);
    expect(rows).toHaveLength(manifest.samples);
    const truth = new Map(
      readFileSync(path.join(samples, 'truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')).map((c) => [c[0], { source: c[3], batch: c[5] }] as const),
    );
    // Seizures are single production batches, and a source's batches reach different cases: about 12 % of the
    // different-case pairs share a source. Counted as unrelated, they cut the seizures apart (the threshold at 2.5 % FPR
    // split 78 of 126 seizures, same-batch recall 0.54); estimated and left out, the classes are the sources.
    const classOf = new Map(rows.map((r) => [r[0], r[1]]));
    const seizureOf = new Map(readFileSync(path.join(samples, 'truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')).map((c) => [c[0], c[1]] as const));
    const classesOfSeizure = new Map<string, Set<string>>();
    for (const [id, cls] of classOf) classesOfSeizure.set(seizureOf.get(id)!, (classesOfSeizure.get(seizureOf.get(id)!) ?? new Set()).add(cls));
    const split = [...classesOfSeizure.values()].filter((c) => c.size > 1).length;
    expect(split).toBeLessThanOrEqual(5);
    let sameBatch = 0;
    let together = 0;
    const ids = [...classOf.keys()];
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++)
        if (truth.get(ids[i])!.batch === truth.get(ids[j])!.batch) {
          sameBatch++;
          if (classOf.get(ids[i]) === classOf.get(ids[j])) together++;
        }
    expect(together / sameBatch).toBeGreaterThan(0.95);
    expect(purity(rows.map((r) => r[1]), rows.map((r) => truth.get(r[0])?.source ?? '?'))).toBeGreaterThan(0.95);
    expect(adjustedRandIndex(rows.map((r) => r[1]), rows.map((r) => truth.get(r[0])?.source ?? '?'))).toBeGreaterThan(0.9);
  }, 600_000);

  it('reports usage errors with exit 2', async () => {
    const out = path.join(root, 'u.csv');
    expect((await runCli('cluster', '--workspace', ws)).err).toMatch(/--out is required/);
    for (const args of [
      ['--score', 'jaccard'],
      ['--pretreat', 'cube-root'],
      ['--linkage', 'centroid'],
      ['--k', '3', '--threshold', '0.1'],
      ['--k', '0'],
      ['--threshold', 'near'],
      ['--fpr', '2.5'],
      ['--roles', 'impurity,catalyst'],
      ['--calibration', 'latest'],
    ]) {
      const r = await runCli('cluster', '--workspace', ws, '--out', out, ...args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect((await runCli('calibrate', '--workspace', ws, '--fpr', '0')).code).toBe(2);
    expect((await runCli('calibrate')).code).toBe(2);
  });
});
