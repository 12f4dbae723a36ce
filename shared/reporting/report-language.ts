/**
 * How a report writes its figures. Reports of manifest schema 4 on use the notation every view uses (∜N and √N, one
 * 0–100 text, axis ticks as powers of ten, the mean distance "0 = identical", the synthetic-data statement only for
 * the shipped sample files among its samples). A report made before (schema 3 or earlier) is computed again by
 * `sigwb verify` in the words it was written in (N^1/4, two decimals, 1e-4 …), so that it still verifies byte for byte.
 */
import { combinationLabel, PRETREATMENT_LABELS, SCORE_LABELS, score100Text } from '../analysis/labels';
import { EXPORT_MANIFEST_VERSION, VOCABULARIES_SINCE_SCHEMA } from '../exporting/export-manifest';
import type { Pretreatment } from '../profiling/pretreatment';
import type { Score } from '../profiling/scores';
import { powerOfTenText } from './svg';

export interface ReportLanguage {
  /** True for a report of schema 3 or earlier being computed again. */
  legacy: boolean;
}

export const CURRENT_LANGUAGE: ReportLanguage = { legacy: false };

/** The language of a report written in manifest schema `schema` (default the current). */
export function reportLanguage(schema?: number): ReportLanguage {
  return { legacy: (schema ?? EXPORT_MANIFEST_VERSION) < VOCABULARIES_SINCE_SCHEMA };
}

const LEGACY_PRETREATMENT: Record<Pretreatment, string> = { ...PRETREATMENT_LABELS, 'fourth-root': 'N^1/4', sqrt: 'N^1/2' };

/** "∜N" (legacy "N^1/4"). */
export function pretreatmentText(p: Pretreatment, lang: ReportLanguage): string {
  return lang.legacy ? LEGACY_PRETREATMENT[p] : PRETREATMENT_LABELS[p];
}

/** "∜N + Pearson" (legacy "N^1/4 + Pearson"). */
export function combinationText(p: Pretreatment, s: Score, lang: ReportLanguage): string {
  return lang.legacy ? `${LEGACY_PRETREATMENT[p]} + ${SCORE_LABELS[s]}` : combinationLabel(p, s);
}

/** A value on the 0–100 scale: score100Text (legacy: `legacyDecimals` decimals, as those reports wrote it). */
export function scale100Text(value: number, lang: ReportLanguage, legacyDecimals = 2): string {
  return lang.legacy ? value.toFixed(legacyDecimals) : score100Text(value);
}

/** An axis tick at a power of ten: "10⁻⁴" (legacy "1e-4"). */
export function decadeText(decade: number, lang: ReportLanguage): string {
  return lang.legacy ? decade.toExponential(0) : powerOfTenText(decade);
}
