/**
 * Import benchmark: a long-format results CSV of 1,000,000 rows (samples/generate.ts, GC-MS headers)
 * through the whole import into a temporary workspace (read, check, write the batch, load it, refresh the
 * views), beside DuckDB's own CSV reader in duckdb-wasm on the same bytes (CREATE TABLE … AS FROM
 * read_csv, types detected). Each run is a child process, so that peak memory is its own; the median
 * of three runs is reported. Target: the whole import within 2× the bare read.
 *
 *   node bin/run-ts.mjs bench/import.ts [rows] [runs]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeLargeLongCsv } from '../samples/generate';

const MiB = 1024 * 1024;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface RunResult {
  ms: number;
  peakRssMiB: number;
  rows?: number;
  stages?: Record<string, number>;
}

/** One measured run in this process (the child side). */
async function child(mode: 'bare' | 'import', file: string): Promise<RunResult> {
  const { openNodeDatabase } = await import('../node/db/node-database');
  const bytes = new Uint8Array(readFileSync(file));
  // The bare read is DuckDB's own CSV reader on a registered buffer: file access on, for this reference only.
  const db = await openNodeDatabase({ fileAccess: mode === 'bare' });
  if (mode === 'bare') {
    const t0 = performance.now();
    await db.registerFile('bench.csv', bytes);
    await db.query(`CREATE TABLE bare AS SELECT * FROM read_csv('bench.csv')`);
    const ms = performance.now() - t0;
    const rows = Number((await db.query('SELECT count(*) AS n FROM bare')).getChild('n')!.get(0));
    return { ms, rows, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
  }
  const { NodeFileStore } = await import('../node/files/node-file-store');
  const { Workspace } = await import('../shared/workspace/Workspace');
  const { openInDatabase } = await import('../shared/db/workspace-views');
  const { DEFAULT_COMPOUND_DICTIONARY } = await import('../shared/domain/default-compounds');
  const { importFile } = await import('../shared/importing/import-file');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-bench-ws-'));
  try {
    const ws = await Workspace.create(new NodeFileStore(dir), 'bench', { user: 'bench', appVersion: 'bench' });
    await openInDatabase(db, ws, DEFAULT_COMPOUND_DICTIONARY);
    const stages: Record<string, number> = {};
    const t0 = performance.now();
    const outcome = await importFile({ workspace: ws, db, dictionary: DEFAULT_COMPOUND_DICTIONARY, analyst: 'bench', onProgress: (p) => (stages[p.stage] ??= Math.round(performance.now() - t0)) }, { name: path.basename(file), bytes });
    const ms = performance.now() - t0;
    if (outcome.status !== 'imported') throw new Error(`import ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);
    return { ms, rows: outcome.batch.rows_imported, stages, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(mode: 'bare' | 'import', file: string): RunResult {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bin/run-ts.mjs'), path.join(ROOT, 'bench/import.ts'), '--child', mode, file], { encoding: 'utf8', maxBuffer: 16 * MiB });
  return JSON.parse(out.trim().split('\n').pop()!) as RunResult;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Generates the file, runs both paths `runs` times in child processes, and prints the figures. */
export async function benchImport(rows = 1_000_000, runs = 3): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-bench-'));
  try {
    let t = performance.now();
    const file = writeLargeLongCsv(dir, rows);
    const size = statSync(file).size;
    console.log(`import bench: ${rows.toLocaleString('en-CA')} rows, ${(size / MiB).toFixed(1)} MiB long CSV generated in ${Math.round(performance.now() - t)} ms`);
    const bare: RunResult[] = [];
    const imp: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(run('bare', file));
      imp.push(run('import', file));
    }
    t = median(bare.map((r) => r.ms));
    const whole = median(imp.map((r) => r.ms));
    const best = imp.find((r) => r.ms === whole)!;
    const fmt = (r: RunResult[]) => r.map((x) => Math.round(x.ms)).join(', ');
    console.log(`  duckdb-wasm read_csv (bare read): ${Math.round(t)} ms median of [${fmt(bare)}], peak RSS ${Math.round(median(bare.map((r) => r.peakRssMiB)))} MiB`);
    console.log(`  whole import into a workspace:    ${Math.round(whole)} ms median of [${fmt(imp)}], peak RSS ${Math.round(median(imp.map((r) => r.peakRssMiB)))} MiB`);
    console.log(`  stages reached at (ms): ${Object.entries(best.stages ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  ${Math.round((rows / whole) * 1000).toLocaleString('en-CA')} rows/s imported; ${(whole / t).toFixed(2)}× the bare read (target ≤ 2×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (argv[0] === '--child') console.log(JSON.stringify(await child(argv[1] as 'bare' | 'import', argv[2])));
  else await benchImport(argv[0] ? Number(argv[0]) : undefined, argv[1] ? Number(argv[1]) : undefined);
}
