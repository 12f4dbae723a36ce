/**
 * The open-set experiment of docs/ATTRIBUTION.md on generated fentanyl collections with known routes and sources
 * (generate.ts): references from two routes only (the first seizure of 6 sources each), every other sample
 * questioned. Measured per collection and route pair: how many samples of the routes the references do not cover are
 * called as a referenced route (the open-set failure), and how many samples of new sources of the referenced routes
 * are called rightly. Used by `npm run bench -- routes` (the grid) and by the unit test (one small collection).
 */
import { attribute, type AttributionOptions } from '../../../shared/attribution/attribute';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { markerSiblings } from '../../../shared/attribution/route-decision';
import { autoProfile } from '../../../shared/profiling/auto';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { FENTANYL_ROUTES, generateFentanyl, heldOutSplit, toMatrix, type GenerateOptions } from './generate';

/** One collection's outcome for one pair of referenced routes. */
export interface PairOutcome {
  readonly pair: readonly [string, string];
  /** Questioned samples of the three other routes, and how many were called as one of the pair. */
  readonly others: number;
  readonly othersCalledReferenced: number;
  /** Of those, called as their own (unreferenced) route by the markers. */
  readonly othersRight: number;
  /** Samples of new sources of the pair's routes: called, and called rightly. */
  readonly fresh: number;
  readonly freshCalled: number;
  readonly freshRight: number;
  /** Of the fresh samples, those of a route sharing a marker rule with an unreferenced route (Siegfried / Gupta). */
  readonly freshSibling: number;
  readonly freshSiblingRight: number;
  /** Of the fresh samples left undetermined, those whose call names their true route among the alternatives. */
  readonly freshUndeterminedNamed: number;
  /** The rule's own nested cross-validated "right" on the pair's references, to set beside the held-out figure. */
  readonly nestedRight: number;
  /** The same with the gate chosen inside each training part too (null: gate off or not computable). */
  readonly gatedNestedRight: number | null;
  /** Of the fresh samples, those called as the other referenced route. */
  readonly freshWrong: number;
  /** Every questioned sample's outcome, to evaluate the gate at other floors (outcomeAt). */
  readonly records: readonly SampleRecord[];
  /** Wilson lower bound of each referenced route's held-out precision (route-gate.ts). */
  readonly gateLower: Readonly<Record<string, number>>;
  /** The route each referenced route was most confused with in those calls (what a gated call names). */
  readonly gateConfused: Readonly<Record<string, string | null>>;
}

/** One questioned sample of a run: its true route, whether of a new source of a referenced route, and its call. */
export interface SampleRecord {
  readonly route: string;
  readonly fresh: boolean;
  readonly said: string | null;
  readonly basis: string | null;
  /** Undetermined naming the true route (leading or conflicting route); for a gated call, its leading route. */
  readonly namesTruth: boolean;
}

/**
 * The outcome of a run as it would be with the gate at `floor` (records keep the calls before the gate): a call on the
 * references' basis of a route whose lower bound is under `floor` becomes undetermined (route-gate.ts applyGate),
 * naming its leading route and the route it is most confused with. Exact for sample calls, since the gate only
 * turns such calls undetermined. O(samples).
 */
export function outcomeAt(o: PairOutcome, floor: number): PairOutcome {
  const out = { ...o, others: 0, othersCalledReferenced: 0, othersRight: 0, fresh: 0, freshCalled: 0, freshRight: 0, freshWrong: 0, freshSibling: 0, freshSiblingRight: 0, freshUndeterminedNamed: 0 };
  for (const r of o.records) {
    const gated = r.said !== null && r.basis === 'references' && (o.gateLower[r.said] ?? 1) < floor;
    tally(out, o.pair, { ...r, said: gated ? null : r.said, namesTruth: gated ? r.said === r.route || o.gateConfused[r.said!] === r.route : r.namesTruth });
  }
  return out;
}

type Counts = { -readonly [K in 'others' | 'othersCalledReferenced' | 'othersRight' | 'fresh' | 'freshCalled' | 'freshRight' | 'freshWrong' | 'freshSibling' | 'freshSiblingRight' | 'freshUndeterminedNamed']: number };

