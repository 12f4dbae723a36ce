/**
 * `npm run bench -- non-detects`: what the non-detect rule (shared/profiling/non-detects.ts) does to distances, on
 * generated fentanyl collections whose areas before detection are known (test/unit/attribution/generate.ts: 5
 * routes × 6 sources × 2 seizures × 3 samples, sample totals 1e5–1e6, an absolute detection limit).
 *
 * Per condition (detection limit × within-seizure noise, 3 seeds) and rule ('zero', 'half-lod'), for two
 * comparisons (N^1/4 + Pearson, the literature default; log + Pearson), against the same samples' areas before
 * detection ("true"):
 * - within-seizure pairs in which a compound is detected in one sample and not in the other ("a compound near the
 *   limit"): their median distance over the median distance of the other within-seizure pairs (how much a flip
 *   inflates a same-seizure distance);
 * - the share of those pairs still linked at the threshold that passes 2.5 % of different-source pairs;
 * - ROC AUC of same-seizure against different-source pairs (what calibration feeds on).
 */
import { pretreatValues, type Pretreatment } from '../shared/profiling/pretreatment';
import { rocAuc, thresholdAtFpr } from '../shared/profiling/roc';
import { prepareRows, rowDistance, type Score } from '../shared/profiling/scores';
import { effectiveValues, type SignatureMatrix } from '../shared/profiling/signature-matrix';
import { median } from '../shared/profiling/util/stats';
import type { NonDetectRule } from '../shared/profiling/non-detects';
import { generateFentanyl, toMatrix, trueMatrix, type GeneratedSample } from '../test/unit/attribution/generate';

const LODS = [300, 1000, 3000];
const NOISE = [0.05, 0.1, 0.2];
const SEEDS = [1, 2, 3];
const COMPARISONS: [Pretreatment, Score][] = [['fourth-root', 'pearson'], ['log', 'pearson']];

/** Pair distances of the matrix under a comparison (i < j pairs listed in `pairs`). */
function distances(m: SignatureMatrix, pre: Pretreatment, score: Score, pairs: readonly [number, number][]): Float64Array {
  const n = m.sampleIds.length;
  const p = m.compounds.length;
  const rows = prepareRows(pretreatValues(effectiveValues(m), n, p, pre), n, p, score);
  return Float64Array.from(pairs, ([i, j]) => rowDistance(rows, i, j));
}

type Column = NonDetectRule | 'true';
const COLUMNS: readonly Column[] = ['true', 'zero', 'half-lod'];

interface Row {
  lod: number;
  noise: number;
  comparison: string;
  flipPairs: number;
  inflation: Record<Column, number>;
  linked: Record<Column, number>;
  auc: Record<Column, number>;
}

function pairsOf(samples: readonly GeneratedSample[]): { within: [number, number][]; flips: boolean[]; between: [number, number][] } {
  const within: [number, number][] = [];
  const flips: boolean[] = [];
  const between: [number, number][] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const a = samples[i];
      const b = samples[j];
      if (a.seizure === b.seizure) {
        within.push([i, j]);
        flips.push(a.areas.some((v, c) => (v === null) !== (b.areas[c] === null)));
      } else if (a.source !== b.source && (i * 31 + j) % 7 === 0) between.push([i, j]);
    }
  }
  return { within, flips, between };
}

/** Runs the grid and prints one line per condition and comparison (means over the seeds). */
export function benchNonDetects(): void {
  const rows: Row[] = [];
  for (const lod of LODS) {
    for (const noise of NOISE) {
      for (const [pre, score] of COMPARISONS) {
        const zeros = (): Record<Column, number> => ({ true: 0, zero: 0, 'half-lod': 0 });
        const acc: Row = { lod, noise, comparison: `${pre} + ${score}`, flipPairs: 0, inflation: zeros(), linked: zeros(), auc: zeros() };
        for (const seed of SEEDS) {
          const samples = generateFentanyl({ seed, sourcesPerRoute: 6, sampleSd: noise, lod });
          const { within, flips, between } = pairsOf(samples);
          acc.flipPairs += flips.filter(Boolean).length / SEEDS.length;
          for (const column of COLUMNS) {
            const m = column === 'true' ? trueMatrix(samples) : toMatrix(samples, column);
            const w = distances(m, pre, score, within);
            const b = distances(m, pre, score, between);
            const flipped = w.filter((_, k) => flips[k]);
            const others = w.filter((_, k) => !flips[k]);
            const t = thresholdAtFpr(others, b, 0.025).threshold;
            acc.inflation[column] += (flipped.length ? median(flipped) / median(others) : Number.NaN) / SEEDS.length;
            acc.linked[column] += (flipped.length ? flipped.filter((d) => d <= t).length / flipped.length : Number.NaN) / SEEDS.length;
            acc.auc[column] += rocAuc(w, b) / SEEDS.length;
          }
        }
        rows.push(acc);
      }
    }
  }
  const f = (v: number, d = 2) => (Number.isNaN(v) ? '—' : v.toFixed(d));
  const three = (r: Record<Column, number>, d = 2) => COLUMNS.map((c) => f(r[c], d)).join(' / ');
  console.log(`non-detects: generated fentanyl collections (5 routes × 6 sources × 2 seizures × 3 samples = 180 samples, 14 compounds), ${SEEDS.length} seeds each (means shown); true = the areas before detection`);
  console.log('| detection limit (area) | within-seizure noise (log sd) | comparison | same-seizure pairs with a compound detected in one sample only | their distance ÷ other same-seizure pairs\': true / zero / half-lod | of them linked at 2.5 % FPR: true / zero / half-lod | AUC same-seizure vs different-source: true / zero / half-lod |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.lod} | ${r.noise} | ${r.comparison} | ${f(r.flipPairs, 0)} | ${three(r.inflation)} | ${three(r.linked)} | ${three(r.auc, 4)} |`);
}
