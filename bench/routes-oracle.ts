/**
 * `npm run bench -- routes --oracle` (also printed after every routes grid): is "≥ 95 % of new sources of referenced
 * routes called rightly" reachable at all on the generator's data? On the routes grid's collections (the same seeds
 * and conditions, generated again; seconds, no attribution), every sample of a new source is classified by:
 *
 * - the oracle (test/unit/attribution/route-oracle.ts): the Bayes rule with the generator's true route means and
 *   spreads, among all five routes ("closed set") and between Siegfried and Gupta alone. No method beats it in
 *   expectation: its share of right calls bounds every rule's share of right calls among all samples (recall).
 * - the oracle under the open set's terms: references from two routes; a sample of a referenced route that shares
 *   its marker rules with a route without references (Siegfried ↔ Gupta: NPP) can be right only where a marker
 *   excludes that route (the library's rule as the workbench applies it: another route's markers outweigh it by the
 *   disagreement margin). Nothing else tells a new source of the referenced route from a batch of a route whose
 *   profile nobody has measured.
 * - the workbench's own classifiers (LDA + kNN ensemble, route-classifiers.ts, fourth-root + Pearson) trained on a
 *   very large reference set: 60 further sources per route drawn from the same route means: what the classifiers
 *   reach when the number of reference sources is no limit (against 6 in the grid).
 */
import { DEFAULT_SIGNATURE_LIBRARY } from '../shared/attribution/default-library';
import { evaluateMarkers } from '../shared/attribution/marker-evidence';
import { DEFAULT_DISAGREEMENT_LOG10, markerSiblings } from '../shared/attribution/route-decision';
import { classify, type ReferenceSet } from '../shared/attribution/route-classifiers';
import { pretreat } from '../shared/profiling/pretreatment';
import { prepareRows } from '../shared/profiling/scores';
import { FENTANYL_ROUTES, generateFentanylWithMeans, heldOutSplit, toMatrix, type GeneratedSample, type GenerateOptions } from '../test/unit/attribution/generate';
import { openSetGenerateOptions, ROUTE_PAIRS } from '../test/unit/attribution/open-set-grid';
import { oracleCall, oracleRoutes } from '../test/unit/attribution/route-oracle';

/** Sources per route of the large reference set (one seizure of 3 samples each). */
const LARGE_SOURCES = 60;

interface Count {
  n: number;
  right: number;
}
const count = (): Count => ({ n: 0, right: 0 });
const pct = (c: Count) => (c.n === 0 ? '—' : `${((100 * c.right) / c.n).toFixed(1)} %`);

interface OracleTally {
  /** Closed set: all five routes, per true route and all. */
  closed: Map<string, Count>;
  closedAll: Count;
  /** Siegfried vs Gupta alone (samples of the two). */
  sg: Count;
  /** Per referenced pair: the oracle among five routes, and under the open set's terms. */
  pairClosed: Map<string, Count>;
  pairOpen: Map<string, Count>;
  /** The workbench's classifiers trained on LARGE_SOURCES sources per route: five routes; Siegfried vs Gupta. */
  large: Count;
  largeSg: Count;
}

const tally = (): OracleTally => ({
  closed: new Map(FENTANYL_ROUTES.map((r) => [r, count()])), closedAll: count(), sg: count(),
  pairClosed: new Map(ROUTE_PAIRS.map((p) => [p.join(' + '), count()])), pairOpen: new Map(ROUTE_PAIRS.map((p) => [p.join(' + '), count()])),
  large: count(), largeSg: count(),
});

const fentanyl = DEFAULT_SIGNATURE_LIBRARY.drugs.find((d) => d.drug === 'fentanyl')!;
const siblings = markerSiblings(fentanyl.markers);
const SG = ['siegfried', 'gupta'];

/** The workbench's ensemble trained on `train` (samples of `routes`), its call for each of `test`. */
function largeCalls(train: readonly GeneratedSample[], test: readonly GeneratedSample[], routes: readonly string[]): string[] {
  const all = [...train, ...test];
  const matrix = toMatrix(all);
  const p = matrix.compounds.length;
  const values = pretreat(matrix, 'fourth-root').values;
  const refs: ReferenceSet = {
    values, p, prepared: prepareRows(values, all.length, p, 'pearson'),
    rows: Int32Array.from(train, (_, k) => k), routes: train.map((s) => s.route), sources: train.map((s) => s.source),
  };
  const out = classify(refs, routes, Int32Array.from(train, (_, k) => k), Int32Array.from(test, (_, k) => train.length + k));
  const g = routes.length;
  return test.map((_, q) => {
    let best = 0;
    for (let k = 1; k < g; k++) if (out.ensemble[q * g + k] > out.ensemble[q * g + best]) best = k;
    return routes[best];
  });
}

