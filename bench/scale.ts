/**
 * `npm run bench -- scale`: continuous intelligence at national scale (issue 15), each figure beside its reference in
 * the same run:
 *
 *   scale-startup  `sigwb query "select 1"` on an empty workspace, CPU-seconds (median of 3): the compiled CLI on native
 *                  DuckDB against the run-time transpiler on duckdb-wasm (SIGWB_ENGINE=wasm through bin/run-ts.mjs)
 *   scale-link     500 new against 1,000,000 stored profiles × 25 compounds on 2 worker threads: wall time and peak
 *                  memory, against a brute-force comparison of every pair (scores.ts rowDistance) of every 5th new
 *                  profile (its time × 5), links compared; at the database-search threshold (at most 1 false link
 *                  expected per search: shared/linking/search-threshold.ts), the calibration's 2.5 % FPR threshold and
 *                  a strict 0.002, with the true and false links each keeps (the generated sources are the truth).
 *                  `-- scale-link --stored 100000` runs a smaller store.
 *   scale-classes  10,000 samples: classes from the threshold graph and extended by a batch of 1,000 (and by a wave
 *                  concentrated on 50 sources known by 2 samples each: ids kept by the rule in force and the earlier one),
 *                  against the full clustering (ARI, class ids of untouched classes kept)
 *   scale-national a generated national workspace (samples/generator/national.ts: 100,000 samples, 3 years, 9
 *                  provinces, 12 ports of entry) imported through sigwb; opening it (sigwb query) first and after, against
 *                  duckdb-wasm; the app reopening it with its engine file, against the open without
 *                  (bench/app-reopen.ts); calibrate; a batch of 500 new samples imported and linked
 *
 * The collections are generated in a temporary folder and removed; nothing is written to the repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerRunner } from '../node/linking/link-pool';
import { searchLinks } from '../shared/linking/link-search';
import { SEARCH_DEFAULTS, searchRule, searchThreshold, tailOf } from '../shared/linking/search-threshold';
import { searchThresholdText } from '../shared/linking/search-text';
import { extendClasses, sparseClasses } from '../shared/linking/sparse-classes';
import { numberClasses, stableClassIds } from '../shared/profiling/class-ids';
import { cutAtDistance } from '../shared/profiling/cut-tree';
import { linkage } from '../shared/profiling/linkage';
import { pretreat } from '../shared/profiling/pretreatment';
import { condensedDistances, prepareRows, rowDistance, type PreparedRows } from '../shared/profiling/scores';
import { createSignatureMatrix } from '../shared/profiling/signature-matrix';
import { mulberry32 } from '../shared/profiling/util/rng';
import { calibrate } from '../shared/profiling/calibration';
import { generateNational } from '../samples/generator/national';
import { adjustedRandIndex } from '../test/unit/analysis/cluster-metrics';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1024 * 1024;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs a command under /usr/bin/time: wall seconds, CPU seconds (user + system), peak RSS MiB, and its output. */
function timed(cmd: string[], env: Record<string, string> = {}): { wall: number; cpu: number; rss: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...cmd], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * MiB });
  const wall = (performance.now() - t0) / 1000;
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [u, s, m] = last.split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.slice(0, 2000)}`);
  return { wall, cpu: u + s, rss: m / 1024, out: r.stdout };
}

const sigwb = (...args: string[]) => ['node', 'bin/sigwb.mjs', ...args];
const sigwbWasm = (...args: string[]) => ['node', 'bin/run-ts.mjs', 'cli/run.ts', ...args];

function load(): string {
  return `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`;
}

export async function benchStartup(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-scale-'));
  try {
    const ws = path.join(dir, 'ws');
    timed(sigwb('init', ws));
    timed(sigwb('query', '-w', ws, 'select 1'));
    const native = [0, 1, 2].map(() => timed(sigwb('query', '-w', ws, 'select 1')));
    const wasm = [0, 1, 2].map(() => timed(sigwbWasm('query', '-w', ws, 'select 1'), { SIGWB_ENGINE: 'wasm' }));
    console.log(`startup: sigwb query "select 1" on an empty workspace, median of 3 (${load()})`);
    console.log(`  compiled CLI, native DuckDB      ${median(native.map((r) => r.cpu)).toFixed(2)} CPU-s, ${median(native.map((r) => r.wall)).toFixed(2)} s wall, ${median(native.map((r) => r.rss)).toFixed(0)} MiB`);
    console.log(`  reference: tsx + duckdb-wasm     ${median(wasm.map((r) => r.cpu)).toFixed(2)} CPU-s, ${median(wasm.map((r) => r.wall)).toFixed(2)} s wall, ${median(wasm.map((r) => r.rss)).toFixed(0)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** n profiles of `sources` sources (lognormal around each), prepared for Pearson, and each one's source. */
function profiles(n: number, p: number, sources: number, seed: number): PreparedRows & { source: Int32Array } {
  const rng = mulberry32(seed);
  const centres = Array.from({ length: sources }, () => Array.from({ length: p }, () => (rng.next() < 0.15 ? 0 : Math.exp(1.5 * rng.nextNormal()))));
  const raw = new Float64Array(n * p);
  const source = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    source[i] = rng.nextInt(sources);
    const s = centres[source[i]];
    const amount = 0.2 + 5 * rng.next();
    for (let c = 0; c < p; c++) raw[i * p + c] = Math.sqrt(Math.sqrt(s[c] * Math.exp(0.08 * rng.nextNormal()) * amount));
  }
  return { ...prepareRows(raw, n, p, 'pearson'), source };
}

