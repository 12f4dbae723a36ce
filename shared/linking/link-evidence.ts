/**
 * The evidence a link carries, from the calibration in force: its score on the 0–100 scale (the row distance the
 * search found it by), its likelihood ratio by the calibration's validated pair LR system (shared/lr: fitted and
 * bounded by ELUB, validated by grouped cross-validation) on the two samples compared by the system's own rule (its
 * `pair_comparison`: censored since calibration schema 5, computed for each found link only, O(p); the search is
 * unchanged) and the ENFSI 2015 verbal equivalent worded with the calibration's propositions. A calibration made
 * before LRs were validated gives no LR (null), never its unvalidated kernel-density ratio.
 */
import type { CalibrationRecord } from '../analysis/calibration-record';
import { calibrationLrModels } from '../analysis/calibration-store';
import { METHOD_NAMES } from '../analysis/lr-system-text';
import { scoreLlr } from '../lr/score-lr';
import { supportPhrase, verbalScale } from '../lr/verbal-scale';
import type { PairComparison } from '../profiling/pair-comparison';
import { recordPairComparison } from '../analysis/calibration-comparison';
import { toScore100, type Score } from '../profiling/scores';
import type { Workspace } from '../workspace/Workspace';

export interface LinkEvidence {
  score100: number;
  /** Null when the calibration has no validated LR system. */
  lr: number | null;
  log10Lr: number | null;
  verbal: string;
}

export interface EvidenceModel {
  /** How LRs are obtained, for the record. */
  description: string;
  validated: boolean;
  /** How the LR system compares two samples (calibrationPairDistance computes it for a loaded matrix). */
  comparison: PairComparison;
  /** 0–100 score of a row distance. */
  score100(distance: number): number;
  /** A link's evidence: `distance` its row distance (score), `lrDistance` the two samples compared by `comparison`. */
  of(distance: number, lrDistance: number): LinkEvidence;
  /**
   * A link to a profile that carries no detection flags (packages of schema 1, store rows published without them): the LR on the row distance, which
   * is the system's own score only under 'substitute'; under 'censored' the wording says that non-detects could not
   * be compared as censored.
   */
  ofWithoutFlags(distance: number): LinkEvidence;
}

/** What a censored-rule LR computed on rows without detection flags adds to its verbal equivalent. */
export const WITHOUT_FLAGS_NOTE = ' (profiles without detection flags: non-detects compared at their substitute, not as censored values as the calibration does)';

/** The evidence function of a calibration. O(log m) per link (PAV points) or O(1) (logistic). */
export async function evidenceModel(_ws: Workspace, record: CalibrationRecord): Promise<EvidenceModel> {
  const score = record.chosen.score as Score;
  const ref = score === 'canberra' ? record.inputs.signature.compounds.length : record.reference_distance;
  const score100 = (d: number) => toScore100(d, score, ref > 0 ? ref : 1);
  const models = calibrationLrModels(record);
  const system = record.lr_system;
  if (models === null || system === null || system.pairs.validation === null) {
    return {
      description: `calibration ${record.id} has no validated likelihood-ratio system (${system === null ? 'made before LRs were validated' : 'not validated'}): no LR is given`,
      validated: false,
      comparison: recordPairComparison(record),
      score100,
      of: (distance) => ({ score100: score100(distance), lr: null, log10Lr: null, verbal: 'no validated likelihood ratio' }),
      ofWithoutFlags: (distance) => ({ score100: score100(distance), lr: null, log10Lr: null, verbal: 'no validated likelihood ratio' }),
    };
  }
  const v = system.pairs.validation;
  const comparison = system.pair_comparison;
  const of = (distance: number, lrDistance: number, note = ''): LinkEvidence => {
    const log10Lr = scoreLlr(models.pair, lrDistance);
    const lr = Math.pow(10, log10Lr);
    return { score100: score100(distance), lr, log10Lr, verbal: supportPhrase(verbalScale(lr), system.propositions.hp_short, system.propositions.hd_short) + note };
  };
  return {
    description: `pair LR of calibration ${record.id}: ${METHOD_NAMES[system.method]}, ELUB-bounded, held-out Cllr ${v.cllr.toFixed(3)} (${system.propositions.level} level${comparison === 'censored' ? '; non-detects compared as censored' : ''})`,
    validated: true,
    comparison,
    score100,
    of: (distance, lrDistance) => of(distance, lrDistance),
    ofWithoutFlags: (distance) => of(distance, distance, comparison === 'censored' ? WITHOUT_FLAGS_NOTE : ''),
  };
}
