/** Names of pretreatments, scores and linkages as the analysts write them (DOMAIN.md), for tables and reasons. */
import type { LinkageMethod } from '../profiling/linkage';
import type { Pretreatment } from '../profiling/pretreatment';
import type { Score } from '../profiling/scores';

export const PRETREATMENT_LABELS: Record<Pretreatment, string> = {
  'fourth-root': 'N^1/4',
  sqrt: 'N^1/2',
  log: 'N+log',
  n: 'N',
  'n+s': 'N+S',
  autoscale: 'autoscale',
  none: 'none',
};

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

/** "N^1/4 + Pearson". */
export function combinationLabel(pretreatment: Pretreatment, score: Score): string {
  return `${PRETREATMENT_LABELS[pretreatment]} + ${SCORE_LABELS[score]}`;
}

/** A percentage with at most two decimals: 0.025 → "2.5 %". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))} %`;
}
