/**
 * The calibration record (config/calibration-C0001.json): schema, version, migrations and construction in one
 * place (the tldraw record pattern). A calibration is never overwritten: a new one gets the next id, and the one in
 * force is named in reports with its false-positive rate (SWGDRUG SD-5; Esseiva et al. 2011; Morelato et al. 2015).
 *
 * What the LR model needs: the linked and unlinked distances of the chosen combination, kept whole in the Arrow file
 * `lr_model.data.file` (SHA-256 in the record), from which likelihoodRatioModel rebuilds both KDEs exactly (Scott
 * bandwidth, sample-size cap); the bandwidths are stored as well, to check the rebuild.
 */
import { z } from 'zod';
import { InputBatch, migrateInputsV1, PairRule, PretreatmentName, ScoreName, SignatureSelectionRecord } from './analysis-inputs';
import type { CalibrationComputation } from './calibration-compute';
import { readVersioned, type Migrations } from './record-version';
import { QUANTILE_LEVELS } from './score-distributions';

export const CALIBRATION_FORMAT = 'signature-workbench/calibration';
export const CALIBRATION_VERSION = 2;

const num = z.number();
const count = z.number().int().nonnegative();

const CombinationRecord = z.object({
  pretreatment: PretreatmentName,
  score: ScoreName,
  rank: z.number().int().positive(),
  auc: num,
  threshold: num,
  fpr_at_threshold: num,
  tpr_at_threshold: num,
  median_linked: num,
  median_unlinked: num,
  /** A subset of the ROC points (score-distributions.ts). */
  roc: z.object({ fpr: z.array(num), tpr: z.array(num), threshold: z.array(num) }),
  /** Histograms on shared edges, and quantiles at `quantile_levels`. */
  distributions: z.object({ edges: z.array(num), linked: z.array(count), unlinked: z.array(count), linked_quantiles: z.array(num), unlinked_quantiles: z.array(num) }),
});
export type CombinationRecord = z.infer<typeof CombinationRecord>;

const KdeRecord = z.object({ count: count, bandwidth: num, factor: num });

/** The current schema (the version in CALIBRATION_VERSION). */
export const CalibrationRecordSchema = z.object({
  format: z.literal(CALIBRATION_FORMAT),
  schema_version: z.literal(CALIBRATION_VERSION),
  id: z.string().regex(/^C\d{4,}$/),
  created_at: z.string(),
  analyst: z.string(),
  app_version: z.string(),
  inputs: z.object({
    signature: SignatureSelectionRecord,
    pairs_rule: PairRule,
    samples: count,
    pairs: z.object({ linked: count, unlinked: count, linked_total: count, unlinked_total: count, max_linked: count, max_unlinked: count, seed: z.number().int() }),
    batches: z.array(InputBatch),
    log_offset: num,
  }),
  accepted_fpr: z.number().gt(0).lte(1),
  /** What the analyst must know before relying on the figures: thin pair populations and the like. */
  warnings: z.array(z.string()),
  quantile_levels: z.array(num),
  /** Every pretreatment × score, ranked by AUC (rank 1 = chosen). */
  combinations: z.array(CombinationRecord).min(1),
  chosen: z.object({ pretreatment: PretreatmentName, score: ScoreName, reason: z.string() }),
  auc: num,
  /** Link threshold in the score's distance units, its 0–100 score, and the rates it achieves on the pairs. */
  threshold: z.object({ distance: num, score_100: num, fpr: num, tpr: num }),
  reference_distance: num,
  column_scaling: z.object({ centre: z.array(num).nullable(), scale: z.array(num).nullable(), constant: z.array(count).nullable() }).nullable(),
  lr_model: z.object({
    kind: z.literal('gaussian-kde-ratio'),
    bandwidth_rule: z.literal('scott'),
    cap: z.literal('sample-size'),
    linked: KdeRecord,
    unlinked: KdeRecord,
    min_lr: num,
    max_lr: num,
    data: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), linked: count, unlinked: count }),
  }),
});
export type CalibrationRecord = z.infer<typeof CalibrationRecordSchema>;

