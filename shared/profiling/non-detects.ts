/**
 * Non-detects: a compound not detected is below the detection limit, not absent (../shared/DOMAIN.md: non-detects).
 * The rule, stated once here and quoted by the app, the reports and docs/PROFILING.md:
 *
 * - 'half-lod' (the default since calibration records state their rule): a non-detect is a censored value, given
 *   half its batch's detection limit (LOD/2) as a share of the sample, BEFORE normalisation and any root or log.
 *   A results batch's limit is the smallest area detected in it, any compound (peaks are reported from the
 *   integrator's area threshold, so the smallest reported peak bounds the limit from above and sits near it in a
 *   batch of many peaks; a per-compound minimum would sit far above the limit for a compound reported only at high
 *   levels). As a share: ρ = LOD / the batch's median total signature area, the share at which a typical sample of
 *   the batch just shows a peak. A non-detect of sample i becomes the area ½·ρ·Tᵢ (Tᵢ = the sample's total detected
 *   signature area), so after normalisation it is ½·ρ in every sample of the batch, whatever its amount. A batch of
 *   fewer than MIN_PEAKS_FOR_LIMIT detected signature peaks borrows ρ from the others.
 *   LOD/2 rather than LOD/√2 because impurity areas are highly skewed (geometric sd well above 3): Hornung & Reed
 *   1990, Appl Occup Environ Hyg 5:46–51. The same share in every sample, rather than ½·LOD/Tᵢ, because compounds
 *   a route never makes would otherwise differ between two samples of one seizure by their amounts alone (measured:
 *   `npm run bench -- non-detects`, docs/PROFILING.md).
 *   Replicates (repeat injections, a sample in two batches) are averaged with their non-detects at that
 *   substitute: a censored mean by substitution, never a mean over the detected values only (biased upwards). The
 *   cell counts as detected when any replicate was.
 * - 'zero': not detected = area 0, and replicate means over the detected values only. The rule of every calibration
 *   and class run recorded before the rule was stated; kept so that they, and the reports made with them, compute
 *   again exactly.
 *
 * Marker rules, presence rates and precursor profiles read detection itself: a substitute is never evidence.
 */

/** The non-detect rules, the current default first. */
export const NON_DETECT_RULES = ['half-lod', 'zero'] as const;
export type NonDetectRule = (typeof NON_DETECT_RULES)[number];

/** The rule of new calibrations, class runs and views (Hornung & Reed 1990; see the module doc). */
export const DEFAULT_NON_DETECT_RULE: NonDetectRule = 'half-lod';

/** Rule of records that state none (made before the rule was recorded). */
export const LEGACY_NON_DETECT_RULE: NonDetectRule = 'zero';

/** Share of the (relative) detection limit a non-detect is given under 'half-lod'. */
export const HALF_LOD_FACTOR = 0.5;

/**
 * Detected signature peaks a batch needs for its own limit: the smallest of a handful of peaks says little about
 * the integrator's threshold (a batch of one re-injected compound would make its own peak "the limit"). A batch
 * with fewer takes the median relative limit of the batches that have enough (the smallest of all when none has).
 */
export const MIN_PEAKS_FOR_LIMIT = 20;

/** The rule in words, as the app and the reports state it. */
export function nonDetectRuleText(rule: NonDetectRule): string {
  return rule === 'half-lod'
    ? 'Non-detects are censored values: each is given half its batch\'s detection limit (LOD/2; the limit is the smallest peak area detected in the batch, as a share of the batch\'s median sample) before normalisation and the root or log, and replicates are averaged with their non-detects at that value (Hornung & Reed 1990).'
    : 'Non-detects counted as zero area, and replicates averaged over their detected values only (the rule of records made before the non-detect rule was stated).';
}

/**
 * Substitutes the non-detects of a row-major n×p area matrix in place, the n samples read as one results batch
 * (matrices built in memory: generated collections, tests; the workspace does the same per batch in SQL,
 * shared/analysis/signature-query.ts). Returns the batch's limit and relative limit ρ. O(np + n log n).
 */
export function substituteNonDetects(values: Float64Array, detected: Uint8Array, p: number): { lod: number; rho: number } {
  const n = p > 0 ? values.length / p : 0;
  if (values.length !== detected.length || !Number.isInteger(n)) throw new RangeError(`${values.length} areas and ${detected.length} flags do not make rows of ${p} compounds`);
  let lod = Infinity;
  const totals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < p; c++) {
      const v = values[i * p + c];
      if (detected[i * p + c] === 1 && v > 0) {
        totals[i] += v;
        if (v < lod) lod = v;
      }
    }
  }
  const positive = Array.from(totals).filter((t) => t > 0).sort((a, b) => a - b);
  const h = positive.length;
  const typical = h === 0 ? 0 : h % 2 === 1 ? positive[(h - 1) / 2] : (positive[h / 2 - 1] + positive[h / 2]) / 2;
  const rho = typical > 0 && Number.isFinite(lod) ? lod / typical : 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < p; c++) if (detected[i * p + c] === 0) values[i * p + c] = HALF_LOD_FACTOR * rho * totals[i];
  }
  return { lod, rho };
}
