/**
 * The chemical signature matrix: one row per sample, one column per target compound.
 * Peak areas (or area ratios to an internal standard) are stored row-major in a Float64Array so
 * that every kernel can walk a sample's signature contiguously.
 */

import { LEGACY_NON_DETECT_RULE, substituteNonDetects, type NonDetectRule } from './non-detects';

/** n samples × p compounds of peak areas; `detected[k] = 0` marks "not detected" (nd, <LOD, blank). */
export interface SignatureMatrix {
  /** Lab sample ids, length n. */
  readonly sampleIds: string[];
  /** Target compound names, length p. */
  readonly compounds: string[];
  /** Row-major n×p peak areas; entry (i, c) at `i * p + c`. Not-detected counts as 0 area in the maths. */
  readonly values: Float64Array;
  /** Optional n×p mask, 1 = detected, 0 = not detected. */
  readonly detected?: Uint8Array;
  /**
   * What a not-detected entry is in the maths (non-detects.ts): 'half-lod' = the substitute stored in `values`;
   * 'zero' or absent = 0 area (the stored value is ignored).
   */
  readonly nonDetects?: NonDetectRule;
  /**
   * Optional per-sample detection limit, as a peak area (length n): the smallest area detected in the sample's
   * results batch, any compound (the smallest of its batches'). A non-detect of sample i says that the compound's
   * share lies below limits[i] / Tᵢ; the censored pair comparison reads it (censored-distance.ts).
   */
  readonly limits?: Float64Array;
}

/** The matrix's non-detect rule ('zero' when it states none). */
export function nonDetectRuleOf(m: SignatureMatrix): NonDetectRule {
  return m.nonDetects ?? LEGACY_NON_DETECT_RULE;
}

/**
 * The matrix read as one results batch under `rule` (non-detects.ts): 'half-lod' puts the batch's substitutes in a
 * copy of the values, as the workspace's loader does per batch; 'zero' states the earlier rule. For matrices built
 * in memory (generated collections, tests). O(np).
 */
export function withNonDetectRule(m: SignatureMatrix, rule: NonDetectRule): SignatureMatrix {
  if (rule === 'zero' || m.detected === undefined) return { ...m, nonDetects: rule };
  const values = Float64Array.from(m.values);
  const { lod } = substituteNonDetects(values, m.detected, m.compounds.length);
  return { ...m, values, nonDetects: 'half-lod', limits: new Float64Array(m.sampleIds.length).fill(Number.isFinite(lod) ? lod : 0) };
}

/** The optional fields of a matrix, carried over by the functions that derive one from another (`rows`: the samples kept). */
function extras(m: SignatureMatrix, detected: Uint8Array | undefined, rows?: ArrayLike<number>): Pick<SignatureMatrix, 'detected' | 'nonDetects' | 'limits'> {
  const limits = m.limits === undefined ? undefined : rows === undefined ? m.limits : Float64Array.from(rows, (i) => m.limits![i]);
  return { ...(detected === undefined ? {} : { detected }), ...(m.nonDetects === undefined ? {} : { nonDetects: m.nonDetects }), ...(limits === undefined ? {} : { limits }) };
}

/** Raised when a matrix's shape or values cannot be used. */
export class SignatureMatrixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureMatrixError';
  }
}

/** Number of samples (rows). */
export function sampleCount(m: SignatureMatrix): number {
  return m.sampleIds.length;
}

/** Number of compounds (columns). */
export function compoundCount(m: SignatureMatrix): number {
  return m.compounds.length;
}

/**
 * Checks shape and values and returns the matrix: values must be finite wherever the compound is detected (and
 * everywhere when non-detects carry substitutes). O(np).
 */
