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
import type { GenerateOptions } from '../test/unit/attribution/generate';
import { openSetCollection, ROUTE_PAIRS, type PairOutcome } from '../test/unit/attribution/open-set-grid';

const SOURCE_SD = [0.5, 0.8];
const SAMPLE_SD = [0.1, 0.25];
const LODS: (number | undefined)[] = [undefined, 3000];
const SEEDS = [1, 2, 3];

interface Tally {
  others: number;
  othersCalledReferenced: number;
  othersRight: number;
  fresh: number;
  freshCalled: number;
  freshRight: number;
  freshSibling: number;
  freshSiblingRight: number;
  freshUndeterminedNamed: number;
  worstPair: number;
  nestedRight: number;
  runs: number;
}

const empty = (): Tally => ({ others: 0, othersCalledReferenced: 0, othersRight: 0, fresh: 0, freshCalled: 0, freshRight: 0, freshSibling: 0, freshSiblingRight: 0, freshUndeterminedNamed: 0, worstPair: 0, nestedRight: 0, runs: 0 });

function add(t: Tally, o: PairOutcome): void {
  t.others += o.others;
  t.othersCalledReferenced += o.othersCalledReferenced;
  t.othersRight += o.othersRight;
  t.fresh += o.fresh;
  t.freshCalled += o.freshCalled;
  t.freshRight += o.freshRight;
  t.freshSibling += o.freshSibling;
  t.freshSiblingRight += o.freshSiblingRight;
  t.freshUndeterminedNamed += o.freshUndeterminedNamed;
  t.worstPair = Math.max(t.worstPair, o.othersCalledReferenced / o.others);
  t.nestedRight += o.nestedRight;
  t.runs++;
}

const pct = (k: number, n: number) => (n === 0 ? '—' : `${((100 * k) / n).toFixed(1)} %`);

function line(label: string, t: Tally): string {
  const separable = t.fresh - t.freshSibling;
  return `| ${label} | ${pct(t.othersCalledReferenced, t.others)} (worst pair ${(100 * t.worstPair).toFixed(1)} %) | ${pct(t.othersRight, t.others)} | ${pct(t.freshRight - t.freshSiblingRight, separable)} | ${pct(t.freshSiblingRight, t.freshSibling)} | ${pct(t.freshRight, t.fresh)} (called ${pct(t.freshCalled, t.fresh)}) | ${pct(t.freshCalled - t.freshRight, t.fresh)} | ${pct(t.freshUndeterminedNamed, t.fresh - t.freshCalled)} | ${(t.nestedRight / t.runs).toFixed(2)} |`;
}

/** Runs the grid and prints one row per condition, then per route pair, then the whole grid. `--floor P` sets the route floor (default 0.6). */
export function benchRoutes(args: readonly string[] = []): void {
  const at = args.indexOf('--floor');
  const floor = at >= 0 ? Number(args[at + 1]) : undefined;
  if (floor !== undefined && !(floor > 0 && floor <= 1)) throw new RangeError(`--floor: a probability in (0, 1], not ${args[at + 1]}`);
  const options = floor === undefined ? undefined : { floor };
  const byCondition: [string, Tally][] = [];
  const byPair = new Map<string, Tally>(ROUTE_PAIRS.map((p) => [p.join(' + '), empty()]));
  const all = empty();
  for (const sourceSd of SOURCE_SD) {
    for (const sampleSd of SAMPLE_SD) {
      for (const lod of LODS) {
        const t = empty();
        for (const seed of SEEDS) {
          const gen: GenerateOptions = { seed, sourceSd, sampleSd, ...(lod === undefined ? {} : { lod }) };
          for (const o of openSetCollection(gen, ROUTE_PAIRS, options)) {
            add(t, o);
            add(all, o);
            add(byPair.get(o.pair.join(' + '))!, o);
          }
        }
        byCondition.push([`${sourceSd} | ${sampleSd} | ${lod === undefined ? '0.02 % of total' : `${lod} (area)`}`, t]);
      }
    }
  }
  const head = '| other routes called as a referenced route | other routes called rightly (markers) | new sources, routes the markers separate: right | new sources, Siegfried/Gupta with the other unreferenced: right | new sources, all: right | new sources, all: called wrongly | undetermined naming the true route | nested CV "right" on the references |';
  console.log(`routes${floor === undefined ? '' : ` (floor ${floor})`}: ${SEEDS.length} seeds × ${SOURCE_SD.length * SAMPLE_SD.length * LODS.length} conditions, 5 routes × 10 sources × 2 seizures × 3 samples per collection; references: the first seizure of 6 sources of each of 2 routes (all ${ROUTE_PAIRS.length} pairs)`);
  console.log(`| between-source sd | within-seizure sd | detection limit ${head}`);
  console.log(`| --- | --- | --- ${'| --- '.repeat(8)}|`);
  for (const [label, t] of byCondition) console.log(line(label, t));
  console.log('');
  console.log(`| referenced routes ${head}`);
  console.log(`| --- ${'| --- '.repeat(8)}|`);
  for (const [label, t] of byPair) console.log(line(label, t));
  console.log('');
  console.log(`| whole grid ${head}`);
  console.log(`| --- ${'| --- '.repeat(8)}|`);
  console.log(line(`${all.runs} runs`, all));
}
