/**
 * Per chemical class: the route from its questioned members' combined probabilities (averaged, then the same floor
 * as for a sample), the nearest known sources, and the precursor profile beside the routes' profiles.
 */
import type { PreparedRows } from '../profiling/scores';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import type { CompoundKey } from './compound-match';
import { precursorColumns, precursorProfile } from './precursor-profile';
import { callFromProbabilities, type RouteCall } from './route-decision';
import type { DrugLibrary } from './signature-library';
import { attributeSource, knownSources, type SourceRule } from './source-attribution';
import type { CalibrationInForce, ClassAttribution, ReferenceInput, SampleAttribution } from './types';

export interface ClassSummaryInput {
  readonly matrix: SignatureMatrix;
  /** Detected areas, not-detected as 0 (precursor shares count what was detected). */
  readonly values: Float64Array;
  readonly prepared: PreparedRows;
  readonly drug: DrugLibrary;
  readonly routes: readonly string[];
  readonly classIds: Int32Array;
  readonly isRef: Uint8Array;
  /** Matrix rows of the questioned samples, in the order of `samples`. */
  readonly questioned: Int32Array;
  readonly samples: readonly SampleAttribution[];
  readonly refs: readonly (ReferenceInput & { row: number })[];
  readonly calibration: CalibrationInForce | null;
  readonly precursorCompounds: readonly string[];
  readonly key: CompoundKey;
  readonly floor?: number;
  readonly topSources?: number;
  readonly sourceRule?: SourceRule;
}

/** Mean of the members' combined route probabilities, then the floor; 'no-evidence' when no member had any. O(m·R). */
export function classRouteCall(routes: readonly string[], calls: readonly RouteCall[], floor?: number): RouteCall {
  const sum = new Float64Array(routes.length);
  let counted = 0;
  for (const c of calls) {
    if (c.ranked.length === 0) continue;
    counted++;
    for (const r of c.ranked) sum[routes.indexOf(r.route)] += r.probability;
  }
  if (counted === 0) return { route: null, probability: null, reason: 'no-evidence', ranked: [] };
  for (let r = 0; r < sum.length; r++) sum[r] /= counted;
  return callFromProbabilities(routes, sum, floor);
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
    const calls = qs.map((q) => input.samples[q].call);
    const memberCalls: Record<string, number> = {};
    for (const c of calls) memberCalls[c.route ?? 'undetermined'] = (memberCalls[c.route ?? 'undetermined'] ?? 0) + 1;
    const cal = input.calibration;
    return {
      classId,
      sampleIds: qs.map((q) => input.samples[q].sampleId),
      references: (refsIn.get(classId) ?? []).map((r) => ({ sampleId: r.sampleId, route: r.route, source: r.source })),
      call: classRouteCall(input.routes, calls, input.floor),
      memberCalls,
      source: cal === null || sources.length === 0 ? null : attributeSource(input.prepared, rows, sources, cal, input.topSources ?? 3, input.sourceRule),
      precursors: precursorProfile(matrix, rows, cols, drug, byRoute, input.key, input.values),
    };
  });
}
