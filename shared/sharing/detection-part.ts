/**
 * The detection part of an exchange package (package schema 2, optional): per sample and compound whether it was
 * detected, and per sample the detection limit the sender's censored pair comparison reads (SignatureMatrix.limits),
 * so that a receiving lab compares its samples with the sender's as censored, by the same function and with the same
 * result as if the two samples were its own (shared/linking/external-comparison.ts).
 *
 * Units. A profile's relative areas (`n:<compound>`) are its areas over its summed target areas Sᵢ (non-detects at the
 * sender's substitute, pretreatment.ts's N). The limit travels in the same units, Lᵢ / Sᵢ, in a column
 * `detection_limit`; the flags in one uint8 column `detected:<compound>` per compound (1 detected, 0 not). The censored
 * comparison reads each sample's areas, flags and limit only through ratios within the sample (shares of its detected
 * total, then row normalisation), so a sample scaled by 1 / Sᵢ compares exactly as its areas did: nothing about the
 * sender's instrument scale is needed, and the receiver's re-pretreatment over its own compounds (external-sources.ts)
 * reads the same columns.
 *
 * Sent only when the sender's calibration states per-sample limits (its non-detect rule is 'half-lod', the rule of
 * every calibration made since the rule was recorded); a package without the part is linked as before (LRs on the row
 * distance, saying so: link-evidence.ts WITHOUT_FLAGS_NOTE).
 */
import { z } from 'zod';
import { effectiveValues, type SignatureMatrix } from '../profiling/signature-matrix';

/** The version of the detection part this build writes and reads. */
export const DETECTION_VERSION = 1;
/** The column of a compound's detection flag. */
export const detectedColumn = (compound: string): string => `detected:${compound}`;
/** The column of each sample's detection limit, in the units of its relative areas. */
export const LIMIT_COLUMN = 'detection_limit';

/** The manifest's (and a source record's) description of the part. */
export const DetectionPart = z.object({
  schema_version: z.literal(DETECTION_VERSION),
  /** The sender's non-detect rule (non-detects.ts): what a non-detect's relative area holds. */
  non_detects: z.literal('half-lod'),
  flags: z.literal('detected:<compound>'),
  limit: z.literal(LIMIT_COLUMN),
  limit_units: z.literal('relative-area'),
});
export type DetectionPart = z.infer<typeof DetectionPart>;

export const DETECTION_PART: DetectionPart = { schema_version: DETECTION_VERSION, non_detects: 'half-lod', flags: 'detected:<compound>', limit: LIMIT_COLUMN, limit_units: 'relative-area' };

/** Flags (n × compounds, row-major, 1 = detected) and limits (n, relative-area units) of profiles. */
export interface DetectionFlags {
  detected: Uint8Array;
  limits: Float64Array;
}

/**
 * The detection part of a loaded signature matrix (the calibration's compounds and non-detect rule): its flags, and
 * its limits divided by each sample's summed target areas as N computes them (negatives as 0); null when the matrix
 * states no per-sample limits (the 'zero' rule of older calibrations). O(n·p).
 */
export function detectionOf(m: SignatureMatrix): DetectionFlags | null {
  if (m.detected === undefined || m.limits === undefined || m.nonDetects !== 'half-lod') return null;
  const n = m.sampleIds.length;
  const p = m.compounds.length;
  const x = effectiveValues(m);
  const limits = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < p; c++) if (x[i * p + c] > 0) s += x[i * p + c];
    limits[i] = s > 0 ? m.limits[i] / s : 0;
  }
  return { detected: Uint8Array.from(m.detected), limits };
}

/**
 * Checks flags and limits read from a package against its relative areas (n × compounds) and throws `refuse` with a
 * message naming `where`, the sample and the compound: a flag other than 0 or 1, a limit that is not a finite number
 * ≥ 0, and, when `compounds` are all the profiles' compounds (`whole`), a sample flagged as detecting nothing that
 * holds a non-zero relative area (under the half-lod rule its non-detects are half a limit times its detected total,
 * so 0; over a subset of compounds the others may have been detected). O(n·p).
 */
export function checkDetection(flags: DetectionFlags, relative: Float64Array, sampleIds: readonly (string | null)[], compounds: readonly string[], where: string, refuse: (message: string) => Error, whole = true): void {
  const n = sampleIds.length;
  const p = compounds.length;
  const id = (i: number): string => `sample ${sampleIds[i] ?? `in row ${i + 1}`}`;
  if (flags.detected.length !== n * p) throw refuse(`${where}: ${flags.detected.length} detection flags for ${n} samples × ${p} compounds`);
  if (flags.limits.length !== n) throw refuse(`${where}: ${flags.limits.length} detection limits for ${n} samples`);
  for (let i = 0; i < n; i++) {
    const lim = flags.limits[i];
    if (!Number.isFinite(lim) || lim < 0) throw refuse(`${where}: ${id(i)}: detection limit ${lim} is not a finite number ≥ 0`);
    let any = false;
    for (let c = 0; c < p; c++) {
      const f = flags.detected[i * p + c];
      if (f !== 0 && f !== 1) throw refuse(`${where}: ${id(i)}, compound "${compounds[c]}": detection flag ${f} is neither 1 (detected) nor 0 (not detected)`);
      if (f === 1) any = true;
    }
    if (!any && whole) {
      for (let c = 0; c < p; c++) {
        if (relative[i * p + c] !== 0) throw refuse(`${where}: ${id(i)}, compound "${compounds[c]}": not detected, like every compound of the sample, yet its relative area is ${relative[i * p + c]} (a sample with nothing detected has no substitute above 0)`);
      }
    }
  }
}
