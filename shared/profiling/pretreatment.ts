/**
 * Pretreatment of signatures before comparison (harmonised amphetamine profiling, Andersson et al. 2007,
 * Forensic Sci Int 169; N+S from Lociciro et al. 2008, Forensic Sci Int 177).
 *
 * Edge cases, by design never producing NaN:
 * - not-detected entries enter at the matrix's substitute (non-detects.ts: half the batch's detection limit by
 *   default, 0 under the rule of older records), before N and any root or log; negative areas (a baseline-corrected
 *   "nothing") count as 0 before N;
 * - a sample whose target areas sum to 0 (nothing detected) stays an all-zero row after N, sqrt and
 *   fourth root, and becomes log10(offset) in every column after log;
 * - a compound with zero variance over the data set (sd ≤ 1e-12 × |mean|, i.e. constant up to rounding)
 *   is left unscaled by N+S (divisor 1, as sklearn's StandardScaler does) and set to 0 by autoscale.
 */
import { effectiveValues, type SignatureMatrix } from './signature-matrix';

/** Pretreatment names as the analysts say them. */
export type Pretreatment = 'none' | 'n' | 'sqrt' | 'fourth-root' | 'log' | 'n+s' | 'autoscale';

/** Every pretreatment, literature default first (fourth root: Andersson et al. 2007), then the other N-based ones. */
export const PRETREATMENTS: readonly Pretreatment[] = ['fourth-root', 'sqrt', 'log', 'n', 'n+s', 'autoscale', 'none'];

/**
 * Default log offset: 1e-4 of the total target area (0.01 %), about the relative detection limit of a minor
 * impurity, so "not detected" sits one decade under the smallest fractions usually reported instead of at −∞,
 * and a nd-vs-trace difference (≤ 0.3 log units) weighs far less than a nd-vs-major one (3 log units).
 */
export const DEFAULT_LOG_OFFSET = 1e-4;

/** Column centre and scale fitted on a data set, stored with a calibration so new samples are treated alike. */
export interface ColumnScaling {
  /** Subtracted per compound (autoscale only), else null. */
  readonly centre: Float64Array | null;
  /** Divisor per compound (N+S and autoscale), else null; 1 marks a zero-variance compound under N+S. */
  readonly scale: Float64Array | null;
  /** 1 where the compound had zero variance. */
  readonly constant: Uint8Array | null;
}

export interface PretreatmentOptions {
  /** Offset added before log10 (unit: fraction of the sample's total target area); default 1e-4. */
  readonly logOffset?: number;
  /** Reuse a stored column scaling (N+S, autoscale) instead of fitting one on this matrix. */
  readonly scaling?: ColumnScaling;
}

/** Normalises each row to the sum of its target areas, in place; negatives count as 0; all-zero rows stay 0. O(np). */
function normaliseRows(x: Float64Array, n: number, p: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * p;
    let s = 0;
    for (let c = 0; c < p; c++) {
      const v = x[o + c];
      if (v > 0) s += v;
      else x[o + c] = 0;
    }
    if (s > 0) for (let c = 0; c < p; c++) x[o + c] /= s;
  }
}

/** Per-compound mean and sd (ddof = 1) with the zero-variance rule of this module. O(np). */
function columnMoments(x: Float64Array, n: number, p: number): { mean: Float64Array; sd: Float64Array; constant: Uint8Array } {
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  const constant = new Uint8Array(p);
  for (let i = 0; i < n; i++) for (let c = 0; c < p; c++) mean[c] += x[i * p + c];
  for (let c = 0; c < p; c++) mean[c] /= n;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < p; c++) {
      const d = x[i * p + c] - mean[c];
      sd[c] += d * d;
    }
  }
  for (let c = 0; c < p; c++) {
    sd[c] = n > 1 ? Math.sqrt(sd[c] / (n - 1)) : 0;
    if (!(sd[c] > 1e-12 * Math.abs(mean[c]))) constant[c] = 1;
  }
  return { mean, sd, constant };
}

