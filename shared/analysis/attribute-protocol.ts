/**
 * The engine's `attribute` request (shared/attribution/attribute.ts run in the engine worker): zod schemas of its
 * input beside the signature matrix, and of its result, which travels with its samples packed into typed arrays
 * (packed-samples.ts). Each schema is typed against the attribution's own interfaces (z.ZodType<…>), so that a
 * required field added there and forgotten here fails to compile instead of being stripped on the way through the
 * worker (the tests send every option, and a real result, for the optional ones). The library and the dictionary
 * reuse their document schemas.
 */
import { z } from 'zod';
import { PAIR_COMPARISONS } from '../profiling/pair-comparison';
import type { AttributionOptions } from '../attribution/attribute';
import type { CvFigures, FoldPlan } from '../attribution/cross-validation';
import type { LdaOptions } from '../attribution/lda';
import type { PrecursorProfile } from '../attribution/precursor-profile';
import type { ClassifierFigures } from '../attribution/route-classifiers';
import type { OpenSetValidation, RuleFigures } from '../attribution/open-set-validation';
import { ROUTE_CALL_REASONS, type RankedRoute, type RouteCall } from '../attribution/route-decision';
import { SignatureLibrary } from '../attribution/signature-library';
import type { SourceAttribution } from '../attribution/source-attribution';
import type { AttributionResult, CalibrationInForce, ClassAttribution, Comparison, ReferenceInput } from '../attribution/types';
import { CompoundDictionary } from '../domain/compound-dictionary';
import type { StatedLr } from '../lr/verbal-scale';
import { PretreatmentName, ScoreName } from './analysis-inputs';
import { packSamples, PackedSamplesSchema, unpackSamples, type PackedSamples } from './packed-samples';
import { LrModelSchema } from './lr-system-protocol';
import { ColumnScalingSchema, f64, i32, real } from './protocol-values';

const int = z.number().int();
const strings = z.array(z.string());

export const ComparisonSchema: z.ZodType<Comparison> = z.object({
  pretreatment: PretreatmentName,
  score: ScoreName,
  logOffset: z.number().positive().optional(),
  scaling: ColumnScalingSchema.optional(),
});

export const CalibrationInForceSchema: z.ZodType<CalibrationInForce> = z.object({
  threshold: real,
  lr: z
    .object({
      model: LrModelSchema,
      propositions: z.object({ level: z.enum(['seizure', 'case', 'source', 'custom']), short: z.object({ hp: z.string(), hd: z.string() }) }),
      maxMembers: int.positive(),
      pairComparison: z.enum(PAIR_COMPARISONS).optional(),
    })
    .nullable(),
  label: z.string(),
  unlinkedMedian: real.optional(),
});

const ReferenceSchema: z.ZodType<ReferenceInput> = z.object({ sampleId: z.string(), route: z.string(), source: z.string().nullable() });
const ReferencesSchema: z.ZodType<readonly ReferenceInput[]> = z.array(ReferenceSchema);
const NamesSchema: z.ZodType<readonly string[]> = strings;

const FoldPlanSchema: z.ZodType<FoldPlan> = z.object({ folds: i32, k: int.positive(), grouped: z.boolean(), seed: int });

const LdaOptionsSchema: z.ZodType<LdaOptions> = z.object({
  shrinkage: z.union([z.number().min(0).max(1), z.literal('auto'), z.literal('pooled-ledoit-wolf')]).optional(),
  priors: z.union([z.literal('uniform'), z.literal('empirical'), z.array(z.number().nonnegative())]).optional(),
});

export const AttributionOptionsSchema: z.ZodType<AttributionOptions> = z.object({
  k: int.positive().optional(),
  lda: LdaOptionsSchema.optional(),
  folds: int.positive().optional(),
  seed: int.optional(),
  foldPlan: FoldPlanSchema.optional(),
  floor: z.number().gt(0).lte(1).optional(),
  disagreementLog10: z.number().optional(),
  alpha: z.number().gt(0).lt(1).optional(),
  gateFloor: z.number().min(0).lt(1).optional(),
  gateBySource: z.boolean().optional(),
  topSources: int.positive().optional(),
  sourceRule: z.enum(['threshold', 'threshold-and-lr']).optional(),
});

/** The `attribute` request's fields beside `kind` and `matrix` (AttributionInput of attribute.ts). */
export const AttributeInputFields = {
  library: SignatureLibrary,
  drug: z.string(),
  references: ReferencesSchema,
  comparison: ComparisonSchema,
  calibration: CalibrationInForceSchema.nullable(),
  classIds: i32.nullable().optional(),
  precursorCompounds: NamesSchema.optional(),
  dictionary: CompoundDictionary.optional(),
  options: AttributionOptionsSchema.optional(),
};

