/**
 * The analysis engine's contract: requests (calibrate, cluster, PCA, attribute, classes from the threshold graph) carrying typed arrays, their
 * results, and the messages between the renderer and the engine worker, with zod schemas checked on both sides.
 * Typed-array buffers are transferred, not copied (`transferables`). The attribution's schemas are in
 * attribute-protocol.ts.
 */
import { z } from 'zod';
import { CUT_RULES } from '../profiling/cut-selection';
import { NON_DETECT_RULES } from '../profiling/non-detects';
import { PAIR_COMPARISONS } from '../profiling/pair-comparison';
import { MAX_RULE_COLUMNS, type PairPopulation } from '../profiling/pair-population';
import { LinkageName, PairRule, PretreatmentName, ScoreName } from './analysis-inputs';
import { AttributeInputFields, AttributionWireSchema } from './attribute-protocol';
import type { CalibrationComputation, CalibrationSettings } from './calibration-compute';
import type { CalibrationInUse, ClassRunComputation, ClassRunSettings, PreviousAssignment } from './class-run-compute';
import type { ClassFacts, ClassSummary } from './class-summary';
import type { GraphClassesComputation } from './class-run-graph-compute';
import type { PcaView } from './pca-view';
import { LrSystemComputationSchema } from './lr-system-protocol';
import { ColumnScalingSchema, f64, i32, u8 } from './protocol-values';

const num = z.number();
const int = z.number().int();
const groups = z.array(z.string().nullable());

export const MatrixPayload = z
  .object({ sampleIds: z.array(z.string()), compounds: z.array(z.string()), values: f64, detected: u8.nullable(), nonDetects: z.enum(NON_DETECT_RULES).optional(), limits: f64.optional() })
  .refine((m) => m.values.length === m.sampleIds.length * m.compounds.length, { message: 'values must hold samples × compounds numbers' })
  .refine((m) => m.detected === null || m.detected.length === m.values.length, { message: 'detected must match values' })
  .refine((m) => m.limits === undefined || m.limits.length === m.sampleIds.length, { message: 'limits must hold one number per sample' });
export type MatrixPayload = z.infer<typeof MatrixPayload>;

const CalibrationSettingsSchema: z.ZodType<CalibrationSettings> = z.object({
  acceptedFpr: z.number().gt(0).lt(1).optional(),
  pretreatments: z.array(PretreatmentName).min(1).optional(),
  scores: z.array(ScoreName).min(1).optional(),
  maxLinked: int.positive().optional(),
  maxUnlinked: int.positive().optional(),
  seed: int.optional(),
  logOffset: z.number().positive().optional(),
  rule: PairRule.optional(),
  pairComparison: z.enum(PAIR_COMPARISONS).optional(),
  lr: z.object({ method: z.enum(['pav', 'logistic']).optional(), folds: int.min(3).max(20).optional(), cvSeed: int.optional(), group: z.object({ maxQuestioned: int.positive().optional(), maxMembers: int.positive().optional(), hdPerSample: int.positive().optional(), seed: int.optional() }).optional() }).optional(),
});

const ClassRunSettingsSchema: z.ZodType<ClassRunSettings> = z.object({
  pretreatment: PretreatmentName.optional(),
  score: ScoreName.optional(),
  linkage: LinkageName.optional(),
  threshold: num.optional(),
  k: int.positive().optional(),
  acceptedFpr: z.number().gt(0).lt(1).optional(),
  logOffset: z.number().positive().optional(),
  seed: int.optional(),
  maxLinked: int.positive().optional(),
  maxUnlinked: int.positive().optional(),
  maxBytes: z.number().positive().optional(),
  minJaccard: z.number().min(0).max(1).optional(),
  rule: PairRule.optional(),
});

const CalibrationInUseSchema: z.ZodType<CalibrationInUse> = z.object({
  id: z.string(),
  pretreatment: PretreatmentName,
  score: ScoreName,
  threshold: num,
  acceptedFpr: num,
  tpr: num,
  auc: num,
  referenceDistance: num,
  scaling: ColumnScalingSchema.nullable(),
  useThreshold: z.boolean(),
});

const PreviousSchema: z.ZodType<PreviousAssignment> = z.object({ runId: z.string(), sampleIds: z.array(z.string()), classIds: i32, nextClassId: int.positive() });
/** A pair population on the wire: rule columns' values aligned with the matrix's samples (pair-population.ts). */
const PopulationSchema: z.ZodType<PairPopulation> = z.object({
  linked: z.array(groups).min(1).max(MAX_RULE_COLUMNS),
  unlinked: z.array(groups).min(1).max(MAX_RULE_COLUMNS),
  linkedGroupSize: z.object({ min: int.min(2), max: int.min(2).nullable() }).nullable().optional(),
  unlinkedSingletons: z.boolean().optional(),
});
const FactsSchema: z.ZodType<ClassFacts> = z.object({ seizureId: groups, caseId: groups, seizedOn: groups, region: groups });