/** Each older schema's step to the next, with a test (test/unit/analysis/record-migrations.test.ts). */
const migrations: Migrations = {
  // 1 → 2: pair rules of several columns (Popovic et al.'s R1–R4), excluded compounds, warnings.
  1: (old) => {
    const inputs = old.inputs as { pairs_rule: { linked_by: string; unlinked_by: { column: string } }; signature: Record<string, unknown> };
    const { rule, signature } = migrateInputsV1(inputs.pairs_rule, inputs.signature);
    return { ...old, inputs: { ...inputs, pairs_rule: rule, signature }, warnings: [] };
  },
};

/** Parses and migrates a stored calibration; throws RecordError saying what is wrong. */
export function readCalibrationRecord(raw: unknown, where = 'calibration'): CalibrationRecord {
  return readVersioned(raw, CALIBRATION_FORMAT, CALIBRATION_VERSION, migrations, CalibrationRecordSchema, where);
}

export interface CalibrationMeta {
  id: string;
  createdAt: string;
  analyst: string;
  appVersion: string;
  signature: z.infer<typeof SignatureSelectionRecord>;
  pairsRule: z.infer<typeof PairRule>;
  batches: z.infer<typeof InputBatch>[];
  data: { file: string; sha256: string };
}

/** The record of a computed calibration (validated). */
export function buildCalibrationRecord(c: CalibrationComputation, meta: CalibrationMeta): CalibrationRecord {
  return CalibrationRecordSchema.parse({
    format: CALIBRATION_FORMAT,
    schema_version: CALIBRATION_VERSION,
    id: meta.id,
    created_at: meta.createdAt,
    analyst: meta.analyst,
    app_version: meta.appVersion,
    inputs: {
      signature: meta.signature,
      pairs_rule: meta.pairsRule,
      samples: c.samples,
      pairs: {
        linked: c.pairs.linked,
        unlinked: c.pairs.unlinked,
        linked_total: c.pairs.linkedTotal,
        unlinked_total: c.pairs.unlinkedTotal,
        max_linked: c.pairs.maxLinked,
        max_unlinked: c.pairs.maxUnlinked,
        seed: c.pairs.seed,
      },
      batches: meta.batches,
      log_offset: c.logOffset,
    },
    accepted_fpr: c.acceptedFpr,
    warnings: c.warnings,
    quantile_levels: [...QUANTILE_LEVELS],
    combinations: c.combinations.map((r) => ({
      pretreatment: r.pretreatment,
      score: r.score,
      rank: r.rank,
      auc: r.auc,
      threshold: r.threshold,
      fpr_at_threshold: r.fprAtThreshold,
      tpr_at_threshold: r.tprAtThreshold,
      median_linked: r.medianLinked,
      median_unlinked: r.medianUnlinked,
      roc: r.roc,
      distributions: {
        edges: r.distributions.edges,
        linked: r.distributions.linked,
        unlinked: r.distributions.unlinked,
        linked_quantiles: r.distributions.linkedQuantiles,
        unlinked_quantiles: r.distributions.unlinkedQuantiles,
      },
    })),
    chosen: c.chosen,
    auc: c.auc,
    threshold: { distance: c.threshold.distance, score_100: c.threshold.score100, fpr: c.threshold.fpr, tpr: c.threshold.tpr },
    reference_distance: c.referenceDistance,
    column_scaling: c.scaling,
    lr_model: {
      kind: 'gaussian-kde-ratio',
      bandwidth_rule: 'scott',
      cap: 'sample-size',
      linked: c.lr.linked,
      unlinked: c.lr.unlinked,
      min_lr: c.lr.minLr,
      max_lr: c.lr.maxLr,
      data: { file: meta.data.file, sha256: meta.data.sha256, linked: c.distances.linked.length, unlinked: c.distances.unlinked.length },
    },
  });
}