function tally(out: Counts, pair: readonly [string, string], r: SampleRecord): void {
  if (!pair.includes(r.route)) {
    out.others++;
    if (r.said !== null && pair.includes(r.said)) out.othersCalledReferenced++;
    if (r.said === r.route) out.othersRight++;
  } else if (r.fresh) {
    out.fresh++;
    if (r.said !== null) out.freshCalled++;
    if (r.said === r.route) out.freshRight++;
    else if (r.said !== null) out.freshWrong++;
    if ((siblings.get(r.route) ?? []).some((u) => !pair.includes(u))) {
      out.freshSibling++;
      if (r.said === r.route) out.freshSiblingRight++;
    }
    if (r.said === null && r.namesTruth) out.freshUndeterminedNamed++;
  }
}

/** Every pair of the five fentanyl routes. */
export const ROUTE_PAIRS: readonly (readonly [string, string])[] = FENTANYL_ROUTES.flatMap((a, i) => FENTANYL_ROUTES.slice(i + 1).map((b) => [a, b] as const));

const fentanyl = DEFAULT_SIGNATURE_LIBRARY.drugs.find((d) => d.drug === 'fentanyl')!;
const siblings = markerSiblings(fentanyl.markers);

/** The grid's collection options: 10 sources per route, between-source sd 0.8 and route offsets sd 0.3 unless `gen` says otherwise. */
export function openSetGenerateOptions(gen: GenerateOptions): GenerateOptions {
  return { sourcesPerRoute: 10, sourceSd: 0.8, routeSd: 0.3, ...gen };
}

/**
 * Runs the experiment on one generated collection (5 routes × 10 sources × 2 seizures × 3 samples unless `gen`
 * says otherwise; 6 reference sources per route) for the given route pairs. Calibration and classes from the
 * automatic mode, as `sigwb attribute` computes them without a calibration record; `options` as attribute()'s
 * (e.g. another floor), defaults otherwise.
 */
export function openSetCollection(gen: GenerateOptions, pairs: readonly (readonly [string, string])[] = ROUTE_PAIRS, options?: AttributionOptions): PairOutcome[] {
  const samples = generateFentanyl(openSetGenerateOptions(gen));
  const split = heldOutSplit(samples, 6);
  const matrix = toMatrix(samples);
  const auto = autoProfile(matrix, simplePopulation(samples.map((s) => s.seizure), samples.map((s) => s.caseId)));
  const truth = new Map(samples.map((s) => [s.id, s]));
  const fresh = new Set(split.newSource.map((s) => s.id));
  return pairs.map((pair) => {
    const refs = split.references.filter((s) => pair.includes(s.route));
    const r = attribute({
      matrix,
      library: DEFAULT_SIGNATURE_LIBRARY,
      drug: 'fentanyl',
      references: refs.map((s) => ({ sampleId: s.id, route: s.route, source: s.source })),
      comparison: { pretreatment: auto.choice.pretreatment, score: auto.choice.score },
      // Routes only: sources are not assessed here (held-out.ts measures them).
      calibration: null,
      classIds: auto.classIds,
      ...(options === undefined ? {} : { options }),
    });
    const records: SampleRecord[] = r.samples.map((x) => {
      const route = truth.get(x.sampleId)!.route;
      // A gated call is kept as the call before the gate (its leading route), so that outcomeAt can set any floor.
      const said = x.call.reason === 'gated' ? x.call.ranked[0].route : x.call.route;
      return { route, fresh: fresh.has(x.sampleId), said, basis: x.call.basis, namesTruth: x.call.ranked[0]?.route === route || x.call.conflict === route };
    });
    const gateLower = Object.fromEntries((r.openSet?.gate.routes ?? []).map((g) => [g.route, g.lower]));
    const gateConfused = Object.fromEntries((r.openSet?.gate.routes ?? []).map((g) => [g.route, g.confusedWith[0]?.route ?? null]));
    const out: PairOutcome & Counts = {
      pair, others: 0, othersCalledReferenced: 0, othersRight: 0, fresh: 0, freshCalled: 0, freshRight: 0, freshWrong: 0, freshSibling: 0, freshSiblingRight: 0, freshUndeterminedNamed: 0,
      nestedRight: r.openSet?.nested.right ?? Number.NaN, gatedNestedRight: r.openSet?.gatedNested?.right ?? null, records, gateLower, gateConfused,
    };
    return outcomeAt(out, r.openSet?.gate.floor ?? 0);
  });
}
