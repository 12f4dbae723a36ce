/**
 * Class runs from the threshold graph (docs/LINKING.md, "Classes that scale"), saved as class runs: the classes of
 * shared/linking/sparse-classes.ts over the workspace's signatures (no n × n matrix), with the calibration's
 * pretreatment, score and threshold (or the analyst's), ids carried over from the previous run, summaries as a full
 * run has them, and the method stated in the record (class-run-record.ts, `method`).
 *
 * Incremental: when the latest run is a threshold-graph run with the same method and compounds, its profiles are
 * unchanged (every results batch it read is still live, same SHA-256) and only samples were added, the new run
 * extends it (extendClasses: only the components the new samples touch are clustered again; every other class keeps
 * its members, hence its id). Otherwise the graph is built from every sample. A pretreatment fitted on the whole
 * data set (N+S, autoscale) without a calibration's fixed scaling changes every profile when samples are added: the
 * graph is then always built whole.
 */
import type { Database } from '../db/Database';
import { SPARSE_LINKAGES } from '../linking/sparse-classes';
import type { LinkageMethod } from '../profiling/linkage';
import { DEFAULT_NON_DETECT_RULE } from '../profiling/non-detects';
import { DEFAULT_ACCEPTED_FPR } from '../profiling/roc';
import { selectSamples } from '../profiling/signature-matrix';
import type { Workspace } from '../workspace/Workspace';
import { DEFAULT_PAIR_RULE, inputBatches, recordedNonDetects, selectionRecord } from './analysis-inputs';
import { AnalysisRefusal } from './analysis-refusal';
import { readCalibration, calibrationInForce, type RecordAuthor } from './calibration-store';
import { resolveCalibration } from './class-run';
import { CLASS_RUN_DEFAULTS, type ClassRunComputation, type ClassRunSettings } from './class-run-compute';
import { classRunMethodText } from './class-run-method';
import { classIdReason } from './class-run-reasons';
import { FITTED_ON_DATA } from './class-run-offer';
import type { ClassRunMethod, ClassRunRecord } from './class-run-record';
import { latestClassRun, readClassRunData, saveClassRun } from './class-run-store';
import type { ClassFacts } from './class-summary';
import { inProcessEngine, matrixPayload, type Engine, type EngineRunOptions } from './engine';
import { loadSignatures, missingNote, requireMeasurements, selectionRoles, type SignatureSelection } from './signature-query';

export interface GraphRunOptions extends EngineRunOptions {
  selection?: SignatureSelection;
  /** pretreatment, score, threshold (else the calibration's), linkage (default single), logOffset, minJaccard, maxBytes. */
  settings?: ClassRunSettings;
  /** 'in-force' (default), 'none' or a calibration id. */
  calibration?: string;
  /** Where it computes: the app's engine worker, or in process (default; the Node host's nodeEngine runs the link search on worker threads). */
  engine?: Engine;
  author: RecordAuthor;
}