/**
 * The threshold a calibration sets on these profiles (shared/profiling/calibration.ts, its default accepted FPR):
 * pairs of the first `k` stored profiles, linked when they share a source, unlinked otherwise.
 */
function calibratedThreshold(all: PreparedRows & { source: Int32Array }, k: number): ReturnType<typeof calibrate> & { pairs: { linked: Float64Array; unlinked: Float64Array } } {
  const linked: number[] = [];
  const unlinked: number[] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) (all.source[i] === all.source[j] ? linked : unlinked).push(rowDistance(all, i, j));
  const pairs = { linked: Float64Array.from(linked), unlinked: Float64Array.from(unlinked) };
  return { ...calibrate(pairs.linked, pairs.unlinked), pairs };
}

/** `--stored N` (default 1,000,000), `--fresh N` (default 500). */
export async function benchLink(args: string[] = []): Promise<void> {
  const option = (name: string, fallback: number): number => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const stored = option('--stored', 1_000_000);
  const fresh = option('--fresh', 500);
  const p = 25;
  let peak = process.memoryUsage().rss;
  const sample = (): void => void (peak = Math.max(peak, process.memoryUsage().rss));
  const all = profiles(stored + fresh, p, 5_000, 77);
  const part = (a: number, b: number): PreparedRows => ({ score: 'pearson', n: b - a, p, x: all.x.subarray(a * p, b * p), degenerate: all.degenerate.subarray(a, b) });
  const S = part(0, stored);
  const F = part(stored, stored + fresh);
  sample();
  // Every pair of 3,000 stored profiles: about 900 share a source (5,000 sources), 4.5 million do not.
  const cal = calibratedThreshold(all, 3_000);
  // The database-search threshold for this store (its sources are known: no contamination weights), the
  // calibration's threshold, and a strict one (the first version's) for comparison.
  const tail = tailOf(cal.pairs, null);
  const search = searchThreshold(tail, cal.threshold, stored, 'generated', (d) => 50 * d);
  const thresholds = [search.threshold ?? -1, cal.threshold, 0.002];
  console.log(`link: ${fresh} new × ${stored.toLocaleString('en-US')} stored profiles × ${p} compounds, Pearson (${load()})`);
  console.log(`  the calibration's threshold at ${(100 * cal.acceptedFpr).toFixed(1)} % FPR: ${cal.threshold.toPrecision(4)} (pairs of 3,000 stored profiles by source: TPR ${(100 * cal.tprAtThreshold).toFixed(1)} %, FPR ${(100 * cal.fprAtThreshold).toFixed(2)} %)`);
  console.log(`  the search threshold (${search.rule}, ${search.threshold?.toPrecision(4) ?? 'none'}): ${searchThresholdText(search, searchRule(tail))}`);
  // The same-source pairs of new and stored profiles (the same at every threshold: counted once).
  let reachable = 0;
  for (let i = 0; i < fresh; i++) for (let j = 0; j < stored; j++) if (all.source[stored + i] === all.source[j]) reachable++;
  const runs: Awaited<ReturnType<typeof searchLinks>>[] = [];
  for (const threshold of thresholds) {
    const before = process.memoryUsage().rss;
    peak = before;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await searchLinks(S, F, threshold, { runner: workerRunner(2), onProgress: sample });
    const linkMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    sample();
    runs.push(r);
    // True links share the generated source; the others are false (adventitious) links.
    let truth = 0;
    for (let k = 0; k < r.distance.length; k++) if (all.source[stored + r.newIndex[k]] === all.source[r.storedIndex[k]]) truth++;
    const name = threshold === thresholds[0] ? 'search threshold' : threshold === cal.threshold ? 'calibration threshold' : 'strict threshold';
    console.log(`  ≤ ${threshold.toPrecision(4)} (${name}): linking, 2 worker threads ${(linkMs / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} CPU-s (both threads); ${r.distance.length.toLocaleString('en-US')} links (${(r.distance.length / fresh).toFixed(1)} per new profile); peak RSS ${(peak / MiB).toFixed(0)} MiB (${((peak - before) / MiB).toFixed(0)} MiB above the profiles held before)`);
    console.log(`      true links ${truth.toLocaleString('en-US')} of ${reachable.toLocaleString('en-US')} same-source pairs (${((100 * truth) / Math.max(1, reachable)).toFixed(1)} %); false links ${(r.distance.length - truth).toLocaleString('en-US')} (${((r.distance.length - truth) / fresh).toFixed(2)} per search${threshold === thresholds[0] ? `; expected ${search.expected_false_links.toPrecision(3)}, at most ${search.expected_false_links_upper.toPrecision(3)} at ${100 * SEARCH_DEFAULTS.confidence} %` : ''})`);
  }
  // The reference compares every pair of every 5th new profile (a full run takes minutes): its time × 5 estimates all.
  const every = 5;
  const widest = Math.max(...thresholds);
  const t1 = performance.now();
  const ref: { i: number[]; j: number[]; d: number[] } = { i: [], j: [], d: [] };
  for (let i = 0; i < fresh; i += every) {
    for (let j = 0; j < stored; j++) {
      const d = rowDistance(all, stored + i, j);
      if (d <= widest) {
        ref.i.push(i);
        ref.j.push(j);
        ref.d.push(d);
      }
    }
  }
  const bruteMs = (performance.now() - t1) * every;
  console.log(`  reference: brute force, 1 thread ${(bruteMs / 1000).toFixed(2)} s wall (every pair of ${fresh / every} of the new profiles, time × ${every})`);
  thresholds.forEach((threshold, t) => {
    const r = runs[t];
    // Links of the reference's new profiles, in the reference's (new, stored) order, against the reference's.
    const got = Array.from(r.distance.keys()).filter((k) => r.newIndex[k] % every === 0);
    got.sort((a, b) => r.newIndex[a] - r.newIndex[b] || r.storedIndex[a] - r.storedIndex[b]);
    const want = ref.d.flatMap((d, k) => (d <= threshold ? [k] : []));
    const same = got.length === want.length && got.every((k, q) => r.newIndex[k] === ref.i[want[q]] && r.storedIndex[k] === ref.j[want[q]] && r.distance[k] === ref.d[want[q]]);
    console.log(`    ≤ ${threshold.toPrecision(4)}: ${want.length.toLocaleString('en-US')} links of those; the same links and distances: ${same ? 'yes' : 'NO'}`);
  });
}

