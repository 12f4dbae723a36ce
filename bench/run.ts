/**
 * `npm run bench [-- <filter>]`: runs the benchmarks whose name contains the filter (all without one) and prints
 * their figures.
 *
 *   import    bench/import.ts (benchImport), skipped with a note while it does not exist
 *   cluster   bench/cluster.ts (benchCluster): the numeric core on 10,000 samples × 40 compounds
 *   analysis  the workspace side end to end on generated data (2,000 and 10,000 samples): load the signatures from
 *             DuckDB, calibrate, run the classes, and the size of what is saved
 *   scale-…   bench/scale.ts: startup, linking 500 × 1,000,000, classes from the threshold graph, a national workspace
 *             (with the app reopening it, step by step from its marks, as it stands, once its engine has started, and that
 *             with the host's bytes over loopback: bench/app-reopen.ts, also `-- scale-app --workspace DIR` on a workspace folder);
 *             scale-simd (bench/scale-simd.ts): whether WebAssembly SIMD pays for the distance kernels
 *   sharing   bench/sharing.ts: publishing 100,000 profiles to PostgreSQL and pulling them, a package of 10,000;
 *             each with detection flags (the default) and without, and what the flags cost
 *   ui        bench/ui/bench-ui.ts (benchUi): the built app in Chromium with 10,000 samples × 100 compounds; the
 *             longest main-thread task of each interaction
 *   fuzz      bench/fuzz.ts (benchFuzz): 320 seeded mutations of the sample files imported one by one; unexpected
 *             errors, hangs over 30 s, unclear problems and workspace changes on refusal (all must be 0)
 *   xlsx      bench/xlsx.ts (benchXlsx): a 100,000-row workbook imported against the same rows as CSV, peak memory,
 *             and a decompression bomb refused
 *   validation bench/lr-validation.ts: the LR system's held-out figures at source level on the accuracy grid's 18
 *             collections, misleading-evidence rates, the earlier KDE ratio beside (the accuracy grid's options)
 *   lr-seizure the same at seizure level (the default rule) on the same collections
 *   accuracy  bench/accuracy.ts (benchAccuracy): the automatic mode's ARI against true sources on 18 generated
 *             collections, beside the textbook pipeline (`-- accuracy --seeds 2` runs two collections per cell)
 *   non-detects  bench/non-detects.ts: what the non-detect rule does to same-seizure distances near the detection limit
 *   routes    bench/routes.ts: open-set route attribution on 24 generated collections × 10 pairs of referenced routes
 *             and the bundled sample data attributed without and with references (bench/routes-samples.ts);
 *             with the per-route gate beside the same runs without it, and a gate floor sweep;
 *             `-- routes --floor 0.9`, `--gate-floor 0.8`, `--seeds 4,5,6` run the grid alone with those settings;
 *             `--save F` / `--load F` keep the runs' calls and print the tables again at any floor; `--oracle` prints
 *             only the oracle bound (bench/routes-oracle.ts: the Bayes rule with the generator's true parameters)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MiB = 1024 * 1024;
const here = path.dirname(new URL(import.meta.url).pathname);

async function benchImportIfPresent(): Promise<void> {
  let mod: { benchImport?: () => Promise<void> | void };
  try {
    mod = (await import(pathToFileURL(path.join(here, 'import.ts')).href)) as typeof mod;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ENOENT') {
      console.log('import: skipped (bench/import.ts is not there yet)');
      return;
    }
    throw e;
  }
  if (typeof mod.benchImport !== 'function') {
    console.log('import: skipped (bench/import.ts exports no benchImport)');
    return;
  }
  await mod.benchImport();
}

async function benchCluster(): Promise<void> {
  const { benchCluster: run } = await import('./cluster');
  await run();
}

/** The workspace side on n generated samples: DuckDB → matrix → calibration → class run → saved records. */
async function benchAnalysisOn(n: number): Promise<void> {
  const { addRows, generateProfiles, openWorkspaceDb, TEST_ACTOR } = await import('../test/unit/analysis/make-workspace');
  const { NodeFileStore } = await import('../node/files/node-file-store');
  const { Workspace } = await import('../shared/workspace/Workspace');
  const { loadSignatures } = await import('../shared/analysis/signature-query');
  const { calibrateWorkspace } = await import('../shared/analysis/calibrate-workspace');
  const { runClasses } = await import('../shared/analysis/class-run');
  const { adjustedRandIndex } = await import('../test/unit/analysis/cluster-metrics');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-bench-'));
  let peak = process.memoryUsage().rss;
  const sample = (): void => void (peak = Math.max(peak, process.memoryUsage().rss));
  const rows: [string, number][] = [];
  const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await work();
    rows.push([name, performance.now() - t0]);
    sample();
    return out;
  };
  try {
    // Seizures of 3 samples, 2 per case, 2 cases per source: 12 samples a source.
    const data = generateProfiles({ sources: Math.ceil(n / 12), seed: 11 });
    const ws = await Workspace.create(new NodeFileStore(path.join(dir, 'ws')), 'bench', TEST_ACTOR);
    await time('write batches', () => addRows(ws, data.samples, data.results));
    const opened = await time('open in DuckDB', () => openWorkspaceDb(path.join(dir, 'ws')));
    const loaded = await time('load signatures', () => loadSignatures(opened.db));
    const author = { analyst: 'bench', appVersion: '0', now: TEST_ACTOR.now };
    const cal = await time('calibrate (35 combinations)', () => calibrateWorkspace(opened.ws, opened.db, { author, onProgress: sample }));
    const run = await time('class run (5 linkages)', () => runClasses(opened.ws, opened.db, { author, onProgress: sample }));
    const size = (f: string): string => `${(statSync(path.join(dir, 'ws', f)).size / 1024).toFixed(0)} KiB`;
    console.log(`analysis: ${loaded.matrix.sampleIds.length.toLocaleString('en-US')} samples × ${loaded.matrix.compounds.length} compounds, ${data.results.length.toLocaleString('en-US')} measurements`);
    for (const [name, ms] of rows) console.log(`  ${name.padEnd(30)} ${(ms / 1000).toFixed(3)} s`);
    const c = cal.record;
    console.log(`  calibration ${c.id}: ${c.chosen.pretreatment} + ${c.chosen.score}, AUC ${c.auc.toFixed(4)}, ${c.inputs.pairs.linked.toLocaleString('en-US')} linked / ${c.inputs.pairs.unlinked.toLocaleString('en-US')} unlinked pairs`);
    const truth = run.run.sampleIds.map((id) => data.truth.get(id)?.source ?? -1);
    console.log(`  class run ${run.record.id}: ${run.record.class_count} classes (${run.record.singletons} of one) for ${Math.ceil(n / 12)} sources, ${run.record.settings.linkage} linkage; adjusted Rand index ${adjustedRandIndex(run.run.classIds, truth).toFixed(3)}`);
    console.log(`  saved: calibration record ${size(`config/calibration-${c.id}.json`)} + distances ${size(c.data.file)}; class run record ${size(`config/class-run-${run.record.id}.json`)} + data ${size(run.record.data.file)}`);
    console.log(`  peak RSS (sampled): ${(peak / MiB).toFixed(0)} MiB`);
    await opened.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchAnalysis(): Promise<void> {
  await benchAnalysisOn(2_000);
  await benchAnalysisOn(10_000);
}

const BENCHES: [string, () => Promise<void>][] = [
  ['import', benchImportIfPresent],
  ['cluster', benchCluster],
  ['analysis', benchAnalysis],
  ['ui', async () => (await import('./ui/bench-ui')).benchUi()],
  ['scale-startup', async () => (await import('./scale')).benchStartup()],
  ['scale-link', async () => (await import('./scale')).benchLink(process.argv.slice(3))],
  ['scale-classes', async () => (await import('./scale')).benchClasses()],
  ['scale-cluster', async () => (await import('./scale')).benchCluster()],
  ['scale-national', async () => (await import('./scale')).benchNational()],
  ['scale-app', async () => (await import('./app-reopen')).benchAppReopenCli(process.argv.slice(3))],
  ['scale-simd', async () => (await import('./scale-simd')).benchSimd()],
  ['sharing', async () => (await import('./sharing')).benchSharing()],
  ['fuzz', async () => (await import('./fuzz')).benchFuzz()],
  ['xlsx', async () => (await import('./xlsx')).benchXlsx()],
  ['validation', async () => (await import('./lr-validation')).benchLrValidation(process.argv.slice(3))],
  ['lr-seizure', async () => (await import('./lr-validation')).benchLrSeizure(process.argv.slice(3))],
  ['accuracy', async () => void (await (await import('./accuracy')).benchAccuracy(process.argv.slice(3)))],
  ['non-detects', async () => (await import('./non-detects')).benchNonDetects()],
  ['routes', async () => {
    const args = process.argv.slice(3);
    (await import('./routes')).benchRoutes(args);
    if (!args.some((a) => a.startsWith('--'))) await (await import('./routes-samples')).benchRouteSamples();
  }],
];

const filter = process.argv[2] ?? '';
const chosen = BENCHES.filter(([name]) => name.includes(filter));
if (chosen.length === 0) {
  console.error(`no benchmark matches "${filter}"; there are ${BENCHES.map(([n]) => n).join(', ')}`);
  process.exitCode = 2;
}
for (const [name, run] of chosen) {
  const t0 = performance.now();
  console.log(`\n== ${name} ==`);
  await run();
  console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
