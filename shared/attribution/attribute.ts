/**
 * Attribution of questioned samples and of their chemical classes: route (the open-set rule of open-set.ts:
 * classifiers among the referenced routes, a typicality test against each, marker rules as a check; decided by
 * route-decision.ts), nearest known source with its likelihood ratio, and the precursor profile. Pure: the caller
 * loads the signatures, the calibration in force and the classes.
 */
import type { CompoundDictionary } from '../domain/compound-dictionary';
import { pretreat } from '../profiling/pretreatment';
import { pairDistanceOf } from '../profiling/pair-comparison';
import { prepareRows } from '../profiling/scores';
import { detectedValues, type SignatureMatrix } from '../profiling/signature-matrix';
import { throwIfAborted } from '../profiling/util/abort';
import { summariseClasses } from './class-attribution';
import { columnsOf, compoundKey } from './compound-match';
import { DEFAULT_FOLD_SEED, DEFAULT_FOLDS, stratifiedFolds } from './cross-validation';
import { heldOutCounts } from './evidence-text';
import { evaluateMarkers, type MarkerEvidence } from './marker-evidence';
import { fitOpenSet, openSetCall, openSetEvidence, type OpenSetOptions } from './open-set';
import { DEFAULT_K } from './knn';
import { validateOpenSet, type OpenSetValidation } from './open-set-validation';
import { DEFAULT_GATE_FLOOR, type RouteGate } from './route-gate';
import { crossValidateClassifiers, type ClassifierFigures, type ReferenceSet } from './route-classifiers';
import { decideRoute, DEFAULT_ROUTE_FLOOR, markerSiblings, rankRoutes } from './route-decision';
import { drugLibrary, type SignatureLibrary } from './signature-library';
import { DEFAULT_SOURCE_RULE, DEFAULT_TOP_SOURCES, type SourceRule } from './source-attribution';
import { DEFAULT_TYPICALITY_ALPHA } from './typicality';
import type { AttributionResult, CalibrationInForce, ClassifierView, Comparison, ReferenceInput, SampleAttribution } from './types';

/** The run's options; the per-route gate itself is built by the run (from `gateFloor`), never passed in. */
export interface AttributionOptions extends Omit<OpenSetOptions, 'gate'> {
  /** Nearest sources listed per class; default 3. */
  readonly topSources?: number;
  /** When a source passes: 'threshold' (default) or 'threshold-and-lr'. */
  readonly sourceRule?: SourceRule;
}

/**
 * The defaults of AttributionOptions, in one place (the CLI, the app, the reports and the audit line name them from
 * here): k = 5 nearest references, 5 cross-validation folds, fold seed 1, route probability floor 0.6, typicality
 * α = 0.01 (the 99 % quantile of held-out-source distances), gate floor 0.7 (Wilson lower bound of a route's held-out
 * precision: route-gate.ts; counted by source for a route whose marker sibling is referenced too), 3 sources listed, the 'threshold' source rule (docs/ATTRIBUTION.md, DOMAIN.md).
 */
export const ATTRIBUTION_DEFAULTS = {
  k: DEFAULT_K,
  folds: DEFAULT_FOLDS,
  seed: DEFAULT_FOLD_SEED,
  floor: DEFAULT_ROUTE_FLOOR,
  alpha: DEFAULT_TYPICALITY_ALPHA,
  gateFloor: DEFAULT_GATE_FLOOR,
  gateBySource: true,
  topSources: DEFAULT_TOP_SOURCES,
  sourceRule: DEFAULT_SOURCE_RULE,
} as const;

