/**
 * `npm run bench -- routes`: open-set route attribution on a grid of generated fentanyl collections
 * (test/unit/attribution/open-set-grid.ts): 2 between-source spreads × 2 within-seizure noises × 2 detection limits
 * × 3 seeds = 24 collections of 300 samples, each attributed with references from every pair of the 5 routes
 * (240 runs). Per condition: the share of samples of the routes the references do not cover that are called as a
 * referenced route (target ≤ 5 %), and the share of samples of new sources of the referenced routes called rightly
 * (target ≥ 95 %), split into routes the markers separate from every unreferenced route and routes sharing a marker
 * rule with an unreferenced one (Siegfried and Gupta: NPP), where the rule answers "undetermined" by design, and the
 * share of new-source samples called as a wrong route.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { GenerateOptions } from '../test/unit/attribution/generate';
import { ATTRIBUTION_DEFAULTS } from '../shared/attribution/attribute';
import { benchRoutesOracle } from './routes-oracle';
import { openSetCollection, outcomeAt, ROUTE_PAIRS, type PairOutcome } from '../test/unit/attribution/open-set-grid';

const SOURCE_SD = [0.5, 0.8];
const SAMPLE_SD = [0.1, 0.25];
const LODS: (number | undefined)[] = [undefined, 3000];
const DEFAULT_SEEDS = [1, 2, 3];
/** Gate floors of the sweep (the gate applied afterwards to the same runs: outcomeAt): 0, 0.05, …, 0.9. */
const SWEEP = Array.from({ length: 19 }, (_, i) => Math.round(i * 5) / 100);
/**
 * The floor rule (docs/ATTRIBUTION.md "The gate floor"): the smallest floor of the sweep at which every referenced
 * pair has at most this share of its new-source samples called as a wrong route. ≥ 95 % right needs ≤ 5 % wrong, the
 * gate can only turn calls undetermined, and each step up costs right calls: so the least gating that meets it.
 */
const MAX_PAIR_WRONG = 0.05;

interface Tally {
  others: number;
  othersCalledReferenced: number;
  othersRight: number;
  fresh: number;
  freshCalled: number;
  freshRight: number;
  freshWrong: number;
  freshSibling: number;
  freshSiblingRight: number;
  freshUndeterminedNamed: number;
  worstPair: number;
  nestedRight: number;
  gatedNestedRight: number;
  gatedNestedRuns: number;
  runs: number;
}

const empty = (): Tally => ({ others: 0, othersCalledReferenced: 0, othersRight: 0, fresh: 0, freshCalled: 0, freshRight: 0, freshWrong: 0, freshSibling: 0, freshSiblingRight: 0, freshUndeterminedNamed: 0, worstPair: 0, nestedRight: 0, gatedNestedRight: 0, gatedNestedRuns: 0, runs: 0 });

function add(t: Tally, o: PairOutcome): void {
  t.others += o.others;
  t.othersCalledReferenced += o.othersCalledReferenced;
  t.othersRight += o.othersRight;
  t.fresh += o.fresh;
  t.freshCalled += o.freshCalled;
  t.freshRight += o.freshRight;
  t.freshWrong += o.freshWrong;
  t.freshSibling += o.freshSibling;
  t.freshSiblingRight += o.freshSiblingRight;
  t.freshUndeterminedNamed += o.freshUndeterminedNamed;
  t.worstPair = Math.max(t.worstPair, o.othersCalledReferenced / o.others);
  t.nestedRight += o.nestedRight;
  if (o.gatedNestedRight !== null) {
    t.gatedNestedRight += o.gatedNestedRight;
    t.gatedNestedRuns++;
  }
  t.runs++;
}

const pct = (k: number, n: number) => (n === 0 ? '—' : `${((100 * k) / n).toFixed(1)} %`);
/** New sources of the referenced routes: right / wrong / undetermined. */
const rwu = (t: Tally) => `${pct(t.freshRight, t.fresh)} / ${pct(t.freshWrong, t.fresh)} / ${pct(t.fresh - t.freshCalled, t.fresh)}`;
/** The issue's "≥ 95 % right" read both ways: right among the calls made (precision) / right among all (recall). */
const pr = (t: Tally) => `${pct(t.freshRight, t.freshCalled)} / ${pct(t.freshRight, t.fresh)}`;

