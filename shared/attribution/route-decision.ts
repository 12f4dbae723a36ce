/**
 * The route call: open-set, never a bare label (../shared/DOMAIN.md: never state a route as certain; reference
 * samples rarely cover every route; a marker that contradicts the classifier is a reason for doubt, not a vote).
 * Evidence per sample: the classifiers' probabilities among the referenced routes (LDA + kNN ensemble), whether the
 * sample fits each referenced route's references (typicality.ts), and the marker rules' log10 weights per library
 * route (marker-evidence.ts). The rule, its constants assumptions chosen to err towards "undetermined":
 *
 * 1. No reference samples: the marker rules alone, as a posterior over the library's routes (uniform prior); the
 *    leading route is called when its probability reaches the floor (0.6).
 * 2. References, and the sample fits none of the referenced routes: "no referenced route fits". The marker rules
 *    may still call a route the references do not cover (posterior over those routes, uniform prior, same floor);
 *    markers favouring a referenced route the sample is unlike make it undetermined (a contradiction).
 * 3. The sample fits at least one referenced route: the classifiers' leading route among the referenced routes
 *    (with a single referenced route, that route) is called when its probability reaches the floor, unless
 *    - the sample does not fit that route's references (undetermined, 'atypical'), or
 *    - the markers weigh another library route at least `disagreementLog10` above it (default 0.25: the least a
 *      rule adds when it counts, a weak rule at its threshold; attribute() takes half the library's weak weight)
 *      (undetermined, 'disagreement'): any counting marker of another route is a contradiction, and doubt, not a vote, so
 *      agreeing markers do not raise the probability either (their compounds are among the classifiers' inputs), or
 *    - a route without references shares a marker rule with it (MarkerSiblings) and the markers do not weigh the
 *      called route at least `disagreementLog10` above that route (undetermined, 'alternative'): the references
 *      cannot speak for a route they do not cover, and the library says the two leave the same residues, or
 *    - the route is gated (route-gate.ts): its held-out calls in the references' nested cross-validation are too
 *      often wrong (undetermined, 'gated', naming the route it is most confused with).
 *
 * Probabilities are always a defined quantity that sums to 1 over the routes `ranked` lists, named by `basis`:
 * 'references' = the ensemble's probabilities among the referenced routes (it assumes the sample is of one of them,
 * which the typicality test checks); 'markers' = the marker rules' posterior over the routes still open.
 */
import { applyGate, type RouteGate } from './route-gate';

export interface RouteDecisionOptions {
  /** Smallest probability of the leading route for a call; default 0.6. */
  readonly floor?: number;
  /** Marker margin (log10) over the classifiers' route that makes the call undetermined; default 0.25 (a weak rule at its threshold). */
  readonly disagreementLog10?: number;
  /** The per-route gate from the references' nested cross-validation (route-gate.ts); none: no route is gated. */
  readonly gate?: RouteGate | null;
}

export const DEFAULT_ROUTE_FLOOR = 0.6;
/** The least weight a counting rule adds at the default evidence scale: half of weak (0.5), at the rule's threshold. */
export const DEFAULT_DISAGREEMENT_LOG10 = 0.25;

/**
 * Why a call is what it is: 'supported' (called), 'weak' (leading route under the floor), 'disagreement' (markers
 * point elsewhere), 'atypical' (unlike the references of the classifiers' route), 'alternative' (a route without
 * references that shares the called route's markers is not excluded), 'no-route-fits' (unlike every referenced
 * route, and no marker calls another), 'no-evidence' (no references and no marker), 'gated' (the route's held-out
 * calls on the references are too often wrong: route-gate.ts; `conflict` names the route it is most confused with).
 */
export const ROUTE_CALL_REASONS = ['supported', 'weak', 'disagreement', 'atypical', 'alternative', 'no-route-fits', 'no-evidence', 'gated'] as const;
export type RouteCallReason = (typeof ROUTE_CALL_REASONS)[number];

/** What the ranked probabilities are (see the module doc). */
export type RouteBasis = 'references' | 'markers';

export interface RankedRoute {
  readonly route: string;
  readonly probability: number;
}

export interface RouteCall {
  /** The leading route when the evidence supports it, else null ("undetermined"). */
  readonly route: string | null;
  /** Probability of `route`, or null when undetermined. */
  readonly probability: number | null;
  readonly reason: RouteCallReason;
  /** What `ranked` holds; null when nothing is ranked. */
  readonly basis: RouteBasis | null;
  /** Routes with their probabilities, best first; they sum to 1 (empty without evidence). */
  readonly ranked: readonly RankedRoute[];
  /** The route the conflicting evidence points to ('disagreement': the markers'; 'atypical': the classifiers'), else null. */
  readonly conflict: string | null;
}

/** What the rule weighs for one sample (or one class). */
export interface RouteEvidence {
  /** Ensemble probabilities among the referenced routes (in `referenced` order); null with fewer than 2 of them. */
  readonly classifier: ArrayLike<number> | null;
  /** Whether the sample fits each referenced route (in `referenced` order); null without references. */
  readonly fits: ArrayLike<boolean> | null;
  /** Marker log10 weights per library route (in `routes` order); null when no rule counted. */
  readonly markerScores: ArrayLike<number> | null;
}

