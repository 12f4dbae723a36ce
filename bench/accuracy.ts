/**
 * `npm run bench -- accuracy`: the automatic mode's recovery of true sources on a grid of generated collections
 * (samples/generator/world.ts, the bundled data's model: sources → cases → seizures → samples, seizure-level
 * variation on, each source one production batch), side by side with the textbook pipeline (N^1/4 + Pearson, average
 * linkage, threshold at 2.5 % FPR on the different-case pairs). Adjusted Rand index against the sources. Both read the
 * matrix as a new calibration or class run in the workspace does: non-detects at LOD/2 (world-collection.ts
 * workspaceMatrix).
 *
 *   node bin/run-ts.mjs bench/accuracy.ts [--seeds k] [--sources 10,24,60] [--lods 500,1500] [--base 1000] [--no-bundled]
 *
 * Grid: 10 / 24 / 60 sources × within-source noise (log10 sd between seizures / between samples: low 0.03 / 0.02,
 * medium 0.05 / 0.04, high 0.08 / 0.06) × detection limit (500 counts, or the bundled set's 1,500; `--lods 3000` for
 * a harder one), 4 cases per source, one seed per cell by default (18 collections). The same collections every run:
 * seed = base + 97 · cell + k for the k-th collection of a cell; the default base 1000 gives the collections the method
 * was developed on (and the fast check in npm test), another base (`--base 7000`) collections it never saw. Then the
 * bundled sample data through the real CLI (accuracy-bundled.ts), unless `--no-bundled`.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { autoProfile } from '../shared/profiling/auto';
import { bundledAccuracy } from './accuracy-bundled';
import { simplePopulation } from '../shared/profiling/pair-population';
import { buildPairs } from '../shared/profiling/pairs';
import { adjustedRandIndex } from '../test/unit/analysis/cluster-metrics';
import { textbookAri, workspaceMatrix, worldCollection } from '../test/unit/analysis/world-collection';

export const NOISE = [
  { name: 'low', seizure: 0.03, sample: 0.02 },
  { name: 'medium', seizure: 0.05, sample: 0.04 },
  { name: 'high', seizure: 0.08, sample: 0.06 },
] as const;
export const DETECTION_LIMITS = [500, 1500] as const;
export const SOURCES = [10, 24, 60] as const;

export interface AccuracyRow {
  sources: number;
  noise: string;
  lod: number;
  seed: number;
  samples: number;
  contamination: number;
  estimated: number | null;
  auto: number;
  textbook: number;
  choice: string;
  seconds: number;
}

/** One cell: the automatic mode (shared/profiling/auto.ts, as `sigwb cluster` runs it) and the textbook pipeline. */
export function accuracyCell(sources: number, noise: (typeof NOISE)[number], lod: number, seed: number): AccuracyRow {
  const c = worldCollection({ sources, seed, seizure: noise.seizure, sample: noise.sample, lodArea: lod });
  const t0 = performance.now();
  const r = autoProfile(workspaceMatrix(c), simplePopulation(c.seizure, c.caseId));
  const seconds = (performance.now() - t0) / 1000;
  const pairs = buildPairs(simplePopulation(c.seizure, c.caseId));
  let same = 0;
  for (let k = 0; k < pairs.unlinked.i.length; k++) if (c.source[pairs.unlinked.i[k]] === c.source[pairs.unlinked.j[k]]) same++;
  return {
    sources,
    noise: noise.name,
    lod,
    seed,
    samples: c.matrix.sampleIds.length,
    contamination: same / pairs.unlinked.i.length,
    estimated: r.contamination?.share ?? null,
    auto: adjustedRandIndex(r.classIds, c.source),
    textbook: textbookAri(c),
    choice: `${r.choice.pretreatment} + ${r.choice.score}, ${r.choice.linkage}, ${r.choice.rule ?? r.source.cut}`,
    seconds,
  };
}

export interface GridCell {
  sources: number;
  noise: (typeof NOISE)[number];
  lod: number;
  seed: number;
}

const OPTIONS = { seeds: { type: 'string' }, sources: { type: 'string' }, lods: { type: 'string' }, base: { type: 'string' }, 'no-bundled': { type: 'boolean' } } as const;

/** The grid's collections from the bench's options (--seeds, --sources, --lods, --base), in order, each with its seed (base + 97 · cell + k; base 1000). */
export function accuracyCells(argv: string[]): GridCell[] {
  const { values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const seeds = Number(values.seeds ?? 1);
  const base = Number(values.base ?? 1000);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(base)) throw new Error('--seeds must be a whole number ≥ 1 and --base a whole number');
  const sources = values.sources ? values.sources.split(',').map(Number) : [...SOURCES];
  const lods = values.lods ? values.lods.split(',').map(Number) : [...DETECTION_LIMITS];
  const cells: GridCell[] = [];
  let cell = 0;
  for (const s of sources) {
    for (const noise of NOISE) {
      for (const lod of lods) {
        for (let k = 0; k < seeds; k++) cells.push({ sources: s, noise, lod, seed: base + 97 * cell + k });
        cell++;
      }
    }
  }
  return cells;
}

/** Runs the grid and prints the table and the summary. */
export async function benchAccuracy(argv: string[] = []): Promise<AccuracyRow[]> {
  const rows: AccuracyRow[] = [];
  console.log('sources  noise   LOD   seed  samples  contamination (est.)  auto ARI  textbook ARI  automatic choice                          s');
  for (const { sources: s, noise, lod, seed } of accuracyCells(argv)) {
    const r = accuracyCell(s, noise, lod, seed);
    rows.push(r);
    console.log(
      `${String(s).padStart(7)}  ${noise.name.padEnd(6)}  ${String(lod).padStart(4)}  ${String(seed).padStart(4)}  ${String(r.samples).padStart(7)}  ${(r.contamination * 100).toFixed(1).padStart(6)} % (${r.estimated === null ? '  –  ' : `${(r.estimated * 100).toFixed(1).padStart(4)} %`})  ${r.auto.toFixed(3).padStart(8)}  ${r.textbook.toFixed(3).padStart(12)}  ${r.choice.padEnd(40)}  ${r.seconds.toFixed(1)}`,
    );
  }
  const mean = (f: (r: AccuracyRow) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
  const min = (f: (r: AccuracyRow) => number) => Math.min(...rows.map(f));
  console.log(`\n${rows.length} collections: automatic mode ARI mean ${mean((r) => r.auto).toFixed(3)}, min ${min((r) => r.auto).toFixed(3)}; textbook mean ${mean((r) => r.textbook).toFixed(3)}, min ${min((r) => r.textbook).toFixed(3)}`);
  if (parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }).values['no-bundled'] !== true) {
    const b = await bundledAccuracy();
    console.log(
      `\nBundled sample data (sigwb init, import, calibrate, cluster; ${b.seconds.toFixed(0)} s): ${b.samples} samples, ${b.classes} classes; ${b.splitSeizures} of ${b.seizures} seizures split across classes; same-batch pairwise recall ${b.sameBatchRecall.toFixed(3)}; purity ${b.purity.toFixed(3)}, ARI ${b.ari.toFixed(3)} against the sources\n  ${b.choice}`,
    );
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchAccuracy(process.argv.slice(2));
