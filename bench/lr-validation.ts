/**
 * `npm run bench -- validation`: the likelihood-ratio system validated at source level on the collections of the
 * accuracy grid (bench/accuracy.ts: 10 / 24 / 60 sources × within-source noise low / medium / high × detection limit
 * 500 / 1,500 counts, seizure-level variation on, the same seeds; 18 collections). The LR defaults were fixed on other
 * collections (the world generator, seeds 100–300), so these figures are held out twice: from the folds and from the
 * choice of method. Each is calibrated as `sigwb calibrate --linked-by <source> --unlinked-by <source>` would (the 35
 * combinations, the LR system, 5-fold cross-validation grouped by source), and its held-out figures are printed with
 * the rates of misleading evidence both ways, beside those of the kernel-density LR the workbench used before (the
 * same folds, capped at [1/n_linked, n_unlinked]). Non-detects as the workspace takes them for a new calibration
 * (LOD/2, shared/profiling/non-detects.ts). Issue 11 asks for held-out Cllr < 0.1 and Cllr_cal < 0.02.
 *
 *   npm run bench -- validation [--sources 10,24] [--lods 500] [--seeds k]   (the accuracy grid's options)
 *
 * `npm run bench -- lr-seizure` (same options): the default rule's seizure-level propositions (same seizure against
 * different cases) on the same collections, where the unlinked pairs include same-source pairs.
 */
import { computeCalibration, type CalibrationComputation } from '../shared/analysis/calibration-compute';
import type { PairRule } from '../shared/analysis/analysis-inputs';
import { cllr, cllrMin } from '../shared/lr/performance';
import type { LrPerformance } from '../shared/lr/validation';
import { gaussianKde, kdeLogDensity } from '../shared/profiling/kde';
import { DEFAULT_NON_DETECT_RULE } from '../shared/profiling/non-detects';
import { simplePopulation, type PairPopulation } from '../shared/profiling/pair-population';
import { withNonDetectRule } from '../shared/profiling/signature-matrix';
import { worldCollection, type Collection } from '../test/unit/analysis/world-collection';
import { accuracyCells } from './accuracy';

const SOURCE_RULE: PairRule = { linked_by: ['x_source'], unlinked_by: { columns: ['x_source'], rule: 'different' }, linked_group_size: null, unlinked_singletons: false };

/** Held-out Cllr of the earlier KDE ratio on the same pairs and folds (the baseline). */
function kdeBaseline(distance: Float64Array, label: Uint8Array, foldA: Uint8Array, foldB: Uint8Array, folds: number): { cllr: number; cllrCal: number } {
  const llr = new Float64Array(distance.length).fill(NaN);
  for (let f = 0; f < folds; f++) {
    for (let g = f; g < folds; g++) {
      const hp: number[] = [];
      const hd: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < distance.length; i++) {
        const [a, b] = [foldA[i], foldB[i]];
        if ((a === f && b === g) || (a === g && b === f)) test.push(i);
        else if (a !== f && a !== g && b !== f && b !== g) (label[i] === 1 ? hp : hd).push(distance[i]);
      }
      if (!hp.length || !hd.length) continue;
      const [kl, ku] = [gaussianKde(Float64Array.from(hp)), gaussianKde(Float64Array.from(hd))];
      const [lo, hi] = [-Math.log10(hp.length), Math.log10(hd.length)];
      for (const i of test) llr[i] = Math.min(hi, Math.max(lo, (kdeLogDensity(kl, distance[i]) - kdeLogDensity(ku, distance[i])) / Math.LN10));
    }
  }
  const keep = [...llr.keys()].filter((i) => !Number.isNaN(llr[i]));
  const l = keep.map((i) => llr[i]);
  const y = keep.map((i) => label[i]);
  const c = cllr(l, y);
  return { cllr: c, cllrCal: c - cllrMin(l, y) };
}

const f3 = (x: number) => x.toFixed(3);
const pc = (x: number) => `${(x * 100).toFixed(2)} %`;

interface Row {
  pair: LrPerformance;
  group: LrPerformance | null;
  kde: { cllr: number; cllrCal: number };
}

const HEADER = ['sources', 'noise', 'LOD', 'seed', 'samples', 'score', 'method', 'Cllr', 'Cllr_min', 'Cllr_cal', 'EER', 'Hd LR>1', 'Hd LR>100', 'Hp LR<1', 'Hp LR<1/100', 'group Cllr', 'group cal', 'KDE Cllr', 'KDE cal', 's'];