/**
 * Per library route, the other library routes it shares a marker rule with (the library says they leave the same
 * residues: NPP for Siegfried and Gupta, the aziridines for both ephedrine reductions). Typicality against the
 * references of one says nothing about the other, so a route without references in this list must be excluded by
 * the markers before the first is called.
 */
export type MarkerSiblings = ReadonlyMap<string, readonly string[]>;

/** Ranked list of routes from probabilities in route order (ties keep the given order). O(R log R). */
export function rankRoutes(routes: readonly string[], probs: ArrayLike<number>): RankedRoute[] {
  return routes.map((route, r) => ({ route, probability: probs[r], r })).sort((a, b) => b.probability - a.probability || a.r - b.r).map(({ route, probability }) => ({ route, probability }));
}

/** 10^score normalised over the routes `among` (uniform prior; log-sum-exp safe). O(R). */
export function markerPosterior(routes: readonly string[], scores: ArrayLike<number>, among: readonly string[]): RankedRoute[] {
  const s = among.map((r) => scores[routes.indexOf(r)]);
  const max = Math.max(...s);
  const w = s.map((v) => Math.pow(10, v - max));
  const sum = w.reduce((a, b) => a + b, 0);
  return rankRoutes(among, w.map((v) => v / sum));
}

function called(ranked: RankedRoute[], basis: RouteBasis, floor: number, otherwise: RouteCallReason = 'weak'): RouteCall {
  const top = ranked[0];
  if (top !== undefined && top.probability >= floor) return { route: top.route, probability: top.probability, reason: 'supported', basis, ranked, conflict: null };
  return { route: null, probability: null, reason: otherwise, basis, ranked, conflict: null };
}

function undetermined(reason: RouteCallReason, basis: RouteBasis | null, ranked: RankedRoute[], conflict: string | null = null): RouteCall {
  return { route: null, probability: null, reason, basis, ranked, conflict };
}

/** The routes each route shares a marker rule with (see MarkerSiblings). O(rules·routes²). */
export function markerSiblings(markers: readonly { readonly routes: readonly string[] }[]): MarkerSiblings {
  const out = new Map<string, Set<string>>();
  for (const rule of markers) {
    for (const a of rule.routes) for (const b of rule.routes) if (a !== b) (out.get(a) ?? out.set(a, new Set()).get(a)!).add(b);
  }
  return new Map([...out].map(([r, set]) => [r, [...set].sort()]));
}

/** Index of the largest value (first on ties). */
function argmax(v: ArrayLike<number>, among: readonly number[]): number {
  let best = among[0];
  for (const k of among) if (v[k] > v[best]) best = k;
  return best;
}

/**
 * The call for one sample or class, per the module's rule. `routes` are the drug's library routes; `referenced`
 * those with reference samples (sorted, as the classifiers' classes). O(R log R).
 */
export function decideRoute(
  routes: readonly string[],
  referenced: readonly string[],
  evidence: RouteEvidence,
  options: RouteDecisionOptions = {},
  siblings: MarkerSiblings = new Map(),
): RouteCall {
  const floor = options.floor ?? DEFAULT_ROUTE_FLOOR;
  const delta = options.disagreementLog10 ?? DEFAULT_DISAGREEMENT_LOG10;
  const m = evidence.markerScores;
  const all = routes.map((_, r) => r);
  if (referenced.length === 0 || evidence.fits === null) {
    if (m === null) return undetermined('no-evidence', null, []);
    return called(markerPosterior(routes, m, routes), 'markers', floor);
  }
  const fits = referenced.filter((_, k) => evidence.fits![k]);
  if (fits.length === 0) {
    const open = routes.filter((r) => !referenced.includes(r));
    if (m === null || open.length === 0) return undetermined('no-route-fits', null, []);
    const best = routes[argmax(m, all)];
    const ranked = markerPosterior(routes, m, open);
    const bestOpen = m[routes.indexOf(ranked[0].route)];
    if (referenced.includes(best) && m[routes.indexOf(best)] - bestOpen >= delta) return undetermined('disagreement', 'markers', ranked, best);
    return called(ranked, 'markers', floor, 'no-route-fits');
  }
  // With a single referenced route there is nothing to classify: fitting its references is the whole evidence.
  const ranked = rankRoutes(referenced, evidence.classifier ?? referenced.map(() => 1 / referenced.length));
  const choice = ranked[0].route;
  if (!fits.includes(choice)) return undetermined('atypical', 'references', ranked, choice);
  const at = routes.indexOf(choice);
  if (m !== null) {
    const best = argmax(m, all);
    if (routes[best] !== choice && m[best] - m[at] >= delta) return undetermined('disagreement', 'references', ranked, routes[best]);
  }
  const open = (siblings.get(choice) ?? []).find((u) => !referenced.includes(u) && (m === null || m[at] - m[routes.indexOf(u)] < delta));
  if (open !== undefined) return undetermined('alternative', 'references', ranked, open);
  return applyGate(called(ranked, 'references', floor), options.gate);
}
