/**
 * The bundled sample data (samples/) through the real CLI, as an analyst would first meet the workbench: `sigwb init`,
 * `import` of every bundled file, `calibrate` and `cluster` with no setting. Against samples/truth.csv: seizures split
 * across classes, the pairwise recall of same-production-batch pairs, purity and ARI against the sources. Issue 11
 * measured the earlier threshold (2.5 % FPR on different-case pairs) at 78 of 126 seizures split, recall 0.54.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adjustedRandIndex, purity } from '../test/unit/analysis/cluster-metrics';
import { runCli } from '../test/util/run-cli';
import { tempDir } from '../test/util/temp-dir';

export interface BundledFigures {
  samples: number;
  seizures: number;
  splitSeizures: number;
  sameBatchRecall: number;
  classes: number;
  purity: number;
  ari: number;
  /** The `Chose:` line of `sigwb cluster`. */
  choice: string;
  seconds: number;
}

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'samples');

async function cli(...args: string[]): Promise<string> {
  const r = await runCli(...args);
  if (r.code !== 0) throw new Error(`sigwb ${args[0]} failed (exit ${r.code}): ${r.err}`);
  return r.out;
}

/** Runs the four commands in a temporary folder and scores the classes against the truth. */
export async function bundledAccuracy(): Promise<BundledFigures> {
  const t = tempDir('sigwb-bundled-');
  try {
    const dir = path.join(t.dir, 'ws');
    const manifest = JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as { files: { file: string }[] };
    const t0 = performance.now();
    await cli('init', dir);
    await cli('import', '--workspace', dir, ...manifest.files.map((f) => path.join(SAMPLES, f.file)));
    await cli('calibrate', '--workspace', dir);
    const out = path.join(t.dir, 'classes.csv');
    const printed = await cli('cluster', '--workspace', dir, '--out', out);
    const seconds = (performance.now() - t0) / 1000;
    const truth = new Map(
      readFileSync(path.join(SAMPLES, 'truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')).map((c) => [c[0], { seizure: c[1], source: c[3], batch: c[5] }] as const),
    );
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n').slice(1).map((l) => l.split(','));
    const classOf = new Map(rows.map((r) => [r[0], r[1]]));
    const ids = [...classOf.keys()];
    const classesOfSeizure = new Map<string, Set<string>>();
    for (const id of ids) {
      const z = truth.get(id)?.seizure ?? id;
      classesOfSeizure.set(z, (classesOfSeizure.get(z) ?? new Set()).add(classOf.get(id) as string));
    }
    let sameBatch = 0;
    let together = 0;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        if (truth.get(ids[i])?.batch !== truth.get(ids[j])?.batch) continue;
        sameBatch++;
        if (classOf.get(ids[i]) === classOf.get(ids[j])) together++;
      }
    }
    const classes = ids.map((id) => classOf.get(id) as string);
    const sources = ids.map((id) => truth.get(id)?.source ?? '?');
    return {
      samples: ids.length,
      seizures: classesOfSeizure.size,
      splitSeizures: [...classesOfSeizure.values()].filter((c) => c.size > 1).length,
      sameBatchRecall: together / sameBatch,
      classes: new Set(classes).size,
      purity: purity(classes, sources),
      ari: adjustedRandIndex(classes, sources),
      choice: /^Chose: .*$/m.exec(printed)?.[0] ?? '',
      seconds,
    };
  } finally {
    t.cleanup();
  }
}
