/**
 * The calibration record (config/calibration-C0001.json): schema, version, migrations and construction in one
 * place (the tldraw record pattern). A calibration is never overwritten: a new one gets the next id, and the one in
 * force is named in reports with its false-positive rate (SWGDRUG SD-5; Esseiva et al. 2011; Morelato et al. 2015).
 *
 * Its likelihood-ratio system (`lr_system`, lr-system-record.ts) holds the fitted models and their validation;
 * the pair distances of the chosen combination with their cross-validation folds and held-out LRs are kept whole
 * in the Arrow file `data.file`, the sample-against-group comparisons in `group_data.file` (SHA-256 of each in the
 * record). A calibration of schema 1 or 2 had a kernel-density LR model that was never validated: it is kept, read
 * only, as `legacy_lr_model`, its `lr_system` is null, and no LR is computed with it.
 */
import { z } from 'zod';
import { CONTAMINATION_MODEL, ContaminationRecord, InputBatch, Interval, migrateInputsV1, PairRule, PretreatmentName, ScoreName, SignatureSelectionRecord } from './analysis-inputs';
import { propositionsOf } from '../lr/propositions';
import type { ContaminationModel } from '../profiling/contamination';
import { LEGACY_DF } from '../profiling/student-t';
import { LEGACY_PAIR_COMPARISON } from '../profiling/pair-comparison';
import type { CalibrationComputation, ContaminationFigures } from './calibration-compute';
import { buildLrSystemRecord, LrSystemRecord } from './lr-system-record';
import { readVersioned, type Migrations } from './record-version';
import { refuseIfPresent } from '../workspace/define-format';
import { QUANTILE_LEVELS } from './score-distributions';

export const CALIBRATION_FORMAT = 'signature-workbench/calibration';
export const CALIBRATION_VERSION = 5;

const num = z.number();
const count = z.number().int().nonnegative();

const CombinationRecord = z.object({
  pretreatment: PretreatmentName,
  score: ScoreName,
  rank: z.number().int().positive(),
  auc: num,
  /** 95 % interval of the AUC and of its gain over the default, bootstrap grouped by seizure (null before schema 4). */
  auc_interval: Interval.nullable(),
  gain_interval: Interval.nullable(),
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
const DataFile = z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** The current schema (CALIBRATION_VERSION). */
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
  /** Every pretreatment × score, ranked by AUC (the chosen one is named in `chosen`: the default unless another is clearly better). */
  combinations: z.array(CombinationRecord).min(1),
  /** kind: default kept, another clearly better, or the highest AUC (no intervals: records before schema 4). */
  chosen: z.object({ pretreatment: PretreatmentName, score: ScoreName, reason: z.string(), kind: z.enum(['default', 'clearly-better', 'highest']) }),
  auc: num,
  /**
   * Link threshold in the score's distance units, its 0–100 score, the rule that set it, and its rates on the pairs:
   * fpr among different-source pairs (corrected for contamination; uncorrected under rule 'fpr', before schema 4),
   * raw_fpr among all unlinked pairs.
   */
  threshold: z.object({ distance: num, score_100: num, fpr: num, raw_fpr: num, tpr: num, rule: z.enum(['corrected-fpr', 'linked-quantile', 'fpr']) }),
  /** The unlinked pairs' contamination (null when no model could be fitted, and before schema 4). */
  contamination: ContaminationRecord.nullable(),
  reference_distance: num,
  column_scaling: z.object({ centre: z.array(num).nullable(), scale: z.array(num).nullable(), constant: z.array(count).nullable() }).nullable(),
  /**
   * The chosen combination's pairs: `linked`, `distance` (the row distance of the threshold), `fold_a`, `fold_b`,
   * `held_out_log10_lr`, and since schema 5 under the censored pair comparison `lr_distance` (the LR's score); linked
   * pairs first.
   */
  data: DataFile.extend({ linked: count, unlinked: count }),
  /** The sample-against-group comparisons of the group LR system, or null when there are none. */
  group_data: DataFile.extend({ comparisons: count }).nullable(),
  /** Null for a calibration of schema 1 or 2 (its KDE model was never validated: no LR is reported with it). */
  lr_system: LrSystemRecord.nullable(),
  /** The unvalidated kernel-density model of schemas 1 and 2, kept as it was recorded; null since schema 3. */
  legacy_lr_model: z
    .object({ kind: z.literal('gaussian-kde-ratio'), bandwidth_rule: z.literal('scott'), cap: z.literal('sample-size'), linked: KdeRecord, unlinked: KdeRecord, min_lr: num, max_lr: num })
    .nullable(),
});
export type CalibrationRecord = z.infer<typeof CalibrationRecordSchema>;