const RankedSchema: z.ZodType<RankedRoute> = z.object({ route: z.string(), probability: real });
const RouteCallSchema: z.ZodType<RouteCall> = z.object({
  route: z.string().nullable(),
  probability: real.nullable(),
  reason: z.enum(ROUTE_CALL_REASONS),
  basis: z.enum(['references', 'markers']).nullable(),
  ranked: z.array(RankedSchema),
  conflict: z.string().nullable(),
});

const CvFiguresSchema: z.ZodType<CvFigures> = z.object({ classes: strings, n: int, accuracy: real, confusion: i32, undetermined: i32, recall: f64 });
const ClassifierFiguresSchema: z.ZodType<ClassifierFigures> = z.object({
  plan: FoldPlanSchema,
  lda: CvFiguresSchema.nullable(),
  knn: CvFiguresSchema,
  ensemble: CvFiguresSchema,
  outOfFold: f64,
});

const RuleFiguresSchema: z.ZodType<RuleFigures> = z.object({ n: int, fitsOwn: real, called: real, rightWhenCalled: real, right: real, confusion: CvFiguresSchema });
const OpenSetSchema: z.ZodType<OpenSetValidation> = z.object({
  alpha: real,
  cut: real,
  heldOut: int,
  grouped: z.boolean(),
  resubstitution: RuleFiguresSchema,
  crossValidated: RuleFiguresSchema,
  nested: RuleFiguresSchema,
  gate: z.object({
    floor: real,
    confidence: real,
    routes: z.array(z.object({ route: z.string(), called: int, right: int, lower: real, gated: z.boolean(), confusedWith: z.array(z.object({ route: z.string(), count: int })), unit: z.literal('source').optional(), siblings: z.array(z.string()).optional() })),
  }),
  gatedNested: RuleFiguresSchema.nullable(),
  leaveOneRouteOut: z.array(z.object({ route: z.string(), n: int, calledAsReferenced: real, fitsNone: real, calledRight: real })),
});

const StatedLrSchema: z.ZodType<StatedLr> = z.object({
  lr: real,
  log10Lr: real,
  atBound: z.boolean(),
  verbal: z.object({ supports: z.enum(['linked', 'unlinked', 'neither']), level: int, qualifier: z.string(), text: z.string() }),
});

const SourceSchema: z.ZodType<SourceAttribution> = z.object({
  source: z.string().nullable(),
  candidates: z.array(
    z.object({
      source: z.string(),
      references: int,
      routes: strings,
      medianDistance: real,
      nearestDistance: real,
      withinThreshold: z.boolean(),
      passes: z.boolean(),
      lr: StatedLrSchema.nullable(),
      opposing: int,
    }),
  ),
});

const PrecursorProfileSchema: z.ZodType<PrecursorProfile> = z.object({
  members: int,
  compounds: z.array(z.object({ compound: z.string(), proportion: real, detectedIn: int })),
  precursorFraction: real,
  routes: z.array(z.object({ route: z.string(), similarity: real.nullable(), notMeasured: strings, origin: z.enum(['library', 'references']) })),
});

const ClassSchema: z.ZodType<ClassAttribution> = z.object({
  classId: int,
  sampleIds: strings,
  references: z.array(ReferenceSchema),
  call: RouteCallSchema,
  memberCalls: z.record(z.string(), int),
  source: SourceSchema.nullable(),
  precursors: PrecursorProfileSchema,
});

/** An attribution as it travels from the engine: AttributionResult with its samples packed. */
export type AttributionWire = Omit<AttributionResult, 'samples'> & { readonly samples: PackedSamples };

export const AttributionWireSchema: z.ZodType<AttributionWire> = z.object({
  drug: z.string(),
  libraryVersion: z.string(),
  routes: strings,
  referenceRoutes: strings,
  unreferencedRoutes: strings,
  comparison: ComparisonSchema,
  calibration: CalibrationInForceSchema.nullable(),
  references: z.object({ used: int, sources: int, missing: strings }),
  crossValidation: ClassifierFiguresSchema.nullable(),
  openSet: OpenSetSchema.nullable(),
  samples: PackedSamplesSchema,
  classes: z.array(ClassSchema),
  notes: strings,
});

/** The attribution as it travels (the engine's side). O(samples·(routes + rules)). */
export function packAttribution(result: AttributionResult): AttributionWire {
  return { ...result, samples: packSamples(result.samples) };
}

/** The attribution from a checked wire form (the caller's side). O(samples·(routes + rules)). */
export function unpackAttribution(wire: AttributionWire): AttributionResult {
  return { ...wire, samples: unpackSamples(wire.samples) };
}