/** Builds or extends classes from the threshold graph and saves them as the next class run. O(n² p) time (n·new p when extending), O(edges + largest component²) memory. */
export async function runGraphClasses(ws: Workspace, db: Database, options: GraphRunOptions): Promise<{ record: ClassRunRecord; run: ClassRunComputation; facts: ClassFacts }> {
  const settings = options.settings ?? {};
  const which = options.calibration ?? 'in-force';
  if (settings.k !== undefined) throw new AnalysisRefusal('bad-setting', 'classes from the threshold graph are cut at a threshold, not into k classes: give --threshold or use the calibration\u2019s');
  const linkage: LinkageMethod = settings.linkage ?? 'single';
  if (!SPARSE_LINKAGES.includes(linkage)) throw new AnalysisRefusal('bad-setting', `${linkage} linkage cannot be computed from the threshold graph (only ${SPARSE_LINKAGES.join(', ')}): use the full clustering`);
  const asked = which === 'none' ? null : which === 'in-force' ? await calibrationInForce(ws) : await readCalibration(ws, which);
  const selection: SignatureSelection = { ...options.selection, nonDetects: options.selection?.nonDetects ?? (asked === null ? DEFAULT_NON_DETECT_RULE : recordedNonDetects(asked.inputs.signature)) };
  const loaded = requireMeasurements(await loadSignatures(db, selection), selection);
  const compounds = [...loaded.matrix.compounds];
  const { calibration, note } = await resolveCalibration(ws, which, compounds, settings, selection.nonDetects);
  const pretreatment = settings.pretreatment ?? calibration?.pretreatment;
  const score = settings.score ?? calibration?.score;
  const threshold = settings.threshold ?? calibration?.threshold;
  if (pretreatment === undefined || score === undefined || threshold === undefined) {
    throw new AnalysisRefusal('bad-setting', `classes from the threshold graph need a pretreatment, a score and a threshold: from a usable calibration${note ? ` (${note})` : ''} or given (--pretreat, --score, --threshold)`);
  }
  const logOffset = settings.logOffset ?? CLASS_RUN_DEFAULTS.logOffset;

  // Extend the latest run when it is a threshold-graph run of the same method over unchanged profiles (module doc).
  const last = await latestClassRun(ws);
  const lastData = last ? await readClassRunData(ws, last) : null;
  const live = new Map(inputBatches(ws).map((b) => [b.id, b.data_sha256]));
  const position = new Map(loaded.matrix.sampleIds.map((id, i) => [id, i]));
  const s = last?.settings;
  const lastGraph = last?.method.kind === 'threshold-graph' ? last.method : null;
  const extendable =
    last !== null &&
    lastData?.component != null &&
    lastGraph !== null &&
    s!.pretreatment === pretreatment &&
    s!.score === score &&
    s!.linkage === linkage &&
    s!.threshold === threshold &&
    s!.log_offset === logOffset &&
    s!.calibration_id === (calibration?.id ?? null) &&
    (calibration !== null || !FITTED_ON_DATA.has(pretreatment)) &&
    s!.signature.compounds.length === compounds.length &&
    s!.signature.compounds.every((c, k) => c === compounds[k]) &&
    last.inputs.batches.every((b) => b.kind !== 'results' || live.get(b.id) === b.data_sha256) &&
    lastData.sampleIds.every((id) => position.has(id));
  // Rows: the previous run's samples first, in its order (extendClasses adds rows after them), then the others.
  const known = new Set(extendable ? lastData!.sampleIds : []);
  const order = extendable ? [...lastData!.sampleIds.map((id) => position.get(id)!), ...loaded.matrix.sampleIds.flatMap((id, i) => (known.has(id) ? [] : [i]))] : loaded.matrix.sampleIds.map((_, i) => i);
  const matrix = selectSamples(loaded.matrix, order);
  const sampleIds = [...matrix.sampleIds];
  const f = loaded.facts;
  const facts: ClassFacts = { seizureId: order.map((i) => f.seizureId[i]), caseId: order.map((i) => f.caseId[i]), seizedOn: order.map((i) => f.seizedOn[i]), region: order.map((i) => f.region[i]) };
  // Copies: the engine worker takes the arrays it is sent (transferred), and lastData is the decoded run every reader
  // of this store shares (class-run-store.ts).
  const lastIds = lastData ? lastData.classIds.slice() : null;
  const previous = lastData && last ? { runId: last.id, sampleIds: lastData.sampleIds, classIds: lastIds!, nextClassId: last.next_class_id } : null;
  const added = extendable ? matrix.sampleIds.length - known.size : 0;
  const minJaccard = settings.minJaccard ?? CLASS_RUN_DEFAULTS.minJaccard;
  const referenceDistance = score === 'canberra' ? compounds.length : (calibration?.referenceDistance ?? 1);
  // Computed by the engine (the app's worker, or in process with the host's link runner); the arrays sent are
  // transferred, so nothing below reads the matrix's buffers again.
  const { graph } = await (options.engine ?? inProcessEngine).run(
    {
      kind: 'graph-classes',
      matrix: matrixPayload(matrix),
      facts,
      pretreatment,
      score,
      linkage,
      threshold,
      logOffset,
      scaling: calibration?.scaling ?? null,
      referenceDistance,
      maxBytes: settings.maxBytes ?? CLASS_RUN_DEFAULTS.maxBytes,
      minJaccard,
      extend: extendable ? { from: known.size, labels: lastIds!, component: lastData!.component!.slice(), edges: lastGraph!.edges, largestComponent: lastGraph!.largest_component } : null,
      previous,
    },
    { onProgress: options.onProgress, signal: options.signal },
  );
  const method: ClassRunMethod = {
    kind: 'threshold-graph',
    edges: graph.edges,
    components: graph.components,
    largest_component: graph.largestComponent,
    extended_from: extendable ? last!.id : null,
    added_samples: added,
    touched_components: graph.touched,
  };
  const run: ClassRunComputation = {
    sampleIds: [...sampleIds],
    compounds,
    classIds: graph.classIds,
    distanceToMean: graph.distanceToMean,
    linkageMatrix: new Float64Array(0),
    choice: { pretreatment, score, linkage, threshold, k: null, acceptedFpr: calibration?.acceptedFpr ?? settings.acceptedFpr ?? DEFAULT_ACCEPTED_FPR, rule: null },
    source: {
      combination: settings.pretreatment !== undefined && settings.score !== undefined ? 'override' : 'calibration',
      linkage: settings.linkage !== undefined ? 'override' : 'default',
      cut: settings.threshold !== undefined ? 'threshold' : 'calibration',
    },
    calibrationId: calibration?.id ?? null,
    reasons: [],
    combinations: [],
    linkages: [],
    cutCandidates: [],
    folds: null,
    contamination: null,
    pairsCalibration: null,
    referenceDistance,
    classCount: graph.classCount,
    singletons: graph.singletons,
    classes: graph.classes,
    retired: graph.retired,
    nextClassId: graph.nextClassId,
  };
  const methodText = classRunMethodText({ method, settings: { linkage, threshold, k: null } as ClassRunRecord['settings'] });
  const missing = await missingNote(db, compounds);
  run.reasons = [
    ...(note ? [note] : []),
    ...(missing ? [missing] : []),
    `Method: ${methodText}.`,
    `Pretreatment, score${settings.threshold === undefined ? ' and threshold' : ''} from ${calibration ? `calibration ${calibration.id}` : 'the settings given'}; no pairs were drawn, no cut chosen on held-out pairs.`,
    ...(last ? [classIdReason(last.id, minJaccard, graph.retired, graph.retiredInto)] : []),
  ];
  const record = await saveClassRun(
    ws,
    run,
    {
      signature: selectionRecord({ ...selection, roles: selectionRoles(selection) ?? undefined }, compounds),
      pairsRule: DEFAULT_PAIR_RULE,
      batches: inputBatches(ws),
      requested: { ...settings, calibration: which },
      previousRun: last?.id ?? null,
      reasons: run.reasons,
      logOffset,
      seed: settings.seed ?? CLASS_RUN_DEFAULTS.seed,
      minJaccard,
      method,
      component: graph.component,
    },
    options.author,
  );
  return { record, run, facts };
}

/**
 * The options that extend `record` (a threshold-graph run) as it was made: its signature selection, what its analyst
 * asked for, and its calibration by id (a calibration put in force since would make another graph, built whole).
 */
export function extensionOptions(record: Pick<ClassRunRecord, 'settings'>): Pick<GraphRunOptions, 'selection' | 'settings' | 'calibration'> {
  const s = record.settings;
  const sig = s.signature;
  const r = s.requested;
  return {
    selection: {
      roles: sig.roles ?? undefined,
      ...(sig.target_list ? { compounds: sig.compounds, targetList: sig.target_list } : {}),
      excludeCompounds: sig.excluded_compounds,
      sampleFilter: sig.sample_filter ?? undefined,
      nonDetects: recordedNonDetects(sig),
    },
    settings: {
      pretreatment: r.pretreatment ?? undefined,
      score: r.score ?? undefined,
      linkage: r.linkage ?? undefined,
      threshold: r.threshold ?? undefined,
      acceptedFpr: r.accepted_fpr ?? undefined,
      logOffset: s.log_offset,
      minJaccard: s.min_jaccard,
    },
    calibration: s.calibration_id ?? 'none',
  };
}
