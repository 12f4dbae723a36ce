/**
 * End-to-end clustering benchmark: 10,000 samples × 40 compounds from several seeded sources, through
 * pretreatment (fourth root), Pearson distances, average linkage, the cut at a threshold and the cophenetic
 * correlation. Prints the time of each stage and the peak memory (RSS sampled at stage ends and from the progress
 * callbacks, plus the typed-array bytes held). Compare with scripts/golden/bench_scipy.py.
 *
 *   node bin/run-ts.mjs bench/cluster.ts [samples] [compounds]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSignatureMatrix } from '../shared/profiling/signature-matrix';
import { pretreat } from '../shared/profiling/pretreatment';
import { condensedDistances } from '../shared/profiling/scores';
import { estimateMemory, linkage } from '../shared/profiling/linkage';
import { cutAtDistance, classCount } from '../shared/profiling/cut-tree';
import { copheneticCorrelation } from '../shared/profiling/cophenetic';
import { mulberry32 } from '../shared/profiling/util/rng';

const MiB = 1024 * 1024;

function makeSamples(n: number, p: number, sources: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const profiles = new Float64Array(sources * p);
  for (let k = 0; k < profiles.length; k++) profiles[k] = rng.next() < 0.1 ? 0 : Math.exp(1.5 * rng.nextNormal());
  const values = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const s = rng.nextInt(sources);
    const amount = 0.2 + 5 * rng.next();
    for (let c = 0; c < p; c++) {
      const v = profiles[s * p + c] * Math.exp(0.1 * rng.nextNormal()) * amount;
      values[i * p + c] = v < 0.05 ? 0 : v; // below the detection limit: not detected
    }
  }
  return values;
}

/** Runs the benchmark (default 10,000 × 40, 60 sources) and prints one line per stage. */
export async function benchCluster(n = 10_000, p = 40): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sample = (): void => {
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
  };
  const rows: [string, number][] = [];
  const stage = <T>(name: string, run: () => T): T => {
    const t0 = performance.now();
    const out = run();
    rows.push([name, performance.now() - t0]);
    sample();
    return out;
  };
  await Promise.resolve();

  const values = stage('generate', () => makeSamples(n, p, 60, 2024));
  const matrix = createSignatureMatrix(
    Array.from({ length: n }, (_, i) => `s${i}`),
    Array.from({ length: p }, (_, c) => `c${c}`),
    values,
  );
  const pre = stage('pretreat (fourth root)', () => pretreat(matrix, 'fourth-root'));
  const dists = stage('distances (pearson)', () => condensedDistances(pre, 'pearson', sample));
  const z = stage('linkage (average)', () => linkage(dists, 'average', { onProgress: sample }));
  const classes = stage('cut (t = 0.05)', () => classCount(cutAtDistance(z, 0.05)));
  const coph = stage('cophenetic correlation', () => copheneticCorrelation(z, dists));

  const typedBytes = values.byteLength * 2 + pre.values.byteLength + dists.byteLength * 2 + z.byteLength;
  const total = rows.slice(1).reduce((s, [, ms]) => s + ms, 0);
  console.log(`benchCluster: ${n} samples × ${p} compounds, ${dists.length.toLocaleString('en-US')} pairs`);
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(26)} ${(ms / 1000).toFixed(3)} s`);
  console.log(`  ${'total (without generate)'.padEnd(26)} ${(total / 1000).toFixed(3)} s`);
  console.log(`  classes at t = 0.05: ${classes}; cophenetic correlation: ${coph.toFixed(4)}`);
  console.log(`  peak RSS (sampled): ${(peakRss / MiB).toFixed(0)} MiB; typed arrays: ${(typedBytes / MiB).toFixed(0)} MiB; estimateMemory: ${(estimateMemory(n, 'average') / MiB).toFixed(0)} MiB`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [n, p] = process.argv.slice(2).map(Number);
  await benchCluster(n || undefined, p || undefined);
}
