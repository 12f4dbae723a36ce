/**
 * Attribution of questioned samples and of their chemical classes: route (marker rules + classifiers trained on
 * the reference samples, combined by route-decision.ts), nearest known source with its likelihood ratio, and the
 * precursor profile. Pure: the caller loads the signatures, the calibration in force and the classes.
 */
import type { CompoundDictionary } from '../domain/compound-dictionary';
import { pretreat } from '../profiling/pretreatment';
import { prepareRows } from '../profiling/scores';
import { detectedValues, type SignatureMatrix } from '../profiling/signature-matrix';
import { throwIfAborted } from '../profiling/util/abort';
import { summariseClasses } from './class-attribution';
import { compoundKey } from './compound-match';
import { cvFigures, type CvFigures } from './cross-validation';
import { evaluateMarkers } from './marker-evidence';
import { classify, crossValidateClassifiers, type ClassifierFigures, type ReferenceSet, type RouteClassifierOptions } from './route-classifiers';
import { decideRoute, rankRoutes, type RouteDecisionOptions } from './route-decision';
import { drugLibrary, type SignatureLibrary } from './signature-library';
import type { SourceRule } from './source-attribution';
import type { AttributionResult, CalibrationInForce, ClassifierView, Comparison, ReferenceInput, SampleAttribution } from './types';

export interface AttributionOptions extends RouteClassifierOptions, RouteDecisionOptions {
  /** Nearest sources listed per class; default 3. */
  readonly topSources?: number;
  /** When a source passes: 'threshold' (default) or 'threshold-and-lr'. */
  readonly sourceRule?: SourceRule;
}

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

/** Maps probabilities over `from` routes into the order of `to` routes (0 where absent). O(|to|). */
function reorder(probs: Float64Array, offset: number, from: readonly string[], to: readonly string[]): Float64Array {
  return Float64Array.from(to, (r) => {
    const k = from.indexOf(r);
    return k < 0 ? 0 : probs[offset + k];
  });
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
  const options = input.options ?? {};
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
  const referenceRoutes = [...new Set(refs.map((r) => r.route))].sort();
  const refSet: ReferenceSet = {
    values, p, prepared,
    rows: Int32Array.from(refs, (r) => r.row),
    routes: refs.map((r) => r.route),
    sources: refs.map((r) => r.source),
  };
  const questioned = Int32Array.from({ length: n }, (_, i) => i).filter((i) => isRef[i] === 0);
  const all = Int32Array.from({ length: refs.length }, (_, t) => t);

  let crossValidation: ClassifierFigures | null = null;
  let combinedCrossValidation: CvFigures | null = null;
  let clf: ReturnType<typeof classify> | null = null;
  if (referenceRoutes.length >= 2) {
    clf = classify(refSet, referenceRoutes, all, questioned, options);
    stage('cross-validation');
    try {
      crossValidation = crossValidateClassifiers(refSet, referenceRoutes, options);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      notes.push(`No cross-validation: ${e.message}.`);
    }
  }
  if (crossValidation !== null) {
    if (!crossValidation.plan.grouped) notes.push('Cross-validation folds are by sample, not by source (no sources given): accuracy on new sources will be lower than shown.');
    // The whole rule on out-of-fold classifier output, to show how often it calls, and how often rightly.
    const refMarkers = evaluateMarkers(matrix, refSet.rows, drug, input.library.evidence_scale, key);
    const g = referenceRoutes.length;
    const predicted = Int32Array.from(refs, (_, t) => {
      const c = reorder(crossValidation!.outOfFold, t * g, referenceRoutes, routes);
      const call = decideRoute(routes, c, refMarkers[t].probabilities === null ? null : refMarkers[t].scores, options);
      return call.route === null ? -1 : routes.indexOf(call.route);
    });
    combinedCrossValidation = cvFigures(routes, Int32Array.from(refs, (r) => routes.indexOf(r.route)), predicted);
  }
  if (referenceRoutes.length < 2) {
    notes.push(`Classifiers need reference samples of at least 2 ${drug.drug} routes (found ${referenceRoutes.length}): routes rest on the marker rules alone.`);
  }

  stage('samples');
  const markers = evaluateMarkers(matrix, questioned, drug, input.library.evidence_scale, key);
  const g = referenceRoutes.length;
  const classIds = input.classIds ?? Int32Array.from({ length: n }, (_, i) => i + 1);
  const samples: SampleAttribution[] = Array.from(questioned, (row, q) => {
    if (q > 0 && q % SAMPLE_CHUNK === 0) stage('samples', q / questioned.length);
    const m = markers[q];
    let view: ClassifierView | null = null;
    let c: Float64Array | null = null;
    if (clf !== null) {
      c = reorder(clf.ensemble, q * g, referenceRoutes, routes);
      const nearest = clf.nearest[q];
      view = {
        lda: clf.lda === null ? null : rankRoutes(referenceRoutes, clf.lda.subarray(q * g, q * g + g)),
        knn: rankRoutes(referenceRoutes, clf.knn.subarray(q * g, q * g + g)),
        ensemble: rankRoutes(referenceRoutes, clf.ensemble.subarray(q * g, q * g + g)),
        nearestReference: nearest,
        atypical: calibration?.unlinkedMedian !== undefined && nearest > calibration.unlinkedMedian,
      };
    }
    const call = decideRoute(routes, c, m.probabilities === null ? null : m.scores, options);
    return { sampleId: matrix.sampleIds[row], classId: classIds[row], call, classifier: view, markers: m };
  });

  stage('classes');
  const classes = summariseClasses({
    matrix, values: detectedValues(matrix), prepared, drug, routes, classIds, isRef, questioned, samples, refs, calibration,
    precursorCompounds: input.precursorCompounds ?? [], key, floor: options.floor, topSources: options.topSources, sourceRule: options.sourceRule,
  });
  if (calibration === null) notes.push('No calibration in force: sources were not assessed.');
  else if (!refs.some((r) => r.source !== null)) notes.push('No reference sample names a source: sources were not assessed.');
  onProgress('classes', 1);
  return {
    drug: drug.drug,
    libraryVersion: input.library.version,
    routes,
    referenceRoutes,
    comparison,
    calibration,
    references: { used: refs.length, sources: new Set(refs.map((r) => r.source).filter((s) => s !== null)).size, missing },
    crossValidation,
    combinedCrossValidation,
    samples,
    classes,
    notes,
  };
}