export async function benchClasses(n = 10_000, p = 25): Promise<void> {
  const rng = mulberry32(31);
  const centres = Array.from({ length: 600 }, () => Array.from({ length: p }, () => (rng.next() < 0.1 ? 0 : Math.exp(1.5 * rng.nextNormal()))));
  const values = new Float64Array(n * p);
  const source = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    source[i] = rng.nextInt(centres.length);
    const s = centres[source[i]];
    const amount = 0.2 + 5 * rng.next();
    for (let c = 0; c < p; c++) values[i * p + c] = s[c] * Math.exp(0.1 * rng.nextNormal()) * amount;
  }
  const pre = pretreat(createSignatureMatrix(Array.from({ length: n }, (_, i) => `s${i}`), Array.from({ length: p }, (_, c) => `c${c}`), values), 'fourth-root');
  const t = 0.01;
  const t0 = performance.now();
  const full = numberClasses(cutAtDistance(linkage(condensedDistances(pre, 'pearson'), 'average'), t));
  const fullMs = performance.now() - t0;
  const t1 = performance.now();
  const sparse = await sparseClasses(pre, 'pearson', 'average', t, { runner: workerRunner(2) });
  const sparseMs = performance.now() - t1;
  const first = n - 1000;
  const uniform = await extensionIds(pre, first, t);
  console.log(`classes: ${n.toLocaleString('en-US')} samples × ${p} compounds, average linkage cut at ${t} (Pearson) (${load()})`);
  console.log(`  reference: full clustering       ${(fullMs / 1000).toFixed(2)} s, ${new Set(full).size} classes, condensed matrix ${((8 * n * (n - 1)) / 2 / MiB).toFixed(0)} MiB`);
  console.log(`  threshold graph + components     ${(sparseMs / 1000).toFixed(2)} s, ${new Set(sparse.labels).size} classes, ${sparse.edges.toLocaleString('en-US')} edges, largest component ${sparse.largestComponent}; ARI against full ${adjustedRandIndex(sparse.labels, full).toFixed(4)}`);
  console.log(`  + batch of 1,000 (extendClasses) ${(uniform.extendMs / 1000).toFixed(2)} s, ${uniform.touched} components re-clustered; ARI against full ${adjustedRandIndex(uniform.labels, full).toFixed(4)}; ${uniform.kept} of ${uniform.untouched} samples of untouched classes kept their class id`);
  console.log(`    classes that only gained new samples: ${uniform.grown}; kept their id ${uniform.grownKept} (compared on the samples both runs hold), ${uniform.grownKeptEarlier} by the earlier rule (every member counted)`);
  // A batch concentrated on few sources, as a seizure wave is: of 50 sources, only 2 samples each were known before.
  const seen = new Map<number, number>();
  const known = (i: number) => source[i] >= 50 || (seen.get(source[i]) ?? 0) < 2;
  const earlier: number[] = [];
  const later: number[] = [];
  for (let i = 0; i < n; i++) {
    (known(i) ? earlier : later).push(i);
    seen.set(source[i], (seen.get(source[i]) ?? 0) + 1);
  }
  const order = [...earlier, ...later];
  const values2 = new Float64Array(n * p);
  order.forEach((k, r) => values2.set(pre.values.subarray(k * p, (k + 1) * p), r * p));
  const wave = await extensionIds(createSignatureMatrix(order.map((k) => pre.sampleIds[k]), pre.compounds, values2), earlier.length, t);
  const fullOf = new Map(pre.sampleIds.map((id, i) => [id, full[i]]));
  console.log(`  + a wave of ${later.length.toLocaleString('en-US')} samples of 50 sources known by 2 samples each: ARI against full ${adjustedRandIndex(wave.labels, Int32Array.from(order, (k) => fullOf.get(pre.sampleIds[k])!)).toFixed(4)}; ${wave.kept} of ${wave.untouched} samples of untouched classes kept their class id`);
  console.log(`    classes that only gained new samples: ${wave.grown}; kept their id ${wave.grownKept} (compared on the samples both runs hold), ${wave.grownKeptEarlier} by the earlier rule (every member counted)`);
}

