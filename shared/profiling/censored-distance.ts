/**
 * A measurement, not (yet) the workbench's score: the pair distance with non-detects compared as censored values
 * (`npm run bench -- validation --censored`). A non-detect says only that the compound's share of the sample lies
 * below the sample's own detection share LOD/Tᵢ (Tᵢ its total detected signature area; LOD the batch's smallest
 * detected area, as non-detects.ts reads it). The workbench's rule (half-lod) gives every non-detect the same share
 * ½·LOD/T_typical, so when a weak sample loses peaks that a strong sample of the same source shows at a share just
 * above the weak sample's limit, the pair looks far apart although the data are consistent with equal shares. Here,
 * per pair and compound:
 * - detected in both: the measured areas;
 * - detected in neither: both at the half-lod substitute (equal);
 * - detected in one only, at share s: the other is given the share in its censoring interval [0, LOD/Tᵢ] nearest to
 *   s, i.e. min(s, LOD/Tᵢ): no difference when s is below the other's limit, else the difference from that limit.
 * The two imputed rows are then pretreated and scored as the calibration's chosen combination would be. This is the
 * "censored below the detection limit, in distances" reading of DOMAIN.md's non-detect section (Helsel 2012,
 * Statistics for Censored Environmental Data: a censored value is an interval, not a number), applied pair by pair.
 */
import { pretreatValues, type ColumnScaling, type Pretreatment } from './pretreatment';
import type { PairSet } from './pairs';
import { prepareRows, rowDistance, type Score } from './scores';
import type { SignatureMatrix } from './signature-matrix';

/**
 * Distances of `pairs` with non-detects compared as censored (see the module doc). `m` holds the half-lod
 * substitutes in `values` and the detection mask (withNonDetectRule(…, 'half-lod')); the whole matrix is one results
 * batch. O(pairs · p).
 */
export function censoredPairDistances(
  m: SignatureMatrix,
  pairs: PairSet,
  pretreatment: Pretreatment,
  score: Score,
  options: { logOffset?: number; scaling?: ColumnScaling } = {},
): Float64Array {
  const det = m.detected;
  if (!det) throw new RangeError('censored distances need the detection mask');
  const p = m.compounds.length;
  const n = m.sampleIds.length;
  const total = new Float64Array(n);
  let lod = Infinity;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < p; c++) {
      const v = m.values[i * p + c];
      if (det[i * p + c] === 1 && v > 0) {
        total[i] += v;
        if (v < lod) lod = v;
      }
    }
  }
  const out = new Float64Array(pairs.i.length);
  const two = new Float64Array(2 * p);
  for (let k = 0; k < out.length; k++) {
    const [i, j] = [pairs.i[k], pairs.j[k]];
    for (let c = 0; c < p; c++) {
      const [a, b] = [i * p + c, j * p + c];
      two[c] = m.values[a];
      two[p + c] = m.values[b];
      if (det[a] === 1 && det[b] === 0 && total[j] > 0) two[p + c] = Math.min(m.values[a] / total[i], lod / total[j]) * total[j];
      else if (det[a] === 0 && det[b] === 1 && total[i] > 0) two[c] = Math.min(m.values[b] / total[j], lod / total[i]) * total[i];
    }
    const x = pretreatValues(two, 2, p, pretreatment, options);
    out[k] = rowDistance(prepareRows(x, 2, p, score), 0, 1);
  }
  return out;
}
