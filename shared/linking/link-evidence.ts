/**
 * The evidence a link carries, from the calibration in force: its score on the 0–100 scale, its likelihood ratio and
 * the ENFSI 2015 verbal equivalent (shared/lr/verbal-scale.ts). The LR comes from the calibration's stored model;
 * while calibrations keep the kernel-density model, the record says the LR is not validated (issue 11 replaces it
 * with a validated, ELUB-bounded model, and this is the one place to switch).
 */
import type { CalibrationRecord } from '../analysis/calibration-record';
import { calibrationModel } from '../analysis/calibration-store';
import { likelihoodRatio } from '../profiling/likelihood-ratio';
import { toScore100, type Score } from '../profiling/scores';
import { verbalScale } from '../lr/verbal-scale';
import type { Workspace } from '../workspace/Workspace';

export interface LinkEvidence {
  score100: number;
  lr: number;
  log10Lr: number;
  verbal: string;
}

export interface EvidenceModel {
  /** How LRs are obtained, for the record. */
  description: string;
  validated: boolean;
  of(distance: number): LinkEvidence;
}

/** The evidence function of a calibration (LRs cached per distance: links repeat few distinct values rarely, but cost O(pairs) each). */
export async function evidenceModel(ws: Workspace, record: CalibrationRecord): Promise<EvidenceModel> {
  const model = await calibrationModel(ws, record);
  const score = record.chosen.score as Score;
  const ref = score === 'canberra' ? record.inputs.signature.compounds.length : record.reference_distance;
  return {
    description: `kernel density ratio of calibration ${record.id}'s linked and unlinked pair distances (Scott bandwidth, bounded to [1/linked, unlinked])`,
    validated: false,
    of(distance: number): LinkEvidence {
      const lr = likelihoodRatio(model, distance);
      const v = verbalScale(lr.lr);
      const side = v.supports === 'linked' ? 'a common source' : v.supports === 'unlinked' ? 'different sources' : 'either proposition';
      return { score100: toScore100(distance, score, ref > 0 ? ref : 1), lr: lr.lr, log10Lr: lr.log10Lr, verbal: v.level === 0 ? `no support worth stating for ${side}` : `${v.qualifier} support for ${side}` };
    },
  };
}