/** Fits the column scaling that `method` needs on raw areas (n×p, not-detected already 0); nulls otherwise. O(np). */
export function fitColumnScaling(raw: Float64Array, n: number, p: number, method: Pretreatment): ColumnScaling {
  if (method === 'n+s') {
    const x = Float64Array.from(raw);
    normaliseRows(x, n, p);
    const { sd, constant } = columnMoments(x, n, p);
    for (let c = 0; c < p; c++) if (constant[c] === 1) sd[c] = 1;
    return { centre: null, scale: sd, constant };
  }
  if (method === 'autoscale') {
    const { mean, sd, constant } = columnMoments(raw, n, p);
    for (let c = 0; c < p; c++) if (constant[c] === 1) sd[c] = 1;
    return { centre: mean, scale: sd, constant };
  }
  return { centre: null, scale: null, constant: null };
}

/**
 * Pretreats raw areas (row-major n×p; `detected` zeroes nd entries) into a new Float64Array.
 * Defaults: fourth root (Andersson et al. 2007), log offset 1e-4. O(np) time, one n×p allocation.
 */
export function pretreatValues(
  raw: Float64Array,
  n: number,
  p: number,
  method: Pretreatment = 'fourth-root',
  options: PretreatmentOptions = {},
  detected?: Uint8Array,
): Float64Array {
  const x = Float64Array.from(raw);
  if (detected !== undefined) for (let k = 0; k < x.length; k++) if (detected[k] === 0) x[k] = 0;
  const len = n * p;
  switch (method) {
    case 'none':
      return x;
    case 'n':
      normaliseRows(x, n, p);
      return x;
    case 'sqrt':
      normaliseRows(x, n, p);
      for (let k = 0; k < len; k++) x[k] = Math.sqrt(x[k]);
      return x;
    case 'fourth-root':
      normaliseRows(x, n, p);
      for (let k = 0; k < len; k++) x[k] = Math.sqrt(Math.sqrt(x[k]));
      return x;
    case 'log': {
      const offset = options.logOffset ?? DEFAULT_LOG_OFFSET;
      if (!(offset > 0)) throw new RangeError(`log offset must be > 0, got ${offset}`);
      normaliseRows(x, n, p);
      for (let k = 0; k < len; k++) x[k] = Math.log10(x[k] + offset);
      return x;
    }
    case 'n+s': {
      const scaling = options.scaling ?? fitColumnScaling(x, n, p, 'n+s');
      const scale = scaling.scale;
      if (scale === null || scale.length !== p) throw new RangeError('N+S needs one scale per compound');
      normaliseRows(x, n, p);
      for (let i = 0; i < n; i++) for (let c = 0; c < p; c++) x[i * p + c] /= scale[c];
      return x;
    }
    case 'autoscale': {
      const scaling = options.scaling ?? fitColumnScaling(x, n, p, 'autoscale');
      const { centre, scale, constant } = scaling;
      if (centre === null || scale === null || centre.length !== p || scale.length !== p) {
        throw new RangeError('autoscale needs one centre and one scale per compound');
      }
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < p; c++) {
          const k = i * p + c;
          x[k] = constant !== null && constant[c] === 1 ? 0 : (x[k] - centre[c]) / scale[c];
        }
      }
      return x;
    }
    default: {
      const never: never = method;
      throw new RangeError(`unknown pretreatment ${String(never)}`);
    }
  }
}

/**
 * Pretreats a signature matrix (default fourth root, Andersson et al. 2007); the result has no `detected`
 * mask because nd has become 0 (or log10(offset)). O(np).
 */
export function pretreat(
  m: SignatureMatrix,
  method: Pretreatment = 'fourth-root',
  options: PretreatmentOptions = {},
): SignatureMatrix {
  const n = m.sampleIds.length;
  const p = m.compounds.length;
  const values = pretreatValues(effectiveValues(m), n, p, method, options);
  return { sampleIds: m.sampleIds, compounds: m.compounds, values };
}
