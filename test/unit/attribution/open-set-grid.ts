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
}

/** Every pair of the five fentanyl routes. */
export const ROUTE_PAIRS: readonly (readonly [string, string])[] = FENTANYL_ROUTES.flatMap((a, i) => FENTANYL_ROUTES.slice(i + 1).map((b) => [a, b] as const));

const fentanyl = DEFAULT_SIGNATURE_LIBRARY.drugs.find((d) => d.drug === 'fentanyl')!;
const siblings = markerSiblings(fentanyl.markers);

/**
 * Runs the experiment on one generated collection (5 routes × 10 sources × 2 seizures × 3 samples unless `gen`
 * says otherwise; 6 reference sources per route) for the given route pairs. Calibration and classes from the
 * automatic mode, as `sigwb attribute` computes them without a calibration record; `options` as attribute()'s
 * (e.g. another floor), defaults otherwise.
 */
export function openSetCollection(gen: GenerateOptions, pairs: readonly (readonly [string, string])[] = ROUTE_PAIRS, options?: AttributionOptions): PairOutcome[] {
  const samples = generateFentanyl({ sourcesPerRoute: 10, sourceSd: 0.8, routeSd: 0.3, ...gen });
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
    const out = { pair, others: 0, othersCalledReferenced: 0, othersRight: 0, fresh: 0, freshCalled: 0, freshRight: 0, freshSibling: 0, freshSiblingRight: 0, freshUndeterminedNamed: 0, nestedRight: r.openSet?.nested.right ?? Number.NaN };
    for (const s of r.samples) {
      const route = truth.get(s.sampleId)!.route;
      if (!pair.includes(route)) {
        out.others++;
        if (s.call.route !== null && pair.includes(s.call.route)) out.othersCalledReferenced++;
        if (s.call.route === route) out.othersRight++;
      } else if (fresh.has(s.sampleId)) {
        out.fresh++;
        if (s.call.route !== null) out.freshCalled++;
        if (s.call.route === route) out.freshRight++;
        const sibling = (siblings.get(route) ?? []).some((u) => !pair.includes(u));
        if (sibling) {
          out.freshSibling++;
          if (s.call.route === route) out.freshSiblingRight++;
        }
        if (s.call.route === null && (s.call.ranked[0]?.route === route || s.call.conflict === route)) out.freshUndeterminedNamed++;
      }
    }
    return out;
  });
}