/** Each older schema's step to the next, with a test (test/unit/analysis/record-migrations.test.ts, calibration.test.ts). */
const migrations: Migrations = {
  // 1 → 2: pair rules of several columns (Popovic et al.'s R1–R4), excluded compounds, warnings.
  1: (old) => {
    const inputs = old.inputs as { pairs_rule: { linked_by: string; unlinked_by: { column: string } }; signature: Record<string, unknown> };
    const { rule, signature } = migrateInputsV1(inputs.pairs_rule, inputs.signature);
    return { ...old, inputs: { ...inputs, pairs_rule: rule, signature }, warnings: [] };
  },
  // 2 → 3: the validated LR system; the unvalidated KDE model is kept read-only and its data file becomes `data`.
  2: (old) => {
    const { lr_model: legacy, ...rest } = old as { lr_model: { data: Record<string, unknown> } & Record<string, unknown> };
    const { data, ...model } = legacy;
    return { ...rest, data, group_data: null, lr_system: null, legacy_lr_model: model };
  },
  // 3 → 4: the threshold's rule and uncorrected rate, the contamination, AUC intervals (none before).
  3: (old) => {
    const t = old.threshold as { fpr: number } & Record<string, unknown>;
    const chosen = old.chosen as Record<string, unknown>;
    return {
      ...old,
      threshold: { ...t, raw_fpr: t.fpr, rule: 'fpr' },
      contamination: null,
      chosen: { ...chosen, kind: 'highest' },
      combinations: (old.combinations as Record<string, unknown>[]).map((c) => ({ ...c, auc_interval: null, gain_interval: null })),
    };
  },
  // 4 → 5: the LR system states how it compared two samples; every one made before compared the rows as they are.
  4: (old) => {
    const s = old.lr_system as Record<string, unknown> | null;
    refuseIfPresent(s, 'pair_comparison', 'lr_system.pair_comparison', 5);
    return { ...old, lr_system: s && { ...s, pair_comparison: LEGACY_PAIR_COMPARISON } };
  },
};

/** Parses and migrates a stored calibration; throws RecordError saying what is wrong. */
export function readCalibrationRecord(raw: unknown, where = 'calibration'): CalibrationRecord {
  return readVersioned(raw, CALIBRATION_FORMAT, CALIBRATION_VERSION, migrations, CalibrationRecordSchema, where);
}

/** The stored form of a contamination estimate. */
export function contaminationRecord(c: ContaminationFigures | null): ContaminationRecord | null {
  return c ? { share: c.share, same_source: c.sameSource, different_sources: c.differentSources, floor: c.floor, converged: c.converged, model: CONTAMINATION_MODEL } : null;
}

/** The mixture a record keeps, for posteriors (the app's live threshold); null when it has none. */
export function contaminationModel(record: CalibrationRecord): ContaminationModel | null {
  const c = record.contamination;
  return c ? { share: c.share, sameSource: c.same_source, differentSources: { ...c.different_sources, df: c.different_sources.df ?? LEGACY_DF }, floor: c.floor } : null;
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
  groupData: { file: string; sha256: string } | null;
}

/** The record of a computed calibration (validated). */
export function buildCalibrationRecord(c: CalibrationComputation, meta: CalibrationMeta): CalibrationRecord {
  const rule = meta.pairsRule;
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
      auc_interval: r.aucInterval,
      gain_interval: r.gainInterval,
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
    threshold: { distance: c.threshold.distance, score_100: c.threshold.score100, fpr: c.threshold.fpr, raw_fpr: c.threshold.rawFpr, tpr: c.threshold.tpr, rule: c.threshold.rule },
    contamination: contaminationRecord(c.contamination),
    reference_distance: c.referenceDistance,
    column_scaling: c.scaling,
    data: { ...meta.data, linked: c.distances.linked.length, unlinked: c.distances.unlinked.length },
    group_data: meta.groupData && c.lrSystem.group ? { ...meta.groupData, comparisons: c.lrSystem.group.label.length } : null,
    lr_system: buildLrSystemRecord(c.lrSystem, propositionsOf(rule.linked_by, rule.unlinked_by.columns), rule.linked_by[0]),
    legacy_lr_model: null,
  });
}