export interface AttributionInput {
  /** Raw areas of the samples of one drug: references and questioned samples. */
  readonly matrix: SignatureMatrix;
  readonly library: SignatureLibrary;
  readonly drug: string;
  readonly references: readonly ReferenceInput[];
  readonly comparison: Comparison;
  /** The calibration in force; null leaves sources unassessed. */
  readonly calibration: CalibrationInForce | null;
  /** Class id per matrix row (1 = largest class); null or absent: each sample is its own class. */
  readonly classIds?: Int32Array | null;
  /** Compounds whose dictionary role is precursor. */
  readonly precursorCompounds?: readonly string[];
  /** Resolves the library's compound names (synonyms) against the signature's. */
  readonly dictionary?: CompoundDictionary;
  readonly options?: AttributionOptions;
}

const STAGES = ['classifiers', 'cross-validation', 'samples', 'classes'] as const;
/**
 * Where each stage starts (and the run ends), as a fraction of the whole run: shares measured on 10,000 generated
 * fentanyl samples with 75 references (classifiers 0.08, cross-validation 0.01, samples 0.22, classes 0.69: each
 * class is compared with every known source, and its precursor profile computed).
 */
const STAGE_START = [0, 0.1, 0.12, 0.35, 1];

/** Progress of a run: the stage under way and the fraction of the whole run done (0 … 1). */
export type AttributionProgress = (stage: (typeof STAGES)[number], fraction: number) => void;
/** Samples between two progress reports and abort checks. */
const SAMPLE_CHUNK = 1024;

/**
 * Runs the attribution (see the module doc). O(n·r·p + classes·refs·p + folds·(r·p² + p³)). Reports coarse
 * progress and checks `signal` between stages and every 1,024 samples.
 */