const sameLength = (r: { matrix: { sampleIds: string[] }; population: PairPopulation }) => [...r.population.linked, ...r.population.unlinked].every((c) => c.length === r.matrix.sampleIds.length);
const oneValuePerSample = { message: 'every pair-rule column needs one value per sample', path: ['population'] };
export const CalibrateRequest = z.object({ kind: z.literal('calibrate'), matrix: MatrixPayload, population: PopulationSchema, settings: CalibrationSettingsSchema }).refine(sameLength, oneValuePerSample);
export const ClusterRequest = z.object({
  kind: z.literal('cluster'),
  matrix: MatrixPayload,
  facts: FactsSchema,
  population: PopulationSchema,
  settings: ClassRunSettingsSchema,
  calibration: CalibrationInUseSchema.nullable(),
  previous: PreviousSchema.nullable(),
}).refine(sameLength, oneValuePerSample);
export const PcaRequest = z.object({
  kind: z.literal('pca'),
  matrix: MatrixPayload,
  pretreatment: PretreatmentName.optional(),
  nComponents: int.positive().optional(),
  logOffset: z.number().positive().optional(),
  scaling: ColumnScalingSchema.optional(),
});
/** Route evidence, sources and precursor profiles of the matrix's samples (shared/attribution/attribute.ts). */
export const AttributeRequest = z
  .object({ kind: z.literal('attribute'), matrix: MatrixPayload, ...AttributeInputFields })
  .refine((r) => r.classIds == null || r.classIds.length === r.matrix.sampleIds.length, { message: 'one class id per sample', path: ['classIds'] });
/** Classes from the threshold graph, built whole or extended (class-run-graph-compute.ts). */
export const GraphClassesRequest = z
  .object({
    kind: z.literal('graph-classes'),
    matrix: MatrixPayload,
    facts: FactsSchema,
    pretreatment: PretreatmentName,
    score: ScoreName,
    linkage: LinkageName,
    threshold: num.nonnegative(),
    logOffset: z.number().positive(),
    scaling: ColumnScalingSchema.nullable(),
    referenceDistance: num,
    maxBytes: z.number().positive(),
    minJaccard: z.number().min(0).max(1),
    extend: z.object({ from: int.nonnegative(), labels: i32, component: i32, edges: int.nonnegative(), largestComponent: int.nonnegative() }).nullable(),
    previous: PreviousSchema.nullable(),
  })
  .refine((r) => r.extend === null || (r.extend.from <= r.matrix.sampleIds.length && r.extend.labels.length === r.extend.from && r.extend.component.length === r.extend.from), {
    message: 'the extended run needs one label and one component per earlier sample',
    path: ['extend'],
  })
  .refine((r) => r.facts.seizureId.length === r.matrix.sampleIds.length, { message: 'one fact per sample', path: ['facts'] });
export const EngineRequest = z.discriminatedUnion('kind', [CalibrateRequest, ClusterRequest, PcaRequest, AttributeRequest, GraphClassesRequest]);
export type CalibrateRequest = z.infer<typeof CalibrateRequest>;
export type ClusterRequest = z.infer<typeof ClusterRequest>;
export type PcaRequest = z.infer<typeof PcaRequest>;
export type AttributeRequest = z.infer<typeof AttributeRequest>;
export type GraphClassesRequest = z.infer<typeof GraphClassesRequest>;
export type EngineRequest = z.infer<typeof EngineRequest>;

const IntervalSchema = z.object({ low: num, high: num });
const Figures = z.object({
  pretreatment: PretreatmentName,
  score: ScoreName,
  auc: num,
  aucInterval: IntervalSchema.nullable(),
  gainInterval: IntervalSchema.nullable(),
  threshold: num,
  fprAtThreshold: num,
  tprAtThreshold: num,
  medianLinked: num,
  medianUnlinked: num,
  rank: int,
});
const Component = z.object({ mean: num, sd: num });
const ContaminationSchema = z.object({ share: num, sameSource: Component, differentSources: Component.extend({ df: num }), floor: num, converged: z.boolean() });

const CalibrationComputationSchema: z.ZodType<CalibrationComputation> = z.object({
  warnings: z.array(z.string()),
  samples: int,
  compounds: z.array(z.string()),
  acceptedFpr: num,
  logOffset: num,
  pairs: z.object({ linked: int, unlinked: int, linkedTotal: int, unlinkedTotal: int, maxLinked: int, maxUnlinked: int, seed: int }),
  combinations: z.array(
    Figures.extend({
      roc: z.object({ fpr: z.array(num), tpr: z.array(num), threshold: z.array(num) }),
      distributions: z.object({ edges: z.array(num), linked: z.array(int), unlinked: z.array(int), linkedQuantiles: z.array(num), unlinkedQuantiles: z.array(num) }),
    }),
  ),
  chosen: z.object({ pretreatment: PretreatmentName, score: ScoreName, reason: z.string(), kind: z.enum(['default', 'clearly-better', 'highest']) }),
  auc: num,
  threshold: z.object({ distance: num, fpr: num, rawFpr: num, tpr: num, score100: num, rule: z.enum(['corrected-fpr', 'linked-quantile']) }),
  contamination: ContaminationSchema.nullable(),
  referenceDistance: num,
  scaling: z.object({ centre: z.array(num).nullable(), scale: z.array(num).nullable(), constant: z.array(num).nullable() }).nullable(),
  lrSystem: LrSystemComputationSchema,
  distances: z.object({ linked: f64, unlinked: f64 }),
});