export function createSignatureMatrix(
  sampleIds: string[],
  compounds: string[],
  values: Float64Array,
  detected?: Uint8Array,
  nonDetects?: NonDetectRule,
): SignatureMatrix {
  const n = sampleIds.length;
  const p = compounds.length;
  if (values.length !== n * p) {
    throw new SignatureMatrixError(`values holds ${values.length} numbers but ${n} samples × ${p} compounds need ${n * p}`);
  }
  if (detected !== undefined && detected.length !== n * p) {
    throw new SignatureMatrixError(`detected mask holds ${detected.length} flags but ${n * p} are needed`);
  }
  for (let k = 0; k < values.length; k++) {
    if ((detected === undefined || detected[k] !== 0 || nonDetects === 'half-lod') && !Number.isFinite(values[k])) {
      const i = Math.floor(k / p);
      throw new SignatureMatrixError(
        `sample ${sampleIds[i]} has a non-numeric area for ${compounds[k - i * p]}: mark it not detected instead`,
      );
    }
  }
  return { sampleIds, compounds, values, ...(detected === undefined ? {} : { detected }), ...(nonDetects === undefined ? {} : { nonDetects }) };
}

/** Builds a matrix from rows where `null` means not detected (area 0 for the maths). O(np). */
export function signatureMatrixFromRows(
  sampleIds: string[],
  compounds: string[],
  rows: ReadonlyArray<ReadonlyArray<number | null>>,
): SignatureMatrix {
  const n = sampleIds.length;
  const p = compounds.length;
  if (rows.length !== n) throw new SignatureMatrixError(`${rows.length} rows for ${n} samples`);
  const values = new Float64Array(n * p);
  const detected = new Uint8Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== p) throw new SignatureMatrixError(`sample ${sampleIds[i]} has ${row.length} areas for ${p} compounds`);
    for (let c = 0; c < p; c++) {
      const v = row[c];
      if (v !== null) {
        values[i * p + c] = v;
        detected[i * p + c] = 1;
      }
    }
  }
  return createSignatureMatrix(sampleIds, compounds, values, detected);
}

/**
 * Copy of the areas the maths uses: not-detected entries at the matrix's substitute ('half-lod') or 0 ('zero').
 * Every pretreatment, distance and PCA reads this (one allocation, O(np)).
 */
export function effectiveValues(m: SignatureMatrix): Float64Array {
  return nonDetectRuleOf(m) === 'half-lod' ? Float64Array.from(m.values) : detectedValues(m);
}

/** Copy of the detected areas, not-detected entries at 0, whatever the rule: what detection itself says (markers). O(np). */
export function detectedValues(m: SignatureMatrix): Float64Array {
  const out = Float64Array.from(m.values);
  const det = m.detected;
  if (det !== undefined) {
    for (let k = 0; k < out.length; k++) if (det[k] === 0) out[k] = 0;
  }
  return out;
}

/** Keeps the named compounds, in the given order (the analyst's choice of signature). O(n·k). */
export function selectCompounds(m: SignatureMatrix, compounds: string[]): SignatureMatrix {
  const p = m.compounds.length;
  const n = m.sampleIds.length;
  const cols = compounds.map((name) => {
    const c = m.compounds.indexOf(name);
    if (c < 0) throw new SignatureMatrixError(`compound ${name} is not in the signature`);
    return c;
  });
  const k = cols.length;
  const values = new Float64Array(n * k);
  const detected = m.detected === undefined ? undefined : new Uint8Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      values[i * k + c] = m.values[i * p + cols[c]];
      if (detected !== undefined && m.detected !== undefined) detected[i * k + c] = m.detected[i * p + cols[c]];
    }
  }
  return { sampleIds: m.sampleIds, compounds: [...compounds], values, ...extras(m, detected) };
}

/** Keeps the samples at the given row indices, in that order. O(k·p). */
export function selectSamples(m: SignatureMatrix, rows: ArrayLike<number>): SignatureMatrix {
  const p = m.compounds.length;
  const k = rows.length;
  const values = new Float64Array(k * p);
  const detected = m.detected === undefined ? undefined : new Uint8Array(k * p);
  const sampleIds: string[] = new Array<string>(k);
  for (let r = 0; r < k; r++) {
    const i = rows[r];
    sampleIds[r] = m.sampleIds[i];
    values.set(m.values.subarray(i * p, i * p + p), r * p);
    if (detected !== undefined && m.detected !== undefined) detected.set(m.detected.subarray(i * p, i * p + p), r * p);
  }
  return { sampleIds, compounds: m.compounds, values, ...extras(m, detected, rows) };
}