function line(label: string, before: Tally, t: Tally, gateFloor: number): string {
  const separable = t.fresh - t.freshSibling;
  return `| ${label} | ${pct(t.othersCalledReferenced, t.others)} (worst pair ${(100 * t.worstPair).toFixed(1)} %) | ${pct(t.othersRight, t.others)} | ${pct(t.freshRight - t.freshSiblingRight, separable)} | ${pct(t.freshSiblingRight, t.freshSibling)} | ${rwu(before)} | **${rwu(t)}** | ${pr(before)} | **${pr(t)}** | ${pct(t.freshUndeterminedNamed, t.fresh - t.freshCalled)} | ${(t.nestedRight / t.runs).toFixed(2)} | ${gateFloor > 0 && t.gatedNestedRuns ? (t.gatedNestedRight / t.gatedNestedRuns).toFixed(2) : '—'} |`;
}

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** The grid's conditions: between-source sd × within-seizure sd × detection limit. */
const CONDITIONS = SOURCE_SD.flatMap((sourceSd) => SAMPLE_SD.flatMap((sampleSd) => LODS.map((lod) => ({
  sourceSd, sampleSd, lod, label: `${sourceSd} | ${sampleSd} | ${lod === undefined ? '0.02 % of total' : `${lod} (area)`}`,
}))));

/** One run of the grid as saved by `--save` and read back by `--load`. */
interface SavedRun {
  readonly seed: number;
  readonly condition: string;
  /** The gate floor the run was made with (its gated nested figure is computed at it). */
  readonly gateFloor: number;
  readonly outcome: PairOutcome;
}

/** The grid's runs: computed (the slow part: 80 attributions per seed) or read back from a `--save` file. */
function gridRuns(seeds: readonly number[], options: { floor?: number; gateFloor: number }): SavedRun[] {
  const runs: SavedRun[] = [];
  for (const { sourceSd, sampleSd, lod, label } of CONDITIONS) {
    for (const seed of seeds) {
      const gen: GenerateOptions = { seed, sourceSd, sampleSd, ...(lod === undefined ? {} : { lod }) };
      for (const outcome of openSetCollection(gen, ROUTE_PAIRS, options)) runs.push({ seed, condition: label, gateFloor: options.gateFloor, outcome });
    }
  }
  return runs;
}

/**
 * Runs the grid and prints one row per condition, then per route pair, then the whole grid, each beside the same
 * runs without the gate; then the gate floor sweep, per pair, and the floor the floor rule picks on these runs.
 * Options: `--floor P` (route floor, default 0.6), `--gate-floor G` (default ATTRIBUTION_DEFAULTS.gateFloor),
 * `--seeds 4,5,6` (default 1,2,3), `--save FILE` (write the runs, every sample's call before the gate, as JSON),
 * `--load FILE[,FILE…]` (read saved runs instead of computing them: the tables at any gate floor in seconds),
 * `--oracle` (only the oracle bound of bench/routes-oracle.ts for the seeds, printed after the grid otherwise).
 */