/** One collection of the grid into the tallies `into` (each a condition's, the whole grid's…). O(samples · routes · p). */
function oracleCollection(gen: GenerateOptions, into: readonly OracleTally[]): void {
  const options = openSetGenerateOptions(gen);
  const { samples, routeMeans } = generateFentanylWithMeans(options);
  const fresh = heldOutSplit(samples, 6).newSource;
  const models = oracleRoutes(routeMeans, options);
  const sgModels = models.filter((m) => SG.includes(m.route));
  const matrix = toMatrix(samples);
  const index = new Map(samples.map((s, k) => [s.id, k]));
  const markers = evaluateMarkers(matrix, fresh.map((s) => index.get(s.id)!), fentanyl, DEFAULT_SIGNATURE_LIBRARY.evidence_scale);
  const routeIndex = new Map(fentanyl.routes.map((r, k) => [r.id, k]));
  const large = generateFentanylWithMeans({ ...options, seed: 1_000_000 + (options.seed ?? 0), sourcesPerRoute: LARGE_SOURCES, seizuresPerSource: 1, routeMeans }).samples;
  const largeAll = largeCalls(large, fresh, [...FENTANYL_ROUTES]);
  const sgFresh = fresh.filter((s) => SG.includes(s.route));
  const largeSg = largeCalls(large.filter((s) => SG.includes(s.route)), sgFresh, SG);
  fresh.forEach((s, k) => {
    const closedRight = oracleCall(s.trueAreas, models).route === s.route;
    const sgRight = SG.includes(s.route) ? oracleCall(s.trueAreas, sgModels).route === s.route : null;
    const scores = markers[k].scores;
    for (const t of into) {
      const c = t.closed.get(s.route)!;
      c.n++;
      t.closedAll.n++;
      if (closedRight) {
        c.right++;
        t.closedAll.right++;
      }
      if (sgRight !== null) {
        t.sg.n++;
        if (sgRight) t.sg.right++;
      }
      t.large.n++;
      if (largeAll[k] === s.route) t.large.right++;
      for (const pair of ROUTE_PAIRS) {
        if (!pair.includes(s.route)) continue;
        const key = pair.join(' + ');
        const open = (siblings.get(s.route) ?? []).filter((u) => !pair.includes(u));
        // The open set: an unreferenced route sharing the sample's markers must be excluded by a marker.
        const excluded = open.every((u) => scores[routeIndex.get(s.route)!] - scores[routeIndex.get(u)!] >= DEFAULT_DISAGREEMENT_LOG10);
        t.pairClosed.get(key)!.n++;
        t.pairOpen.get(key)!.n++;
        if (closedRight) t.pairClosed.get(key)!.right++;
        if (closedRight && excluded) t.pairOpen.get(key)!.right++;
      }
    }
  });
  sgFresh.forEach((s, k) => {
    for (const t of into) {
      t.largeSg.n++;
      if (largeSg[k] === s.route) t.largeSg.right++;
    }
  });
}

/** Sum over pairs (each pair's new sources counted once per pair, as the grid's "new sources, all"). */
function pairsTotal(m: Map<string, Count>): Count {
  const out = count();
  for (const c of m.values()) {
    out.n += c.n;
    out.right += c.right;
  }
  return out;
}

/**
 * Prints the oracle's right calls per grid condition, per referenced pair and for the whole grid, for `seeds` on the
 * routes grid's conditions (`conditions`: between-source sd, within-seizure sd, detection limit).
 */
export function benchRoutesOracle(seeds: readonly number[], conditions: readonly { sourceSd: number; sampleSd: number; lod: number | undefined; label: string }[]): void {
  const whole = tally();
  const rows: [string, OracleTally][] = [];
  for (const c of conditions) {
    const t = tally();
    for (const seed of seeds) oracleCollection({ seed, sourceSd: c.sourceSd, sampleSd: c.sampleSd, ...(c.lod === undefined ? {} : { lod: c.lod }) }, [t, whole]);
    rows.push([c.label, t]);
  }
  console.log(`Oracle bound (seeds ${seeds.join(',')}, the grid's collections generated again): new sources' samples right, by the Bayes rule with the generator's true route parameters (test/unit/attribution/route-oracle.ts), and by the workbench's LDA + kNN trained on ${LARGE_SOURCES} sources per route`);
  const head = '| oracle, five routes: all | janssen | siegfried | gupta | 4-ap | 1-boc-4-ap | oracle, Siegfried vs Gupta | oracle, references from two routes (open set), all pairs | workbench classifiers, 60 sources per route: five routes | the same: Siegfried vs Gupta |';
  console.log(`| between-source sd | within-seizure sd | detection limit ${head}`);
  console.log(`| --- | --- | --- ${'| --- '.repeat(10)}|`);
  const cells = (t: OracleTally) => `${pct(t.closedAll)} | ${FENTANYL_ROUTES.map((r) => pct(t.closed.get(r)!)).join(' | ')} | ${pct(t.sg)} | ${pct(pairsTotal(t.pairOpen))} | ${pct(t.large)} | ${pct(t.largeSg)} |`;
  for (const [label, t] of rows) console.log(`| ${label} | ${cells(t)}`);
  console.log(`| whole grid | | | ${cells(whole)}`);
  console.log('');
  console.log('Per referenced pair (new sources of the pair\'s two routes): the oracle among five routes / under the open set\'s terms (a route sharing its markers with an unreferenced one is right only where a marker excludes that route)');
  console.log('| referenced routes | oracle, five routes | oracle, open set |');
  console.log('| --- | --- | --- |');
  for (const pair of ROUTE_PAIRS) {
    const key = pair.join(' + ');
    console.log(`| ${key} | ${pct(whole.pairClosed.get(key)!)} | ${pct(whole.pairOpen.get(key)!)} |`);
  }
  console.log(`| all pairs | ${pct(pairsTotal(whole.pairClosed))} | ${pct(pairsTotal(whole.pairOpen))} |`);
}
