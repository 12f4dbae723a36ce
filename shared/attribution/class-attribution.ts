/**
 * Per chemical class: the route from its questioned members' combined probabilities (averaged, then the same floor
 * as for a sample), the nearest known sources, and the precursor profile beside the routes' profiles.
 */
import type { PreparedRows } from '../profiling/scores';
import type { Comparer } from '../lr/group-comparisons';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import type { CompoundKey } from './compound-match';
import { precursorColumns, precursorProfile } from './precursor-profile';
import { median } from '../profiling/util/stats';
import { decideRoute, markerSiblings, type MarkerSiblings, type RouteCall, type RouteDecisionOptions } from './route-decision';
import type { DrugLibrary } from './signature-library';
import { attributeSource, DEFAULT_TOP_SOURCES, knownSources, type SourceRule } from './source-attribution';
import type { CalibrationInForce, ClassAttribution, ReferenceInput, SampleAttribution } from './types';

export interface ClassSummaryInput {
  readonly matrix: SignatureMatrix;
  /** Detected areas, not-detected as 0 (precursor shares count what was detected). */
  readonly values: Float64Array;
  readonly prepared: PreparedRows;
  /** How the group LR compares two samples (the calibration's pair comparison); default `prepared`. */
  readonly lrCompare?: Comparer;
  readonly drug: DrugLibrary;
  readonly routes: readonly string[];
  /** Routes with reference samples, sorted. */
  readonly referenceRoutes: readonly string[];
  readonly classIds: Int32Array;
  readonly isRef: Uint8Array;
  /** Matrix rows of the questioned samples, in the order of `samples`. */
  readonly questioned: Int32Array;
  readonly samples: readonly SampleAttribution[];
  readonly refs: readonly (ReferenceInput & { row: number })[];
  readonly calibration: CalibrationInForce | null;
  readonly precursorCompounds: readonly string[];
  readonly key: CompoundKey;
  readonly decision?: RouteDecisionOptions;
  readonly topSources?: number;
  readonly sourceRule?: SourceRule;
}

/**
 * The class's route by the sample rule (route-decision.ts) on its questioned members' evidence combined: the mean
 * of their ensemble probabilities among the referenced routes, a referenced route fitted when more than half the
 * members fit it, and the members' median marker weight per route (null when no member's rule counted).
 * O(m·R log m).
 */
export function classRouteCall(
  routes: readonly string[],
  referenced: readonly string[],
  members: readonly SampleAttribution[],
  options: RouteDecisionOptions = {},
  siblings?: MarkerSiblings,
): RouteCall {
  const m = members.length;
  const withRefs = members.filter((s) => s.classifier !== null);
  let classifier: Float64Array | null = null;
  let fits: boolean[] | null = null;
  if (referenced.length > 0 && withRefs.length > 0) {
    classifier = new Float64Array(referenced.length);
    const fitting = new Int32Array(referenced.length);
    for (const s of withRefs) {
      for (const r of s.classifier!.ensemble) classifier[referenced.indexOf(r.route)] += r.probability / withRefs.length;
      for (const t of s.classifier!.typicality) if (t.fits) fitting[referenced.indexOf(t.route)]++;
    }
    fits = Array.from(fitting, (k) => k > withRefs.length / 2);
  }
  let markerScores: Float64Array | null = null;
  if (members.some((s) => s.markers.probabilities !== null)) {
    markerScores = Float64Array.from(routes, (_, r) => median(Float64Array.from(members, (s) => s.markers.scores[r])));
    if (markerScores.every((v) => v === 0)) markerScores = null;
  }
  if (m === 0) return decideRoute(routes, referenced, { classifier: null, fits: null, markerScores: null }, options);
  return decideRoute(routes, withRefs.length > 0 ? referenced : [], { classifier, fits, markerScores }, options, siblings);
}

/** Summaries of every class holding at least one questioned sample, by class id. O(n + classes·(refs + p)·members). */
export function summariseClasses(input: ClassSummaryInput): ClassAttribution[] {
  const { matrix, classIds, refs, drug } = input;
  const members = new Map<number, number[]>();
  input.questioned.forEach((row, q) => {
    const id = classIds[row];
    let list = members.get(id);
    if (list === undefined) members.set(id, (list = []));
    list.push(q);
  });
  const refsIn = new Map<number, (ReferenceInput & { row: number })[]>();
  for (const r of refs) {
    const id = classIds[r.row];
    if (!refsIn.has(id)) refsIn.set(id, []);
    refsIn.get(id)!.push(r);
  }
  const sources = knownSources(Int32Array.from(refs, (r) => r.row), refs.map((r) => r.source), refs.map((r) => r.route));
  const cols = precursorColumns(matrix.compounds, input.precursorCompounds, drug, input.key);
  const byRoute = new Map<string, number[]>();
  for (const r of refs) {
    if (!byRoute.has(r.route)) byRoute.set(r.route, []);
    byRoute.get(r.route)!.push(r.row);
  }
  return [...members.keys()].sort((a, b) => a - b).map((classId): ClassAttribution => {
    const qs = members.get(classId)!;
    const rows = Int32Array.from(qs, (q) => input.questioned[q]);
    const own = qs.map((q) => input.samples[q]);
    const memberCalls: Record<string, number> = {};
    for (const { call: c } of own) memberCalls[c.route ?? 'undetermined'] = (memberCalls[c.route ?? 'undetermined'] ?? 0) + 1;
    const cal = input.calibration;
    return {
      classId,
      sampleIds: qs.map((q) => input.samples[q].sampleId),
      references: (refsIn.get(classId) ?? []).map((r) => ({ sampleId: r.sampleId, route: r.route, source: r.source })),
      call: classRouteCall(input.routes, input.referenceRoutes, own, input.decision, markerSiblings(drug.markers)),
      memberCalls,
      source: cal === null || sources.length === 0 ? null : attributeSource(input.prepared, rows, sources, cal, input.topSources ?? DEFAULT_TOP_SOURCES, input.sourceRule, input.lrCompare),
      precursors: precursorProfile(matrix, rows, cols, drug, byRoute, input.key, input.values),
    };
  });
}
