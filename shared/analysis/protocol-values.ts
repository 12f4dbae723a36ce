/**
 * The zod schemas of the values that cross the engine worker boundary beside plain JSON: typed arrays (checked by
 * class, never element by element) and computed numbers. Shared by engine-protocol.ts and attribute-protocol.ts.
 */
import { z } from 'zod';

// z.custom keeps the default ArrayBufferLike typing (z.instanceof narrows to ArrayBuffer-backed arrays).
export const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { message: 'expected a Float64Array' });
export const i32 = z.custom<Int32Array>((v) => v instanceof Int32Array, { message: 'expected an Int32Array' });
export const u8 = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected a Uint8Array' });

/**
 * Any JavaScript number, NaN and ±Infinity included (z.number() refuses them): a computed figure can be undefined
 * (the recall of a route without references, the Pearson distance of an all-zero signature) or unbounded (an LR
 * model without a cap).
 */
export const real = z.custom<number>((v) => typeof v === 'number', { message: 'expected a number' });

/** Column scaling of the N+S and autoscale pretreatments (shared/profiling/pretreatment.ts ColumnScaling). */
export const ColumnScalingSchema = z.object({ centre: f64.nullable(), scale: f64.nullable(), constant: u8.nullable() });
