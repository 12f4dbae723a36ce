/**
 * Names of pretreatments, scores and linkages as the analysts write them (DOMAIN.md), typeset (∜N, √N) for tables,
 * reasons, views and reports; and the one way every view and report writes a value on the 0–100 scale.
 */
import type { ClassIdRule } from '../profiling/class-ids';
import type { LinkageMethod } from '../profiling/linkage';
import type { Pretreatment } from '../profiling/pretreatment';
import { toScore100, type Score } from '../profiling/scores';

export const PRETREATMENT_LABELS: Record<Pretreatment, string> = {
  'fourth-root': '∜N',
  sqrt: '√N',
  log: 'N+log',
  n: 'N',
  'n+s': 'N+S',
  autoscale: 'autoscale',
  none: 'none',
};

/** The axis of the display signatures (∜N, Andersson et al. 2007): the fourth root of each compound's share of the total target area. */
export const DISPLAY_SIGNATURE_AXIS = '∜(share of the total area)';

export const SCORE_LABELS: Record<Score, string> = {
  pearson: 'Pearson',
  cosine: 'cosine',
  euclidean: 'Euclidean',
  manhattan: 'Manhattan',
  canberra: 'Canberra',
};

export const LINKAGE_LABELS: Record<LinkageMethod, string> = {
  single: 'single',
  complete: 'complete',
  average: 'average',
  weighted: 'weighted',
  ward: 'Ward',
};

/** How a calibration's link threshold was set (calibration-record.ts `threshold.rule`), in words. */
export const THRESHOLD_RULE_WORDS: Record<'corrected-fpr' | 'linked-quantile' | 'fpr', string> = {
  'corrected-fpr': 'contamination-corrected FPR',
  'linked-quantile': 'linked-distribution quantile (99th percentile; no usable contamination model)',
  fpr: 'FPR on the unlinked pairs, uncorrected (a calibration before schema 4)',
};

/** "∜N + Pearson". */
export function combinationLabel(pretreatment: Pretreatment, score: Score): string {
  return `${PRETREATMENT_LABELS[pretreatment]} + ${SCORE_LABELS[score]}`;
}

/** A percentage with at most two decimals: 0.025 → "2.5 %". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))} %`;
}

/**
 * A value on the 0–100 scale (0 = identical) as every view and report writes it: two significant digits below 10,
 * one decimal from 10 ("0.063", "4.2", "37.5"), so that one threshold never reads "0.1" in one place and "0.06" in
 * another, and a tight class does not read 0.0.
 */
export function score100Text(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return value < 10 ? String(Number(value.toPrecision(2))) : value.toFixed(1);
}

/** "0.063 on the 0–100 scale": a distance in a score's units put on the 0–100 scale (toScore100; `ref` as it states). */
export function onScale100(distance: number, score: Score, ref: number): string {
  return `${score100Text(toScore100(distance, score, ref))} on the 0–100 scale`;
}

/**
 * "Jaccard 0.80" for a kept class id, with the samples it counted since the shared-samples rule (class-ids.ts):
 * "Jaccard 1.00 on the samples both runs hold". Runs of the earlier rule read as they always did.
 */
export function classIdMatchText(rule: ClassIdRule, jaccard: number): string {
  return `Jaccard ${jaccard.toFixed(2)}${rule === 'jaccard-shared-samples' ? ' on the samples both runs hold' : ''}`;
}
