/**
 * `sigwb cluster --k` needs no calibration pairs: UCI wine (sklearn's load_wine, 178 wines × 13 measurements, from
 * test/fixtures/profiling/selection.json) imported as a wide results file with no seizure or case column at all. The
 * automatic mode has no known links to choose a linkage by, so Ward, and says so; the classes equal scipy's Ward cut
 * into 3 (ARI 0.79 against the cultivars, where average linkage, which cophenetic correlation prefers, gives −0.005).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';
import { adjustedRandIndex } from '../analysis/cluster-metrics';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'profiling', 'selection.json');
const wine = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { wine: { X: number[][]; cultivar: number[]; features: string[]; methods: Record<string, { labels: number[]; ari: number }> } }).wine;

let t: ReturnType<typeof tempDir>;
let ws: string;
beforeAll(async () => {
  t = tempDir();
  ws = path.join(t.dir, 'ws');
  expect((await runCli('init', ws)).code).toBe(0);
  // Sample ids in row order (zero-padded), so that the CSV's order is the fixture's.
  const id = (i: number) => `W${String(i + 1).padStart(3, '0')}`;
  const csv = ['Sample Name,' + wine.features.join(','), ...wine.X.map((row, i) => [id(i), ...row].join(','))].join('\n');
  writeFileSync(path.join(t.dir, 'wine.csv'), csv + '\n');
  const r = await runCli('import', '-w', ws, path.join(t.dir, 'wine.csv'));
  expect(r.code, r.err).toBe(0);
}, 120_000);
afterAll(() => t.cleanup());

describe('sigwb cluster --k on a workspace with no seizure or case column', () => {
  it('cuts into 3 classes without calibration pairs: Ward by default, scipy\'s classes, ARI 0.79 against the cultivars', async () => {
    const out = path.join(t.dir, 'k3.csv');
    const r = await runCli('cluster', '-w', ws, '--k', '3', '--pretreat', 'autoscale', '--score', 'euclidean', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Chose: autoscale \+ Euclidean, Ward linkage, at most 3 classes\n/);
    expect(r.out).toContain('Ward linkage, no known links to choose a linkage by, so Ward (least increase of variance keeps classes compact).');
    const rows = readFileSync(out, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(178);
    const classes = rows.map((x) => x[1]);
    expect(adjustedRandIndex(classes, wine.cultivar)).toBeCloseTo(wine.methods.ward.ari, 12);
    expect(adjustedRandIndex(classes, wine.methods.ward.labels)).toBe(1);
  });

  it('without --k or --threshold there is nothing to cut by, and it says why', async () => {
    const r = await runCli('cluster', '-w', ws, '--out', path.join(t.dir, 'auto.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/too few linked pairs: found 0 \(pairs of samples with the same seizure_id\)/);
  });
});
