/**
 * How two samples are compared for a likelihood ratio: 'censored' (non-detects compared as censored below each
 * sample's own limit, censored-distance.ts; the rule of calibrations made since schema 5) or 'substitute' (the
 * pretreated rows as they are, non-detects at their substitute; the rule of every calibration made before, which
 * keeps it). The threshold, the classes, the linkage and the link search always use the pretreated-row distance:
 * a censored distance is not a function of each row alone, so neither clustering nor an indexed search can use it.
 */
import { censoredComparer, type CensoredOptions, type PairDistance } from './censored-distance';
import { pretreat, type Pretreatment } from './pretreatment';
import { prepareRows, rowDistance, type PreparedRows, type Score } from './scores';
import type { SignatureMatrix } from './signature-matrix';

export type { PairDistance } from './censored-distance';

export const PAIR_COMPARISONS = ['censored', 'substitute'] as const;
export type PairComparison = (typeof PAIR_COMPARISONS)[number];

/** The rule of new calibrations (Helsel 2012; measured on the validation grid, docs/PROFILING.md). */
export const DEFAULT_PAIR_COMPARISON: PairComparison = 'censored';

/** The rule of records that state none (made before the rule was recorded). */
export const LEGACY_PAIR_COMPARISON: PairComparison = 'substitute';

/** The rule in words, as the calibration, the validation report and the links state it. */
export function pairComparisonText(c: PairComparison): string {
  return c === 'censored'
    ? 'Likelihood ratios compare the two samples with their non-detects read as censored values (Helsel 2012): a compound detected in one sample only is given, in the other, the share nearest to it that lies below that sample\'s own detection limit (its batch\'s smallest detected area over its total signature area), so a compound that a weak sample cannot show does not count against the pair; the two rows are then pretreated and scored as the chosen combination. The threshold, the classes and the link search use the distance of the pretreated rows as they are (non-detects at their substitute): a censored distance depends on both samples at once, so clustering and an indexed search cannot use it.'
    : 'Likelihood ratios compare the two pretreated rows as they are, non-detects at their substitute (the rule of calibrations made before non-detects were compared as censored).';
}

/** The row distance of prepared rows as a pair function. */
export function rowPairDistance(rows: PreparedRows): PairDistance {
  return (i, j) => (i === j ? 0 : rowDistance(rows, i, j));
}

/** The distance of two samples of raw matrix `m` under a comparison rule and the chosen combination. O(n·p) once, O(p) per pair. */
export function pairDistanceOf(m: SignatureMatrix, comparison: PairComparison, pretreatment: Pretreatment, score: Score, options: CensoredOptions = {}): PairDistance {
  if (comparison === 'censored') return censoredComparer(m, pretreatment, score, options);
  const x = pretreat(m, pretreatment, options);
  return rowPairDistance(prepareRows(x.values, x.sampleIds.length, x.compounds.length, score));
}
