/**
 * How far the open-set route rule (open-set.ts) can be trusted, measured on the reference samples with its
 * optimism stated: resubstitution (fitted and judged on the same references: optimistic by construction),
 * cross-validation grouped by source with the cut chosen on all folds' held-out distances (the judged samples took
 * part in choosing it: mildly optimistic), nested cross-validation (the cut chosen inside each training part: the
 * estimate for a new source of a referenced route), and leave-one-route-out (each referenced route withheld in
 * turn: how often a route the references do not cover is called as one they do).
 */
import { cvFigures, type CvFigures, type FoldPlan } from './cross-validation';
import { fitOpenSet, openSetCall, openSetEvidence, type OpenSetModel, type OpenSetOptions } from './open-set';
import type { ReferenceSet } from './route-classifiers';
import type { MarkerSiblings, RouteCall } from './route-decision';

/** The whole rule judged on references of known route. */
export interface RuleFigures {
  readonly n: number;
  /** Share that fit their own route's references (the typicality test). */
  readonly fitsOwn: number;
  /** Share called (a route named), share called rightly over those called, and over all. */
  readonly called: number;
  readonly rightWhenCalled: number;
  readonly right: number;
  /** Over the library routes, with the undetermined count per true route. */
  readonly confusion: CvFigures;
}

/** One referenced route withheld from the references. */
export interface WithheldRoute {
  readonly route: string;
  readonly n: number;
  /** Share of its references called as one of the routes still referenced (wrong by construction). */
  readonly calledAsReferenced: number;
  /** Share that fit none of the routes still referenced (the typicality test set them apart). */
  readonly fitsNone: number;
  /** Share called as the withheld route itself, by the marker rules. */
  readonly calledRight: number;
}

export interface OpenSetValidation {
  readonly alpha: number;
  readonly cut: number;
  readonly heldOut: number;
  readonly grouped: boolean;
  readonly resubstitution: RuleFigures;
  readonly crossValidated: RuleFigures;
  readonly nested: RuleFigures;
  /** Empty with fewer than 2 referenced routes. */
  readonly leaveOneRouteOut: readonly WithheldRoute[];
}

const share = (k: number, n: number) => (n === 0 ? Number.NaN : k / n);

/** Figures of calls against the references' true routes. O(n + R²). */
export function ruleFigures(routes: readonly string[], truth: readonly string[], calls: readonly RouteCall[], fitsOwn: readonly boolean[]): RuleFigures {
  const n = truth.length;
  const calledN = calls.filter((c) => c.route !== null).length;
  const rightN = calls.filter((c, t) => c.route === truth[t]).length;
  return {
    n,
    fitsOwn: share(fitsOwn.filter(Boolean).length, n),
    called: share(calledN, n),
    rightWhenCalled: share(rightN, calledN),
    right: share(rightN, n),
    confusion: cvFigures(routes, Int32Array.from(truth, (r) => routes.indexOf(r)), Int32Array.from(calls, (c) => (c.route === null ? -1 : routes.indexOf(c.route)))),
  };
}

/** Calls (and own-route fit) of the references `test` under a model trained on `train`, with an optional cut. */
function judge(
  refs: ReferenceSet,
  routes: readonly string[],
  markers: readonly (Float64Array | null)[],
  train: Int32Array,
  test: Int32Array,
  model: OpenSetModel,
  options: OpenSetOptions,
  siblings: MarkerSiblings,
): { calls: RouteCall[]; fits: boolean[]; fitsNone: boolean[] } {
  const out = openSetEvidence(refs, train, model, Int32Array.from(test, (t) => refs.rows[t]), options);
  const g = model.referenced.length;
  return {
    calls: Array.from(test, (t, q) => openSetCall(routes, model, out, q, markers[t], options, siblings)),
    fits: Array.from(test, (t, q) => {
      const k = model.referenced.indexOf(refs.routes[t]);
      return k >= 0 && out.d2[q * g + k] <= model.cut;
    }),
    fitsNone: Array.from(test, (_, q) => out.d2.subarray(q * g, q * g + g).every((d) => d > model.cut)),
  };
}

/**
 * Validates the rule on the references (see the module doc). `plan` is the source-grouped fold plan of the
 * classifiers' cross-validation; `model` the rule fitted on every reference; `markers` each reference's marker
 * scores (library-route order, null when none counted). O(folds²·(n·p² + p³) + routes·folds·(n·p² + p³)).
 */
export function validateOpenSet(
  refs: ReferenceSet,
  routes: readonly string[],
  markers: readonly (Float64Array | null)[],
  plan: FoldPlan,
  model: OpenSetModel,
  options: OpenSetOptions = {},
  siblings: MarkerSiblings = new Map(),
): OpenSetValidation {
  const n = refs.rows.length;
  const all = Int32Array.from({ length: n }, (_, t) => t);
  const resub = judge(refs, routes, markers, all, all, model, options, siblings);

  const cvCalls: RouteCall[] = new Array<RouteCall>(n);
  const cvFits: boolean[] = new Array<boolean>(n);
  const nestedCalls: RouteCall[] = new Array<RouteCall>(n);
  const nestedFits: boolean[] = new Array<boolean>(n);
  for (let f = 0; f < plan.k; f++) {
    const train = all.filter((t) => plan.folds[t] !== f);
    const test = all.filter((t) => plan.folds[t] === f);
    if (test.length === 0 || train.length === 0) continue;
    const inner = fitOpenSet(refs, train, options);
    const nested = judge(refs, routes, markers, train, test, inner, options, siblings);
    const shared = judge(refs, routes, markers, train, test, { ...inner, cut: model.cut }, options, siblings);
    test.forEach((t, q) => {
      nestedCalls[t] = nested.calls[q];
      nestedFits[t] = nested.fits[q];
      cvCalls[t] = shared.calls[q];
      cvFits[t] = shared.fits[q];
    });
  }

  const leaveOneRouteOut: WithheldRoute[] = [];
  if (model.referenced.length >= 2) {
    for (const route of model.referenced) {
      const train = all.filter((t) => refs.routes[t] !== route);
      const test = all.filter((t) => refs.routes[t] === route);
      const kept = fitOpenSet(refs, train, options);
      const { calls, fitsNone } = judge(refs, routes, markers, train, test, kept, options, siblings);
      leaveOneRouteOut.push({
        route,
        n: test.length,
        calledAsReferenced: share(calls.filter((c) => c.route !== null && kept.referenced.includes(c.route)).length, test.length),
        fitsNone: share(fitsNone.filter(Boolean).length, test.length),
        calledRight: share(calls.filter((c) => c.route === route).length, test.length),
      });
    }
  }
  return {
    alpha: options.alpha ?? 0.01,
    cut: model.cut,
    heldOut: model.heldOut,
    grouped: model.grouped,
    resubstitution: ruleFigures(routes, refs.routes, resub.calls, resub.fits),
    crossValidated: ruleFigures(routes, refs.routes, cvCalls, cvFits),
    nested: ruleFigures(routes, refs.routes, nestedCalls, nestedFits),
    leaveOneRouteOut,
  };
}
