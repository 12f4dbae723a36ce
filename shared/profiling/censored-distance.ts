/**
 * The pair comparison of the likelihood-ratio system: two samples compared with their non-detects read as censored
 * values. A non-detect says only that the compound's share of the sample lies below the sample's own detection share
 * LODᵢ/Tᵢ (Tᵢ its total detected signature area; LODᵢ the smallest area detected in its results batch, any compound:
 * SignatureMatrix.limits). The substitute rule (half-lod, non-detects.ts) gives every non-detect the same share
 * ½·LOD/T_typical, so when a weak sample loses peaks that a strong sample of the same source shows at a share just
 * above the weak sample's limit, the pair looks far apart although the data are consistent with equal shares. Here,
 * per pair and compound:
 * - detected in both: the measured areas;
 * - detected in neither: both at the substitute (equal);
 * - detected in one only, at share s: the other is given the share in its censoring interval [0, LODᵢ/Tᵢ] nearest to
 *   s, i.e. min(s, LODᵢ/Tᵢ): no difference when s is below the other's limit, else the difference from that limit.
 * The two imputed rows are then pretreated and scored as the calibration's chosen combination would be. This is the
 * "censored below the detection limit, in distances" reading of DOMAIN.md's non-detect section (Helsel 2012,
 * Statistics for Censored Environmental Data: a censored value is an interval, not a number), applied pair by pair.
 *
 * A censored distance is not a function of each row alone (the imputation depends on the other sample), so the
 * threshold, the classes, the linkage and the indexed link search stay on the pretreated-row distance; the LRs are
 * computed on this one (pair-comparison.ts).
 */
import { pretreatValues, type ColumnScaling, type Pretreatment } from './pretreatment';
import type { PairSet } from './pairs';
import { prepareRows, rowDistance, type Score } from './scores';
import type { SignatureMatrix } from './signature-matrix';

/** The distance of samples i and j (rows of one matrix). */
export type PairDistance = (i: number, j: number) => number;

export interface CensoredOptions {
  /** Offset of the log pretreatment; default 1e-4 (pretreatment.ts). */
  logOffset?: number;
  /** The calibration's fitted column scaling (N+S, autoscale); required for those, else two rows would be scaled on themselves. */
  scaling?: ColumnScaling;
}

/**
 * The detection limit of a matrix that states none (built in memory): the matrix read as one results batch, its
 * smallest detected area (0 when nothing is detected), as substituteNonDetects reads it. O(n·p).
 */
export function impliedDetectionLimit(m: SignatureMatrix): number {
  const det = m.detected!;
  let lod = Infinity;
  for (let k = 0; k < m.values.length; k++) if (det[k] === 1 && m.values[k] > 0 && m.values[k] < lod) lod = m.values[k];
  return Number.isFinite(lod) ? lod : 0;
}

/**
 * The censored distance of any two samples of `m` (see the module doc). `m` holds the half-lod substitutes in `values`
 * and the detection mask; each sample's limit comes from `m.limits`, or, when the matrix states none (built in
 * memory), the matrix read as one results batch (its smallest detected area), as substituteNonDetects reads it.
 * O(n·p) once, then O(p) per pair.
 */
export function censoredComparer(m: SignatureMatrix, pretreatment: Pretreatment, score: Score, options: CensoredOptions = {}): PairDistance {
  const det = m.detected;
  if (!det) throw new RangeError('censored distances need the detection mask');
  if ((pretreatment === 'n+s' || pretreatment === 'autoscale') && !options.scaling) throw new RangeError(`censored distances under ${pretreatment} need the calibration's column scaling`);
  const p = m.compounds.length;
  const n = m.sampleIds.length;
  const zero = m.nonDetects !== 'half-lod';
  const value = (k: number): number => (zero && det[k] === 0 ? 0 : m.values[k]);
  const total = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < p; c++) {
      const v = m.values[i * p + c];
      if (det[i * p + c] === 1 && v > 0) total[i] += v;
    }
  }
  const limit = m.limits ?? new Float64Array(n).fill(impliedDetectionLimit(m));
  if (limit.length !== n) throw new RangeError(`${limit.length} detection limits for ${n} samples`);
  const two = new Float64Array(2 * p);
  const opts = { logOffset: options.logOffset, scaling: options.scaling };
  return (i, j) => {
    for (let c = 0; c < p; c++) {
      const [a, b] = [i * p + c, j * p + c];
      two[c] = value(a);
      two[p + c] = value(b);
      if (det[a] === 1 && det[b] === 0 && total[i] > 0 && total[j] > 0) two[p + c] = Math.min(m.values[a] / total[i], limit[j] / total[j]) * total[j];
      else if (det[a] === 0 && det[b] === 1 && total[i] > 0 && total[j] > 0) two[c] = Math.min(m.values[b] / total[j], limit[i] / total[i]) * total[i];
    }
    const x = pretreatValues(two, 2, p, pretreatment, opts);
    return rowDistance(prepareRows(x, 2, p, score), 0, 1);
  };
}

/** Censored distances of `pairs` (censoredComparer). O(n·p + pairs · p). */
export function censoredPairDistances(m: SignatureMatrix, pairs: PairSet, pretreatment: Pretreatment, score: Score, options: CensoredOptions = {}): Float64Array {
  const d = censoredComparer(m, pretreatment, score, options);
  return Float64Array.from(pairs.i, (i, k) => d(i, pairs.j[k]));
}