/** Calibrates every collection of the grid under the population `pop` makes and prints one row each. */
function runGrid(argv: string[], pop: (c: Collection) => PairPopulation, rule: PairRule | undefined): Row[] {
  console.log(HEADER.join('\t'));
  const rows: Row[] = [];
  for (const cell of accuracyCells(argv)) {
    const t0 = performance.now();
    const c = worldCollection({ sources: cell.sources, seed: cell.seed, seizure: cell.noise.seizure, sample: cell.noise.sample, lodArea: cell.lod });
    // Non-detects as a new calibration in the workspace takes them (the collection read as one results batch).
    const matrix = withNonDetectRule(c.matrix, DEFAULT_NON_DETECT_RULE);
    const cal: CalibrationComputation = computeCalibration(matrix, pop(c), rule ? { rule } : {});
    const s = cal.lrSystem;
    const p = s.pairs.performance!;
    const g = s.group?.performance ?? null;
    const d = new Float64Array([...cal.distances.linked, ...cal.distances.unlinked]);
    const kde = kdeBaseline(d, s.pairs.label, s.pairs.foldA, s.pairs.foldB, s.folds);
    rows.push({ pair: p, group: g, kde });
    const m = p.misleading;
    console.log([cell.sources, cell.noise.name, cell.lod, cell.seed, c.matrix.sampleIds.length, `${cal.chosen.pretreatment}+${cal.chosen.score}`, s.method, f3(p.cllr), f3(p.cllrMin), f3(p.cllrCal), pc(p.eer), pc(m.hdAbove1), pc(m.hdAbove100), pc(m.hpBelow1), pc(m.hpBelow100), g ? f3(g.cllr) : '–', g ? f3(g.cllrCal) : '–', f3(kde.cllr), f3(kde.cllrCal), ((performance.now() - t0) / 1000).toFixed(1)].join('\t'));
  }
  return rows;
}

/** The summary lines: pair LR against the goal, misleading rates, the group LR and the KDE baseline. */
function summarise(rows: Row[]): void {
  const max = (f: (r: Row) => number) => Math.max(...rows.map(f));
  const mean = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
  const meets = rows.filter((r) => r.pair.cllr < 0.1 && r.pair.cllrCal < 0.02).length;
  const m = (r: Row) => r.pair.misleading;
  console.log(`\n${rows.length} collections. Pair LR: Cllr mean ${f3(mean((r) => r.pair.cllr))}, max ${f3(max((r) => r.pair.cllr))}; Cllr_cal mean ${f3(mean((r) => r.pair.cllrCal))}, max ${f3(max((r) => r.pair.cllrCal))}; ${meets} of ${rows.length} meet Cllr < 0.1 and Cllr_cal < 0.02`);
  console.log(`misleading evidence (pair LR): Hd with LR > 1 mean ${pc(mean((r) => m(r).hdAbove1))}, max ${pc(max((r) => m(r).hdAbove1))} (LR > 100: max ${pc(max((r) => m(r).hdAbove100))}); Hp with LR < 1 mean ${pc(mean((r) => m(r).hpBelow1))}, max ${pc(max((r) => m(r).hpBelow1))} (LR < 1/100: max ${pc(max((r) => m(r).hpBelow100))})`);
  const grouped = rows.filter((r) => r.group);
  if (grouped.length) {
    const gm = (f: (p: LrPerformance) => number) => Math.max(...grouped.map((r) => f(r.group!)));
    console.log(`group LR (${grouped.length} collections): Cllr max ${f3(gm((p) => p.cllr))}, Cllr_cal max ${f3(gm((p) => p.cllrCal))}; Hd LR > 1 max ${pc(gm((p) => p.misleading.hdAbove1))}, Hp LR < 1 max ${pc(gm((p) => p.misleading.hpBelow1))}`);
  }
  console.log(`earlier KDE ratio on the same folds: Cllr mean ${f3(mean((r) => r.kde.cllr))}, max ${f3(max((r) => r.kde.cllr))}; Cllr_cal mean ${f3(mean((r) => r.kde.cllrCal))} (${Math.round(100 * mean((r) => r.kde.cllrCal / r.kde.cllr))} % of its Cllr on average)`);
}

/** Source-level propositions (`--linked-by x_source --unlinked-by x_source`) on the accuracy grid. */
export async function benchLrValidation(argv: string[] = []): Promise<void> {
  console.log('LR validation at source level on the accuracy grid (held-out figures; Cllr in bits). Issue 11: Cllr < 0.1, Cllr_cal < 0.02.');
  summarise(runGrid(argv, (c) => simplePopulation(c.source, c.source), SOURCE_RULE));
}

/** The default rule's seizure-level propositions (same seizure / different case) on the same collections. */
export async function benchLrSeizure(argv: string[] = []): Promise<void> {
  console.log('LR validation at seizure level (default rule: same seizure_id / different case_id) on the accuracy grid (held-out, bits).');
  summarise(runGrid(argv, (c) => simplePopulation(c.seizure, c.caseId), undefined));
}