export function attribute(input: AttributionInput, onProgress: AttributionProgress = () => undefined, signal?: AbortSignal): AttributionResult {
  const { matrix, comparison, calibration } = input;
  const stage = (name: (typeof STAGES)[number], within = 0) => {
    throwIfAborted(signal);
    const k = STAGES.indexOf(name);
    onProgress(name, STAGE_START[k] + within * (STAGE_START[k + 1] - STAGE_START[k]));
  };
  stage('classifiers');
  // A contradiction is any counting marker of another route: the least a rule adds when it counts is half the
  // library's weak weight (markerGrade's ½ at the threshold).
  const given = { disagreementLog10: 0.5 * input.library.evidence_scale.weak, ...input.options };
  // The gate comes from this run's validation below.
  let options: AttributionOptions & { gate: RouteGate | null } = { ...given, gate: null };
  const drug = drugLibrary(input.library, input.drug);
  if (drug === null) throw new RangeError(`the signature library has no routes for ${input.drug}`);
  const routes = drug.routes.map((r) => r.id);
  const key = compoundKey(input.dictionary);
  const n = matrix.sampleIds.length;
  const p = matrix.compounds.length;
  const notes: string[] = [];

  const rowOf = new Map(matrix.sampleIds.map((id, i) => [id, i]));
  const missing: string[] = [];
  const refs: (ReferenceInput & { row: number })[] = [];
  for (const r of input.references) {
    const row = rowOf.get(r.sampleId);
    if (row === undefined) missing.push(r.sampleId);
    else if (!routes.includes(r.route)) notes.push(`Reference ${r.sampleId}: route ${r.route} is not a ${drug.drug} route of the library; left out.`);
    else refs.push({ ...r, row });
  }
  if (missing.length > 0) notes.push(`${missing.length} reference sample(s) have no ${drug.drug} signature in the workspace and were left out: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}.`);
  const isRef = new Uint8Array(n);
  for (const r of refs) isRef[r.row] = 1;

  const values = pretreat(matrix, comparison.pretreatment, { logOffset: comparison.logOffset, scaling: comparison.scaling }).values;
  const prepared = prepareRows(values, n, p, comparison.score);
  // The group LR compares samples as the calibration's system was fitted (censored since calibration schema 5).
  const lrCompare = calibration?.lr?.pairComparison === 'censored' && matrix.detected !== undefined
    ? pairDistanceOf(matrix, 'censored', comparison.pretreatment, comparison.score, { logOffset: comparison.logOffset, scaling: comparison.scaling })
    : prepared;
  const referenceRoutes = [...new Set(refs.map((r) => r.route))].sort();
  const refSet: ReferenceSet = {
    values, p, prepared,
    rows: Int32Array.from(refs, (r) => r.row),
    routes: refs.map((r) => r.route),
    sources: refs.map((r) => r.source),
  };
  const questioned = Int32Array.from({ length: n }, (_, i) => i).filter((i) => isRef[i] === 0);
  const all = Int32Array.from({ length: refs.length }, (_, t) => t);
  const unreferencedRoutes = routes.filter((r) => !referenceRoutes.includes(r));
  const scoresOf = (m: MarkerEvidence) => (m.probabilities === null ? null : m.scores);
  const siblings = markerSiblings(drug.markers);

  let crossValidation: ClassifierFigures | null = null;
  let openSet: OpenSetValidation | null = null;
  let model: ReturnType<typeof fitOpenSet> | null = null;
  let out: ReturnType<typeof openSetEvidence> | null = null;
  if (refs.length > 0) {
    const hasSources = refSet.sources.some((x) => x !== null && x !== '');
    const units = new Set(refs.map((r, t) => (hasSources && r.source ? `g:${r.source}` : `s:${t}`))).size;
    const plan = options.foldPlan ?? (units >= 2 ? stratifiedFolds(refSet.routes, options.folds ?? DEFAULT_FOLDS, options.seed ?? 1, hasSources ? refSet.sources : undefined) : undefined);
    model = fitOpenSet(refSet, all, options, plan);
    out = openSetEvidence(refSet, all, model, questioned, options);
    stage('cross-validation');
    if (referenceRoutes.length >= 2) {
      try {
        crossValidation = crossValidateClassifiers(refSet, referenceRoutes, { ...options, foldPlan: plan });
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        notes.push(`No cross-validation: ${e.message}.`);
      }
    }
    if (plan !== undefined) {
      const refMarkers = evaluateMarkers(matrix, refSet.rows, drug, input.library.evidence_scale, key);
      openSet = validateOpenSet(refSet, routes, refMarkers.map(scoresOf), plan, model, options, siblings);
      options = { ...options, gate: openSet.gate };
      const gated = openSet.gate.routes.filter((g) => g.gated);
      if (gated.length > 0) notes.push(`Not called from the references (the per-route gate): ${gated.map((g) => `${g.route} (${heldOutCounts(g)}, ${Math.round(100 * openSet!.gate.confidence)} % lower bound ${g.lower.toFixed(2)} < ${openSet!.gate.floor}${g.confusedWith.length ? `; confused with ${g.confusedWith.map((c) => c.route).join(', ')}` : ''})`).join('; ')}. Their samples come out undetermined, naming the route they are confused with if any.`);
      const apart = openSet.leaveOneRouteOut.reduce((a, w) => a + w.fitsNone, 0) / Math.max(1, openSet.leaveOneRouteOut.length);
      if (openSet.leaveOneRouteOut.length > 0 && apart < 0.5) {
        notes.push(`The typicality test set only ${Math.round(100 * apart)} % of a withheld route's references apart from the other referenced routes: with references from ${new Set(refs.map((r) => r.source ?? r.sampleId)).size} source(s), a route the references do not cover can look like a new source of one they do, and then only the marker rules stand in its way. References from more sources per route sharpen the test.`);
      }
      if (!plan.grouped) notes.push('Cross-validation folds are by sample, not by source (no sources given): accuracy on new sources will be lower than shown.');
    } else notes.push('The route rule is not validated: the references hold a single sample or source.');
    if (!model.grouped) notes.push(`The typicality cut comes from folds of single samples (fewer than 10 held-out distances from other sources): it is strict, and more samples of referenced routes come out as "no referenced route fits".`);
  } else {
    notes.push(`No reference samples: routes rest on the marker rules alone, and no sample can be checked against references of its route.`);
  }
  if (referenceRoutes.length === 1) notes.push(`Reference samples of a single route (${referenceRoutes[0]}): a sample fitting its references is called that route unless the markers contradict; nothing tells it from routes without references but the typicality test.`);
  // Routes the markers cannot speak for either: every rule of theirs names a compound the signature does not measure.
  const measured = columnsOf(matrix.compounds, drug.markers.map((m) => m.compound), key);
  const silent = unreferencedRoutes.filter((r) => !drug.markers.some((m, k) => measured[k] >= 0 && m.routes.includes(r)));
  if (silent.length > 0) {
    const missed = [...new Set(drug.markers.filter((m) => m.routes.some((r) => silent.includes(r))).map((m) => m.compound))];
    notes.push(`The signature measures no marker of ${silent.join(', ')}${missed.length ? ` (${missed.join(', ')})` : ''} and no reference sample covers ${silent.length === 1 ? 'it' : 'them'}: nothing in this run speaks for or against ${silent.length === 1 ? 'that route' : 'those routes'} (under the marker rules alone ${silent.length === 1 ? 'it keeps its' : 'they keep their'} prior share).`);
  }
  if (refs.length > 0 && unreferencedRoutes.length > 0) {
    notes.push(`Not referenced: ${unreferencedRoutes.join(', ')}. A sample of these routes can only be called from the marker rules; otherwise it comes out as "no referenced route fits" or undetermined.`);
  }

  stage('samples');
  const markers = evaluateMarkers(matrix, questioned, drug, input.library.evidence_scale, key);
  const g = referenceRoutes.length;
  const classIds = input.classIds ?? Int32Array.from({ length: n }, (_, i) => i + 1);
  const samples: SampleAttribution[] = Array.from(questioned, (row, q) => {
    if (q > 0 && q % SAMPLE_CHUNK === 0) stage('samples', q / questioned.length);
    const m = markers[q];
    let view: ClassifierView | null = null;
    let call;
    if (model !== null && out !== null) {
      const slice = (v: Float64Array) => v.subarray(q * g, q * g + g);
      view = {
        lda: out.lda === null ? null : rankRoutes(referenceRoutes, slice(out.lda)),
        knn: rankRoutes(referenceRoutes, slice(out.knn)),
        ensemble: rankRoutes(referenceRoutes, slice(out.ensemble)),
        nearestReference: out.nearest[q],
        typicality: referenceRoutes.map((route, k) => ({ route, d2: out!.d2[q * g + k], fits: out!.d2[q * g + k] <= model!.cut })),
      };
      call = openSetCall(routes, model, out, q, scoresOf(m), options, siblings);
    } else call = decideRoute(routes, [], { classifier: null, fits: null, markerScores: scoresOf(m) }, options);
    return { sampleId: matrix.sampleIds[row], classId: classIds[row], call, classifier: view, markers: m };
  });

  stage('classes');
  const classes = summariseClasses({
    matrix, values: detectedValues(matrix), prepared, lrCompare, drug, routes, referenceRoutes, classIds, isRef, questioned, samples, refs, calibration,
    precursorCompounds: input.precursorCompounds ?? [], key, decision: options, topSources: options.topSources, sourceRule: options.sourceRule,
  });
  if (calibration === null) notes.push('No calibration in force: sources were not assessed.');
  else if (!refs.some((r) => r.source !== null)) notes.push('No reference sample names a source: sources were not assessed.');
  onProgress('classes', 1);
  return {
    drug: drug.drug,
    libraryVersion: input.library.version,
    routes,
    referenceRoutes,
    unreferencedRoutes: refs.length > 0 ? unreferencedRoutes : [...routes],
    comparison,
    calibration,
    references: { used: refs.length, sources: new Set(refs.map((r) => r.source).filter((s) => s !== null)).size, missing },
    crossValidation,
    openSet,
    samples,
    classes,
    notes,
  };
}
