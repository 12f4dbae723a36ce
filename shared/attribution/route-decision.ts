/**
 * The route call: classifier probabilities and marker-rule weights combined into a ranked list, and "undetermined"
 * when the evidence is weak or its two kinds disagree. Never a bare label (../shared/DOMAIN.md: never state a route
 * as certain). The rule, with its constants (all assumptions, chosen to err towards "undetermined"):
 *
 * 1. base = (1 − ε)·classifier + ε/R over the drug's R library routes (ε = 0.05), so a route without reference
 *    samples stays reachable by strong markers; uniform when there are no reference samples;
 * 2. log10 p_r = log10 base_r + w·s_r, s_r the markers' summed log10 weight for route r; w = 0.5 when classifiers
 *    spoke (the marker compounds are already among their inputs, so full weight would count them twice), else 1;
 * 3. normalise; undetermined when the leading route's p < 0.6 (it must outweigh all others together, with margin),
 *    or when the classifiers favour a route with p ≥ 0.5 that the markers weigh ≥ 1 log10 unit (LR 10) below
 *    their favourite.
 */

export interface RouteDecisionOptions {
  /** Smallest probability of the leading route for a call; default 0.6. */
  readonly floor?: number;
  /** Share of the classifier probability spread evenly over all library routes; default 0.05. */
  readonly epsilon?: number;
  /** Weight of the marker scores when classifiers spoke; default 0.5. */
  readonly markerWeight?: number;
  /** Marker margin (log10) against the classifiers' favourite that makes them disagree; default 1 (LR 10). */
  readonly disagreementLog10?: number;
}

export const DEFAULT_ROUTE_FLOOR = 0.6;

export type RouteCallReason = 'supported' | 'weak' | 'disagreement' | 'no-evidence';

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
  /** Every library route with its combined probability, best first (empty without evidence). */
  readonly ranked: readonly RankedRoute[];
}

/** Ranked list of routes from probabilities in route order (ties keep the library order). O(R log R). */
export function rankRoutes(routes: readonly string[], probs: ArrayLike<number>): RankedRoute[] {
  return routes.map((route, r) => ({ route, probability: probs[r], r })).sort((a, b) => b.probability - a.probability || a.r - b.r).map(({ route, probability }) => ({ route, probability }));
}

/** Applies the floor to combined probabilities (route order): the call, or undetermined as 'weak'. O(R log R). */
export function callFromProbabilities(routes: readonly string[], probs: ArrayLike<number>, floor = DEFAULT_ROUTE_FLOOR): RouteCall {
  const ranked = rankRoutes(routes, probs);
  const top = ranked[0];
  if (top !== undefined && top.probability >= floor) return { route: top.route, probability: top.probability, reason: 'supported', ranked };
  return { route: null, probability: null, reason: 'weak', ranked };
}

/**
 * Combines classifier probabilities (route order, or null without references) and marker scores (log10 per route,
 * or null when no rule counted) per the module's rule. O(R log R).
 */
export function decideRoute(routes: readonly string[], classifier: ArrayLike<number> | null, markerScores: ArrayLike<number> | null, options: RouteDecisionOptions = {}): RouteCall {
  const R = routes.length;
  if (classifier === null && markerScores === null) return { route: null, probability: null, reason: 'no-evidence', ranked: [] };
  const eps = options.epsilon ?? 0.05;
  const w = classifier === null ? 1 : (options.markerWeight ?? 0.5);
  const logp = new Float64Array(R);
  let max = -Infinity;
  for (let r = 0; r < R; r++) {
    const base = classifier === null ? 1 / R : (1 - eps) * classifier[r] + eps / R;
    logp[r] = Math.log10(base) + (markerScores === null ? 0 : w * markerScores[r]);
    if (logp[r] > max) max = logp[r];
  }
  let sum = 0;
  for (let r = 0; r < R; r++) sum += logp[r] = Math.pow(10, logp[r] - max);
  for (let r = 0; r < R; r++) logp[r] /= sum;
  const call = callFromProbabilities(routes, logp, options.floor);
  if (classifier !== null && markerScores !== null) {
    let a = 0;
    let best = -Infinity;
    for (let r = 0; r < R; r++) {
      if (classifier[r] > classifier[a]) a = r;
      if (markerScores[r] > best) best = markerScores[r];
    }
    if (classifier[a] >= 0.5 && best - markerScores[a] >= (options.disagreementLog10 ?? 1)) {
      return { route: null, probability: null, reason: 'disagreement', ranked: call.ranked };
    }
  }
  return call;
}