export function benchRoutes(args: readonly string[] = []): void {
  const floorArg = option(args, '--floor');
  const floor = floorArg === undefined ? undefined : Number(floorArg);
  if (floor !== undefined && !(floor > 0 && floor <= 1)) throw new RangeError(`--floor: a probability in (0, 1], not ${floorArg}`);
  const gateArg = option(args, '--gate-floor');
  const gateFloor = gateArg === undefined ? ATTRIBUTION_DEFAULTS.gateFloor : Number(gateArg);
  if (!(gateFloor >= 0 && gateFloor < 1)) throw new RangeError(`--gate-floor: a proportion in [0, 1), not ${gateArg}`);
  const seedsArg = option(args, '--seeds');
  const seeds = seedsArg === undefined ? DEFAULT_SEEDS : seedsArg.split(',').map(Number);
  if (seeds.some((x) => !Number.isInteger(x))) throw new RangeError(`--seeds: whole numbers separated by commas, not ${seedsArg}`);
  if (args.includes('--oracle')) {
    benchRoutesOracle(seeds, CONDITIONS);
    return;
  }
  const load = option(args, '--load');
  const save = option(args, '--save');
  const options = { ...(floor === undefined ? {} : { floor }), gateFloor };
  const runs = load === undefined
    ? gridRuns(seeds, options)
    : load.split(',').flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as SavedRun[]);
  if (save !== undefined) writeFileSync(save, JSON.stringify(runs));
  const runSeeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const byCondition = new Map<string, [Tally, Tally]>();
  const byPair = new Map<string, [Tally, Tally]>(ROUTE_PAIRS.map((p) => [p.join(' + '), [empty(), empty()]]));
  const all = empty();
  const allBefore = empty();
  const sweep = SWEEP.map((f) => ({ floor: f, all: empty(), pairs: new Map<string, Tally>(ROUTE_PAIRS.map((p) => [p.join(' + '), empty()])) }));
  for (const run of runs) {
    const { condition } = run;
    // The gated nested figure holds only at the floor the run was made with.
    const outcome = run.gateFloor === gateFloor ? run.outcome : { ...run.outcome, gatedNestedRight: null };
    // The runs keep every call before the gate: the gate at `gateFloor` is applied here, as at every floor of the sweep.
    const o = outcomeAt(outcome, gateFloor);
    const off = outcomeAt(outcome, 0);
    const key = outcome.pair.join(' + ');
    if (!byCondition.has(condition)) byCondition.set(condition, [empty(), empty()]);
    const [before, t] = byCondition.get(condition)!;
    add(t, o);
    add(all, o);
    add(before, off);
    add(allBefore, off);
    add(byPair.get(key)![0], off);
    add(byPair.get(key)![1], o);
    for (const w of sweep) {
      const at = outcomeAt(outcome, w.floor);
      add(w.all, at);
      add(w.pairs.get(key)!, at);
    }
  }
  const head = `| other routes called as a referenced route | other routes called rightly (markers) | new sources, routes the markers separate: right | new sources, Siegfried/Gupta with the other unreferenced: right | new sources, all, no gate: right / wrong / undetermined | new sources, all, gate ${gateFloor}: right / wrong / undetermined | no gate: right among calls made / among all | gate ${gateFloor}: right among calls made / among all | undetermined naming the true route | nested CV "right" on the references (no gate) | nested CV "right" with the gate chosen inside |`;
  console.log(`routes${floor === undefined ? '' : ` (floor ${floor})`}, gate floor ${gateFloor}, seeds ${runSeeds.join(',')}${load === undefined ? '' : ` (runs read from ${load})`}: ${SOURCE_SD.length * SAMPLE_SD.length * LODS.length} conditions, 5 routes × 10 sources × 2 seizures × 3 samples per collection; references: the first seizure of 6 sources of each of 2 routes (all ${ROUTE_PAIRS.length} pairs); columns 1–4 and 9 with the gate`);
  console.log(`| between-source sd | within-seizure sd | detection limit ${head}`);
  console.log(`| --- | --- | --- ${'| --- '.repeat(11)}|`);
  for (const [label, [before, t]] of byCondition) console.log(line(label, before, t, gateFloor));
  console.log('');
  console.log(`| referenced routes ${head}`);
  console.log(`| --- ${'| --- '.repeat(11)}|`);
  for (const [label, [before, t]] of byPair) console.log(line(label, before, t, gateFloor));
  console.log('');
  console.log(`| whole grid ${head}`);
  console.log(`| --- ${'| --- '.repeat(11)}|`);
  console.log(line(`${all.runs} runs`, allBefore, all, gateFloor));
  console.log('');
  const sg = 'siegfried + gupta';
  console.log(`Gate floor sweep (the same ${all.runs} runs, the gate applied to their calls): new sources right / wrong / undetermined`);
  console.log(`| gate floor | other routes called as a referenced route | new sources, all | right among calls made / among all | new sources, routes the markers separate: right | ${sg} | pairs without Siegfried + Gupta: wrong | worst pair: wrong | nested CV "right" (no gate) |`);
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const worst = (w: (typeof sweep)[number]) => Math.max(...[...w.pairs.values()].map((t) => (t.fresh === 0 ? 0 : t.freshWrong / t.fresh)));
  for (const w of sweep) {
    const rest = empty();
    for (const [key, t] of w.pairs) if (key !== sg) for (const k of ['fresh', 'freshWrong'] as const) rest[k] += t[k];
    const sgT = w.pairs.get(sg)!;
    const [worstKey] = [...w.pairs].reduce((a, b) => (b[1].freshWrong / b[1].fresh > a[1].freshWrong / a[1].fresh ? b : a));
    console.log(`| ${w.floor} | ${pct(w.all.othersCalledReferenced, w.all.others)} | ${rwu(w.all)} | ${pr(w.all)} | ${pct(w.all.freshRight - w.all.freshSiblingRight, w.all.fresh - w.all.freshSibling)} | ${rwu(sgT)} | ${pct(rest.freshWrong, rest.fresh)} | ${(100 * worst(w)).toFixed(1)} % (${worstKey}) | ${(w.all.nestedRight / w.all.runs).toFixed(2)} |`);
  }
  console.log('');
  console.log('Per referenced pair and gate floor: new sources right / wrong (undetermined the rest)');
  console.log(`| gate floor | ${ROUTE_PAIRS.map((p) => p.join(' + ')).join(' | ')} |`);
  console.log(`| --- ${'| --- '.repeat(ROUTE_PAIRS.length)}|`);
  for (const w of sweep) console.log(`| ${w.floor} | ${[...w.pairs.values()].map((t) => `${pct(t.freshRight, t.fresh)} / ${pct(t.freshWrong, t.fresh)}`).join(' | ')} |`);
  const chosen = sweep.find((w) => worst(w) <= MAX_PAIR_WRONG);
  console.log('');
  console.log('');
  benchRoutesOracle(runSeeds, CONDITIONS);
  console.log('');
  console.log(`Floor rule (the smallest floor of the sweep at which every referenced pair has ≤ ${100 * MAX_PAIR_WRONG} % of its new-source samples called wrongly), on seeds ${runSeeds.join(',')}: ${chosen === undefined ? 'no floor of the sweep meets it' : `${chosen.floor} (worst pair ${(100 * worst(chosen)).toFixed(1)} % wrong)`}.`);
}