/**
 * Classes of the first `first` samples extended by the rest, and the ids carried over: samples of untouched classes
 * keeping their id, and classes that only gained new samples (all earlier members still together, no other earlier
 * sample beside them, more members now) keeping theirs, by the rule in force and by the earlier rule (class-ids.ts).
 */
async function extensionIds(pre: ReturnType<typeof pretreat>, first: number, t: number) {
  const p = pre.compounds.length;
  const head = createSignatureMatrix(pre.sampleIds.slice(0, first), pre.compounds, pre.values.slice(0, first * p));
  const before = await sparseClasses(head, 'pearson', 'average', t, { runner: workerRunner(2) });
  const t2 = performance.now();
  const after = await extendClasses(pre, 'pearson', 'average', t, before, first, { runner: workerRunner(2) });
  const extendMs = performance.now() - t2;
  const prevIds = new Map(head.sampleIds.map((id, i) => [id, before.labels[i]]));
  const nowLabels = new Map(pre.sampleIds.map((id, i) => [id, after.labels[i]]));
  const stable = stableClassIds(prevIds, nowLabels);
  const earlierRule = stableClassIds(prevIds, nowLabels, { rule: 'jaccard-all-members' });
  const touchedComponents = new Set(Array.from(after.component.subarray(first)));
  let untouched = 0;
  let kept = 0;
  for (let i = 0; i < first; i++) {
    if (touchedComponents.has(after.component[i])) continue;
    untouched++;
    if (stable.classIds.get(pre.sampleIds[i]) === before.labels[i]) kept++;
  }
  const labelsOfEarlier = new Map<number, Set<number>>();
  const earlierOfLabel = new Map<number, Set<number>>();
  const memberOf = new Map<number, string>();
  for (let i = 0; i < first; i++) {
    labelsOfEarlier.set(before.labels[i], (labelsOfEarlier.get(before.labels[i]) ?? new Set()).add(after.labels[i]));
    earlierOfLabel.set(after.labels[i], (earlierOfLabel.get(after.labels[i]) ?? new Set()).add(before.labels[i]));
    if (!memberOf.has(before.labels[i])) memberOf.set(before.labels[i], pre.sampleIds[i]);
  }
  const sizes = (labels: Int32Array) => {
    const m = new Map<number, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const sizeNow = sizes(after.labels);
  const sizeBefore = sizes(before.labels);
  let grown = 0;
  let grownKept = 0;
  let grownKeptEarlier = 0;
  for (const [c, labels] of labelsOfEarlier) {
    if (labels.size !== 1) continue;
    const [l] = labels;
    if (earlierOfLabel.get(l)!.size !== 1 || sizeNow.get(l)! <= sizeBefore.get(c)!) continue;
    grown++;
    if (stable.classIds.get(memberOf.get(c)!) === c) grownKept++;
    if (earlierRule.classIds.get(memberOf.get(c)!) === c) grownKeptEarlier++;
  }
  return { labels: after.labels, touched: after.touched, extendMs, untouched, kept, grown, grownKept, grownKeptEarlier };
}

export async function benchNational(samples = 100_000): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-national-'));
  try {
    const t0 = performance.now();
    const files = generateNational({ samples: samples + 500 });
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in', 'metadata.csv'), files.metadata);
    const months = [...files.results.keys()];
    // The last month's samples arrive later, as one batch of new samples (at most 500 of them kept for it).
    const resultFiles = months.map((m) => {
      const f = path.join(dir, 'in', `results-${m}.csv`);
      writeFileSync(f, files.results.get(m)!);
      return f;
    });
    const last = resultFiles.pop()!;
    console.log(`national: ${files.samples.toLocaleString('en-US')} samples generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${months.length} monthly results files (${load()})`);
    const ws = path.join(dir, 'ws');
    timed(sigwb('init', ws, '--name', 'National'));
    const imp = timed(sigwb('import', '-w', ws, path.join(dir, 'in', 'metadata.csv'), ...resultFiles));
    console.log(`  import of ${resultFiles.length + 1} files through sigwb: ${imp.wall.toFixed(1)} s wall, ${imp.cpu.toFixed(1)} CPU-s, peak ${imp.rss.toFixed(0)} MiB`);
    const q = 'select count(*) as samples, count(distinct region) as regions from samples';
    rmSync(path.join(ws, 'engine'), { recursive: true, force: true });
    const cold = timed(sigwb('query', '-w', ws, q));
    const warm = [0, 1, 2].map(() => timed(sigwb('query', '-w', ws, q)));
    const wasm = timed(sigwbWasm('query', '-w', ws, q), { SIGWB_ENGINE: 'wasm' });
    console.log(`  sigwb query (${cold.out.trim().split('\n')[1]} samples,regions):`);
    console.log(`    first open (engine cache built)  ${cold.wall.toFixed(2)} s wall, ${cold.cpu.toFixed(2)} CPU-s`);
    console.log(`    after (median of 3)              ${median(warm.map((r) => r.wall)).toFixed(2)} s wall, ${median(warm.map((r) => r.cpu)).toFixed(2)} CPU-s, ${median(warm.map((r) => r.rss)).toFixed(0)} MiB`);
    console.log(`    reference: duckdb-wasm, no cache ${wasm.wall.toFixed(2)} s wall, ${wasm.cpu.toFixed(2)} CPU-s, ${wasm.rss.toFixed(0)} MiB`);
    await (await import('./app-reopen')).benchAppReopen(ws);
    const cal = timed(sigwb('calibrate', '-w', ws));
    console.log(`  calibrate: ${cal.wall.toFixed(1)} s wall; ${cal.out.split('\n').find((l) => l.startsWith('Threshold')) ?? ''}`);
    const lines = execFileSync('head', ['-n', String(1 + 500 * 25), last], { encoding: 'utf8' });
    const batch = path.join(dir, 'in', 'new-batch.csv');
    writeFileSync(batch, lines);
    const linked = timed(sigwb('import', '-w', ws, batch));
    console.log(`  import + linking of ${Math.round((lines.split('\n').length - 2) / 25)} new samples: ${linked.wall.toFixed(1)} s wall, peak ${linked.rss.toFixed(0)} MiB`);
    console.log(`    ${linked.out.trim().split('\n').filter((l) => l.includes('linked')).join('\n    ')}`);
    const links = timed(sigwb('links', '-w', ws, '--since', 'B0001'));
    console.log(`    ${links.out.split('\n')[0]}`);
    console.log(`    ${links.out.split('\n').slice(2, 5).join('\n    ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 10,000 samples clustered end to end by sigwb (average linkage, cut at a threshold) against scipy on the same matrix. */
export async function benchCluster(sources = 834): Promise<void> {
  const { makeWorkspace } = await import('../test/unit/analysis/make-workspace');
  const { openWorkspaceDb } = await import('../test/unit/analysis/make-workspace');
  const { loadSignatures } = await import('../shared/analysis/signature-query');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-cluster-'));
  try {
    const ws = path.join(dir, 'ws');
    await makeWorkspace(ws, { sources, seed: 12 });
    const { db } = await openWorkspaceDb(ws);
    const loaded = await loadSignatures(db);
    await db.close();
    const { sampleIds, compounds, values } = loaded.matrix;
    const p = compounds.length;
    const csv = sampleIds.map((_, i) => Array.from(values.subarray(i * p, i * p + p)).join(',')).join('\n') + '\n';
    writeFileSync(path.join(dir, 'matrix.csv'), csv);
    const t = '0.01';
    timed(sigwb('query', '-w', ws, 'select 1'));
    const args = ['cluster', '-w', ws, '--pretreat', 'fourth-root', '--score', 'pearson', '--linkage', 'average', '--threshold', t, '--calibration', 'none', '--force'];
    // Runs alternate (sigwb, scipy, sigwb, …) so that both meet the same load on this shared machine.
    const runs: ReturnType<typeof timed>[] = [];
    const scipy: ReturnType<typeof timed>[] = [];
    for (let k = 0; k < 5; k++) {
      runs.push(timed(sigwb(...args, '--out', path.join(dir, `classes-${k}.csv`))));
      scipy.push(timed(['/usr/bin/python3', path.join(ROOT, 'scripts/golden/bench_scipy.py'), '--csv', path.join(dir, 'matrix.csv'), t]));
    }
    const scipyTotal = scipy.map((o) => Number(/fcluster ([\d.]+) s/.exec(o.out)?.[1]));
    const ours = median(runs.map((r) => r.wall));
    console.log(`cluster: ${sampleIds.length.toLocaleString('en-US')} samples × ${p} compounds, fourth root + Pearson, average linkage, cut at ${t} (${load()})`);
    console.log(`  sigwb cluster end to end (median of 5)           ${ours.toFixed(2)} s wall, ${median(runs.map((r) => r.cpu)).toFixed(2)} CPU-s, ${median(runs.map((r) => r.rss)).toFixed(0)} MiB; ${/Classes: (\d+)/.exec(runs[0].out)?.[1]} classes`);
    console.log(`  reference: scipy pdist + linkage + fcluster      ${median(scipyTotal).toFixed(2)} s (median of 5; ${/(\d+) classes/.exec(scipy[0].out)?.[1]} classes); its whole process ${median(scipy.map((r) => r.wall)).toFixed(2)} s wall, ${median(scipy.map((r) => r.cpu)).toFixed(2)} CPU-s`);
    const pairs = runs.map((r, k) => r.wall / scipyTotal[k]);
    console.log(`  ratio of the medians: ${(ours / median(scipyTotal)).toFixed(2)}×; median of the ratios of each pair of runs: ${median(pairs).toFixed(2)}× (${pairs.map((x) => x.toFixed(2)).join(', ')}); CPU: ${(median(runs.map((r) => r.cpu)) / median(scipy.map((r) => r.cpu))).toFixed(2)}× scipy's whole process`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
