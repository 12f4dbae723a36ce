/**
 * The LR's pair comparison of this lab's samples with another lab's profiles that carry detection flags (a package's
 * detection part, shared/sharing/detection-part.ts): the two are put in one signature matrix and compared by the
 * calibration's own function (calibration-comparison.ts calibrationPairDistance, censored since calibration schema 5),
 * so a link to a partner's profile gets the LR it would get if the partner's sample were this lab's.
 *
 * Their rows enter in relative-area units (areas over the sample's summed target areas, the limit likewise), ours as
 * loaded (areas). The censored comparison reads each sample through ratios within it (shares of its detected total,
 * then the N of every N-based pretreatment), so the two scales give the same distance as a common one would. The
 * pretreatment 'none' has no N: their areas are then the pretreated values they sent (as sent, 'none' is the areas
 * themselves), their limit scaled back by the row's sum. Autoscale is never linked across labs (exchange-method.ts).
 */
import type { CalibrationRecord } from '../analysis/calibration-record';
import { calibrationPairDistance, recordPairComparison } from '../analysis/calibration-comparison';
import { impliedDetectionLimit } from '../profiling/censored-distance';
import type { PairDistance } from '../profiling/pair-comparison';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import type { ProfileColumns } from '../sharing/profiles-arrow';

/** The distance of our sample `i` (row of our matrix) and their profile `k` (row of their profiles). */
export type ExternalPairDistance = (i: number, k: number) => number;

/**
 * The censored comparison of our samples `ours` (rows of `m`, loaded with the calibration's compounds and non-detect
 * rule) with their profiles `theirs` (rows of `profiles`, read in our compound order), or null when it does not apply:
 * the calibration compares rows ('substitute'), their profiles carry no detection flags, our matrix none, or the
 * pretreatment is autoscale. O((ours + theirs)·p) once, O(p) per pair.
 */
export function externalPairDistance(calibration: CalibrationRecord, m: SignatureMatrix, ours: readonly number[], profiles: ProfileColumns, theirs: readonly number[]): ExternalPairDistance | null {
  const pretreatment = calibration.chosen.pretreatment;
  if (recordPairComparison(calibration) !== 'censored' || pretreatment === 'autoscale') return null;
  return jointPairDistance((joint) => calibrationPairDistance(calibration, joint), pretreatment === 'none', m, ours, profiles, theirs);
}

/**
 * Our rows `ours` of `m` and their rows `theirs` of `profiles` in one matrix (see the module doc; `asAreas`: their
 * pretreated values are areas, the pretreatment 'none'), compared by `distanceOf` (a censored pair function of a
 * matrix); null when either side lacks detection flags. O((ours + theirs)·p) once, O(p) per pair.
 */
export function jointPairDistance(distanceOf: (joint: SignatureMatrix) => PairDistance, asAreas: boolean, m: SignatureMatrix, ours: readonly number[], profiles: ProfileColumns, theirs: readonly number[]): ExternalPairDistance | null {
  const flags = profiles.detection;
  if (!flags || !m.detected) return null;
  const p = m.compounds.length;
  const theirValues = asAreas ? profiles.values : profiles.relative;
  if (!theirValues || theirValues.length !== profiles.n * p) return null;
  const n = ours.length + theirs.length;
  const values = new Float64Array(n * p);
  const detected = new Uint8Array(n * p);
  const limits = new Float64Array(n);
  const ourLod = m.limits ? 0 : impliedDetectionLimit(m);
  ours.forEach((i, r) => {
    values.set(m.values.subarray(i * p, i * p + p), r * p);
    detected.set(m.detected!.subarray(i * p, i * p + p), r * p);
    limits[r] = m.limits ? m.limits[i] : ourLod;
  });
  theirs.forEach((k, s) => {
    const r = ours.length + s;
    values.set(theirValues.subarray(k * p, k * p + p), r * p);
    detected.set(flags.detected.subarray(k * p, k * p + p), r * p);
    let scale = 1;
    if (asAreas) {
      scale = 0;
      for (let c = 0; c < p; c++) if (theirValues[k * p + c] > 0) scale += theirValues[k * p + c];
    }
    limits[r] = flags.limits[k] * scale;
  });
  const joint: SignatureMatrix = { sampleIds: Array.from({ length: n }, (_, r) => String(r)), compounds: m.compounds, values, detected, limits, ...(m.nonDetects ? { nonDetects: m.nonDetects } : {}) };
  const d = distanceOf(joint);
  const ourPos = new Map(ours.map((i, r) => [i, r]));
  const theirPos = new Map(theirs.map((k, s) => [k, ours.length + s]));
  return (i, k) => {
    const a = ourPos.get(i);
    const b = theirPos.get(k);
    if (a === undefined || b === undefined) throw new RangeError(`sample ${i} or profile ${k} is not among the rows compared`);
    return d(a, b);
  };
}
