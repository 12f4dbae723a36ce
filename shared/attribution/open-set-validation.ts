/**
 * How far the open-set route rule (open-set.ts) can be trusted, measured on the reference samples with its
 * optimism stated: resubstitution (fitted and judged on the same references: optimistic by construction),
 * cross-validation grouped by source with the cut chosen on all folds' held-out distances (the judged samples took
 * part in choosing it: mildly optimistic), nested cross-validation (the cut chosen inside each training part: the
 * estimate for a new source of a referenced route), and leave-one-route-out (each referenced route withheld in
 * turn: how often a route the references do not cover is called as one they do).
 */
import { cvFigures, stratifiedFolds, type CvFigures, type FoldPlan } from './cross-validation';
import { sortedClasses } from './lda';
import { applyGate, DEFAULT_GATE_FLOOR, routeGate, type RouteGate } from './route-gate';
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
  /** The per-route gate from the nested calls (route-gate.ts), applied to the questioned samples and classes. */
  readonly gate: RouteGate;
  /**
   * The whole rule with the gate, nested one level deeper (each outer training part's gate from its own nested
   * cross-validation, applied to the outer held-out calls): the figure to expect for a new source with the gate.
   * Null when the gate is off or a training part cannot be cross-validated by source (a route from a single source
   * in it). Conservative: the inner gates see fewer calls than the gate on all references.
   */
  readonly gatedNested: RuleFigures | null;
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

/** Held-out calls of the references `idx` over the folds of `plan` (indexed like idx). */
interface NestedCalls {
  /** Cut chosen inside each training part. */
  readonly calls: RouteCall[];
  readonly fits: boolean[];
  /** Same models with the cut `shared` (when given), else copies of calls / fits. */
  readonly shared: RouteCall[];
  readonly sharedFits: boolean[];
}

/**
 * Nested cross-validation of the rule on the references `idx` (indices into refs) over `plan` (one fold per entry
 * of idx): the typicality cut chosen inside each training part; with `sharedCut`, also the same models judged with
 * that cut. The gate is never applied here (its own figure is built from these calls). O(folds²·(n·p² + p³)).
 */
function nestedCalls(
  refs: ReferenceSet, routes: readonly string[], markers: readonly (Float64Array | null)[], idx: Int32Array, plan: FoldPlan,
  options: OpenSetOptions, siblings: MarkerSiblings, sharedCut?: number,
): NestedCalls {
  const ungated = { ...options, gate: null };
  const m = idx.length;
  const out: NestedCalls = { calls: new Array<RouteCall>(m), fits: new Array<boolean>(m), shared: new Array<RouteCall>(m), sharedFits: new Array<boolean>(m) };
  const pos = Int32Array.from({ length: m }, (_, q) => q);
  for (let f = 0; f < plan.k; f++) {
    const trainPos = pos.filter((q) => plan.folds[q] !== f);
    const testPos = pos.filter((q) => plan.folds[q] === f);
    if (testPos.length === 0 || trainPos.length === 0) continue;
    const train = Int32Array.from(trainPos, (q) => idx[q]);
    const test = Int32Array.from(testPos, (q) => idx[q]);
    const inner = fitOpenSet(refs, train, ungated);
    const own = judge(refs, routes, markers, train, test, inner, ungated, siblings);
    const other = sharedCut === undefined ? own : judge(refs, routes, markers, train, test, { ...inner, cut: sharedCut }, ungated, siblings);
    testPos.forEach((q, j) => {
      out.calls[q] = own.calls[j];
      out.fits[q] = own.fits[j];
      out.shared[q] = other.calls[j];
      out.sharedFits[q] = other.fits[j];
    });
  }
  return out;
}

/**
 * The gated rule's nested figure: for each fold of `plan`, the gate built from a nested cross-validation of that
 * fold's training part alone (folds grouped by source within it), applied to the fold's outer nested calls. Null
 * when a training part cannot be split or holds a route from a single source. Conservative: each inner gate counts
 * the calls of 4/5 of the references, so its bounds are lower than the gate's on all of them. O(folds³·(n·p² + p³)).
 */
function gatedNestedFigures(
  refs: ReferenceSet, routes: readonly string[], markers: readonly (Float64Array | null)[], all: Int32Array, plan: FoldPlan,
  outer: NestedCalls, options: OpenSetOptions, siblings: MarkerSiblings,
): RuleFigures | null {
  const n = all.length;
  const calls = new Array<RouteCall>(n);
  const floor = options.gateFloor ?? DEFAULT_GATE_FLOOR;
  for (let f = 0; f < plan.k; f++) {
    const train = all.filter((t) => plan.folds[t] !== f);
    const test = all.filter((t) => plan.folds[t] === f);
    if (test.length === 0 || train.length === 0) continue;
    const labels = Array.from(train, (t) => refs.routes[t]);
    // A route with a single source in the training part is never called in its inner folds (its only source held
    // out): the inner gate would shut it whatever its calls, which says nothing about the gate on all references.
    if (plan.grouped && sortedClasses(labels).some((route) => new Set(Array.from(train, (t) => (refs.routes[t] === route ? refs.sources[t] : null)).filter((x) => x !== null)).size < 2)) return null;
    let innerPlan: FoldPlan;
    try {
      innerPlan = stratifiedFolds(labels, plan.k, plan.seed, plan.grouped ? Array.from(train, (t) => refs.sources[t]) : undefined);
    } catch (e) {
      if (e instanceof RangeError) return null;
      throw e;
    }
    const inner = nestedCalls(refs, routes, markers, train, innerPlan, options, siblings);
    const gate = routeGate(sortedClasses(labels), labels, inner.calls, floor, (options.gateBySource ?? true) ? { sources: Array.from(train, (t) => refs.sources[t]), siblings } : null);
    for (const t of test) calls[t] = applyGate(outer.calls[t], gate);
  }
  return ruleFigures(routes, refs.routes, calls, outer.fits);
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
  // Every figure here is of the rule before the gate, except gatedNested (the gate is built from them).
  options = { ...options, gate: null };
  const resub = judge(refs, routes, markers, all, all, model, options, siblings);

  const nested = nestedCalls(refs, routes, markers, all, plan, options, siblings, model.cut);
  const gateFloor = options.gateFloor ?? DEFAULT_GATE_FLOOR;
  const gate = routeGate(model.referenced, refs.routes, nested.calls, gateFloor, (options.gateBySource ?? true) ? { sources: refs.sources, siblings } : null);
  const gatedNested = gateFloor > 0 ? gatedNestedFigures(refs, routes, markers, all, plan, nested, options, siblings) : null;

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
    crossValidated: ruleFigures(routes, refs.routes, nested.shared, nested.sharedFits),
    nested: ruleFigures(routes, refs.routes, nested.calls, nested.fits),
    gate,
    gatedNested,
    leaveOneRouteOut,
  };
}
