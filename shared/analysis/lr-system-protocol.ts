/**
 * The zod schema of a computed LR system as it crosses the engine worker boundary (engine-protocol.ts), typed
 * against LrSystemComputation so that a field added there and forgotten here fails to compile.
 */
import { z } from 'zod';
import type { GroupComparisons } from '../lr/group-comparisons';
import type { ScoreLrModel } from '../lr/score-lr';
import type { LrPerformance } from '../lr/validation';
import type { LrSystemComputation, ValidatedPart } from './lr-system-compute';
import { PAIR_COMPARISONS } from '../profiling/pair-comparison';
import { f64, i32, real, u8 } from './protocol-values';

const int = z.number().int();
const u16 = z.custom<Uint16Array>((v) => v instanceof Uint16Array, { message: 'expected a Uint16Array' });
const pair = z.tuple([real, real]);

export const LrModelSchema: z.ZodType<ScoreLrModel> = z.object({
  method: z.enum(['pav', 'logistic']),
  offset: real,
  logistic: z.object({ intercept: real, slope: real }).nullable(),
  pav: z.object({ x: z.array(real), y: z.array(real) }).nullable(),
  bounds: z.object({ lower: real, upper: real }),
});

const PerformanceSchema: z.ZodType<LrPerformance> = z.object({
  validated: z.object({ hp: int, hd: int }),
  cllr: real,
  cllrMin: real,
  cllrCal: real,
  eer: real,
  misleading: z.object({ hdAbove1: real, hpBelow1: real, hdAbove100: real, hpBelow100: real }),
  range: z.object({ hp: pair, hd: pair }),
  tippett: z.object({ hp: z.array(real), hd: z.array(real) }),
  ece: z.object({ system: z.array(real), pav: z.array(real), reference: z.array(real) }),
});

const PartSchema: z.ZodType<ValidatedPart> = z.object({ model: LrModelSchema, label: u8, heldOut: f64, foldA: u8, foldB: u8, fits: int, performance: PerformanceSchema.nullable() });
const ComparisonsSchema: z.ZodType<GroupComparisons> = z.object({ distance: f64, label: u8, groupA: i32, groupB: i32, size: u16 });

export const LrSystemComputationSchema: z.ZodType<LrSystemComputation> = z.object({
  comparison: z.enum(PAIR_COMPARISONS),
  pairDistance: f64,
  method: z.enum(['pav', 'logistic']),
  folds: int,
  cvSeed: int,
  cvGroups: int,
  pairs: PartSchema,
  group: z.object({ model: LrModelSchema, label: u8, heldOut: f64, foldA: u8, foldB: u8, fits: int, performance: PerformanceSchema.nullable(), comparisons: ComparisonsSchema, maxMembers: int }).nullable(),
  notes: z.array(z.string()),
});