const ClassSummarySchema: z.ZodType<ClassSummary> = z.object({
  classId: int,
  size: int,
  members: z.array(z.string()),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  regions: z.array(z.object({ region: z.string(), samples: int })),
  cases: z.array(z.string()),
  seizures: int,
  meanSignature: z.array(num),
  cohesion: num,
  cohesion100: num,
  previousClassId: int.nullable(),
  jaccard: num,
});

const ClassRunComputationSchema: z.ZodType<ClassRunComputation> = z.object({
  sampleIds: z.array(z.string()),
  compounds: z.array(z.string()),
  classIds: i32,
  distanceToMean: f64,
  linkageMatrix: f64,
  choice: z.object({ pretreatment: PretreatmentName, score: ScoreName, linkage: LinkageName, threshold: num.nullable(), k: int.nullable(), acceptedFpr: num, rule: z.enum(CUT_RULES).nullable() }),
  source: z.object({ combination: z.enum(['auto', 'override', 'calibration', 'default']), linkage: z.enum(['auto', 'override', 'default']), cut: z.enum(['held-out', 'calibration', 'fresh-calibration', 'threshold', 'k']) }),
  calibrationId: z.string().nullable(),
  reasons: z.array(z.string()),
  combinations: z.array(Figures),
  linkages: z.array(z.object({ method: LinkageName, f1: num.nullable(), recall: num.nullable(), falseLinkRate: num.nullable() })),
  cutCandidates: z.array(z.object({ linkage: LinkageName, rule: z.enum(CUT_RULES), f1: num, recall: num, falseLinkRate: num, threshold: num })),
  folds: int.nullable(),
  contamination: ContaminationSchema.nullable(),
  pairsCalibration: z.object({ auc: num, threshold: num, fpr: num, tpr: num, linked: int, unlinked: int }).nullable(),
  referenceDistance: num,
  classCount: int,
  singletons: int,
  classes: z.array(ClassSummarySchema),
  retired: z.array(int),
  nextClassId: int,
});

const PcaViewSchema: z.ZodType<PcaView> = z.object({
  sampleIds: z.array(z.string()),
  compounds: z.array(z.string()),
  pretreatment: PretreatmentName,
  nComponents: int,
  scores: f64,
  loadings: f64,
  explainedVariance: f64,
  explainedVarianceRatio: f64,
});

const GraphClassesComputationSchema: z.ZodType<GraphClassesComputation> = z.object({
  classIds: i32,
  distanceToMean: f64,
  classes: z.array(ClassSummarySchema),
  retired: z.array(int),
  retiredInto: z.array(z.array(int)),
  nextClassId: int,
  classCount: int,
  singletons: int,
  component: i32,
  edges: int,
  components: int,
  largestComponent: int,
  touched: int,
});

export const EngineResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calibrate'), calibration: CalibrationComputationSchema }),
  z.object({ kind: z.literal('cluster'), run: ClassRunComputationSchema }),
  z.object({ kind: z.literal('pca'), pca: PcaViewSchema }),
  z.object({ kind: z.literal('attribute'), attribution: AttributionWireSchema }),
  z.object({ kind: z.literal('graph-classes'), graph: GraphClassesComputationSchema }),
]);
export type EngineResult = z.infer<typeof EngineResult>;
/** The result type answering a request type. */
export type EngineResultOf<R extends EngineRequest> = Extract<EngineResult, { kind: R['kind'] }>;

/** A progress report: stage names come from the computation (pairs, combinations, distances, linkage …). */
export const EngineProgress = z.object({ stage: z.string(), fraction: z.number().min(0).max(1) });
export type EngineProgress = z.infer<typeof EngineProgress>;

export const EngineErrorPayload = z.object({ name: z.string(), message: z.string(), reason: z.string().optional() });

/** Renderer → worker. */
export const ToEngine = z.object({ type: z.literal('run'), id: int, request: EngineRequest });
export type ToEngine = z.infer<typeof ToEngine>;

/** Worker → renderer. */
export const FromEngine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id: int, progress: EngineProgress }),
  z.object({ type: z.literal('result'), id: int, result: EngineResult }),
  z.object({ type: z.literal('error'), id: int, error: EngineErrorPayload }),
]);
export type FromEngine = z.infer<typeof FromEngine>;

/** The buffers of every typed array in a message, deduplicated, for postMessage's transfer list. */
export function transferables(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
      return;
    }
    if (Array.isArray(v)) return; // arrays hold strings, numbers and plain records here, never typed arrays
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(value, 0);
  return [...out];
}
