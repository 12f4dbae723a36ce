/**
 * Marker rules applied to one sample: each rule's compound abundance, as a fraction of the sample's total target
 * area (the normalised signature, N of Andersson et al. 2007), against the rule's threshold. Abundance, not mere
 * presence, is evidence (../shared/DOMAIN.md): below `min_fraction` a rule adds nothing; from it, the weight grows
 * with log abundance from half to all of its strength at `full_fraction` (default 10 × min_fraction).
 */
import { detectedValues, type SignatureMatrix } from '../profiling/signature-matrix';
import { columnsOf, type CompoundKey } from './compound-match';
import type { DrugLibrary, EvidenceScale, MarkerRule } from './signature-library';

/** What a rule found in a sample. */
export type MarkerStatus = 'counts' | 'below-threshold' | 'not-detected' | 'not-measured';

export interface MarkerFinding {
  readonly rule: MarkerRule;
  readonly status: MarkerStatus;
  /** Abundance found (fraction of the total target area); null when the signature does not measure the compound. */
  readonly fraction: number | null;
  /** log10 weight added to each of the rule's routes (0 unless it counts). */
  readonly weight: number;
}

export interface MarkerEvidence {
  /** One finding per rule of the drug, in library order. */
  readonly findings: readonly MarkerFinding[];
  /** Summed log10 weight per route, in the drug's route order. */
  readonly scores: Float64Array;
  /** 10^score normalised over the drug's routes (uniform prior); null when no rule counted. */
  readonly probabilities: Float64Array | null;
}

/** Fraction of full weight (0, or ½ … 1) for an abundance, per the module's rule. O(1). */
export function markerGrade(fraction: number, rule: MarkerRule): number {
  if (!(fraction >= rule.min_fraction)) return 0;
  const full = rule.full_fraction ?? Math.min(1, 10 * rule.min_fraction);
  if (!(full > rule.min_fraction)) return 1;
  return 0.5 + 0.5 * Math.min(1, Math.log(fraction / rule.min_fraction) / Math.log(full / rule.min_fraction));
}

/** Normalised 10^score over routes (log-sum-exp safe). O(routes). */
export function scoresToProbabilities(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let r = 0; r < scores.length; r++) sum += out[r] = Math.pow(10, scores[r] - max);
  for (let r = 0; r < scores.length; r++) out[r] /= sum;
  return out;
}

/**
 * Evaluates the drug's marker rules on the samples `rows` of a raw signature matrix (areas; not-detected counts 0).
 * `key` matches library names to the matrix's compounds. O(rows·(p + rules)).
 */
export function evaluateMarkers(matrix: SignatureMatrix, rows: ArrayLike<number>, drug: DrugLibrary, scale: EvidenceScale, key?: CompoundKey): MarkerEvidence[] {
  const p = matrix.compounds.length;
  // Detection itself is the evidence: a non-detect's substitute (non-detects.ts) never counts.
  const values = detectedValues(matrix);
  const cols = columnsOf(matrix.compounds, drug.markers.map((m) => m.compound), key);
  const routeIndex = new Map(drug.routes.map((r, i) => [r.id, i]));
  const out: MarkerEvidence[] = [];
  for (let t = 0; t < rows.length; t++) {
    const o = rows[t] * p;
    let total = 0;
    for (let c = 0; c < p; c++) if (values[o + c] > 0) total += values[o + c];
    const scores = new Float64Array(drug.routes.length);
    let counted = false;
    const findings = drug.markers.map((rule, k): MarkerFinding => {
      const c = cols[k];
      if (c < 0) return { rule, status: 'not-measured', fraction: null, weight: 0 };
      const area = values[o + c];
      const fraction = total > 0 && area > 0 ? area / total : 0;
      if (!(area > 0)) return { rule, status: 'not-detected', fraction: 0, weight: 0 };
      const weight = scale[rule.strength] * markerGrade(fraction, rule);
      if (weight === 0) return { rule, status: 'below-threshold', fraction, weight: 0 };
      counted = true;
      for (const r of rule.routes) scores[routeIndex.get(r)!] += weight;
      return { rule, status: 'counts', fraction, weight };
    });
    out.push({ findings, scores, probabilities: counted ? scoresToProbabilities(scores) : null });
  }
  return out;
}
