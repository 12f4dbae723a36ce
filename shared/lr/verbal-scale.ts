/**
 * The ENFSI verbal scale (ENFSI Guideline for Evaluative Reporting in Forensic Science, 2015): an LR from 1 to 2
 * gives "no support worth stating", 2–10 weak, 10–100 moderate, 100–1,000 moderately strong, 1,000–10,000 strong,
 * 10,000–1,000,000 very strong, above 1,000,000 extremely strong support; an LR below 1 is read as 1/LR in support
 * of the other proposition. A range's lower cut-point belongs to it (LR 10 is moderate). The sentence names the
 * propositions of the calibration that produced the LR (propositions.ts), never a generic "same source".
 */

/** Lower cut-points of the levels 1 … 6 (weak … extremely strong); below 2: level 0, no support worth stating. */
export const ENFSI_CUT_POINTS: readonly number[] = [2, 10, 100, 1000, 10000, 1e6];

/** Qualifiers of the levels 0 … 6. */
export const ENFSI_QUALIFIERS: readonly string[] = ['no support worth stating', 'weak', 'moderate', 'moderately strong', 'strong', 'very strong', 'extremely strong'];

/** Which proposition a finding supports: Hp ('linked'), Hd ('unlinked'), or neither (LR within [1/2, 2)). */
export type Supports = 'linked' | 'unlinked' | 'neither';

export interface VerbalEquivalent {
  readonly supports: Supports;
  /** 0 = no support worth stating, 1 = weak … 6 = extremely strong. */
  readonly level: number;
  readonly qualifier: string;
  /** The sentence for a report, naming the propositions. */
  readonly text: string;
}

/** The two propositions as clauses that complete "…support for the proposition that <hp> rather than that <hd>". */
export interface PropositionClauses {
  readonly hp: string;
  readonly hd: string;
}

/** The source-level wording, for callers that have no calibration's propositions. */
export const SOURCE_CLAUSES: PropositionClauses = { hp: 'the samples share a common source', hd: 'they come from different sources' };

/** Level of a magnitude ≥ 1 (LR or 1/LR) on the ENFSI 2015 scale. */
export function enfsiLevel(magnitude: number): number {
  let level = 0;
  for (const c of ENFSI_CUT_POINTS) if (magnitude >= c) level++;
  return level;
}

/**
 * The verbal equivalent of an LR (≥ 0) on the ENFSI 2015 scale, worded with the given propositions (default
 * source level). An LR in [1/2, 2) supports neither to any degree worth stating.
 */
export function verbalScale(lr: number, clauses: PropositionClauses = SOURCE_CLAUSES): VerbalEquivalent {
  if (!(lr >= 0)) throw new RangeError(`LR must be ≥ 0, got ${lr}`);
  const magnitude = lr >= 1 ? lr : 1 / lr;
  const level = enfsiLevel(magnitude);
  const qualifier = ENFSI_QUALIFIERS[level];
  if (level === 0) return { supports: 'neither', level, qualifier, text: `The findings provide no support worth stating for either proposition (that ${clauses.hp}, or that ${clauses.hd}).` };
  const supports: Supports = lr > 1 ? 'linked' : 'unlinked';
  const [a, b] = supports === 'linked' ? [clauses.hp, clauses.hd] : [clauses.hd, clauses.hp];
  return { supports, level, qualifier, text: `The findings provide ${qualifier} support for the proposition that ${a} rather than that ${b}.` };
}

/** "moderate support for a common source" style phrase for tables: qualifier and the side it supports. */
export function supportPhrase(v: VerbalEquivalent, hpShort: string, hdShort: string): string {
  if (v.supports === 'neither') return 'no support worth stating either way';
  return `${v.qualifier} support for ${v.supports === 'linked' ? hpShort : hdShort}`;
}

/** An LR as a report states it: the value, whether an ELUB bound held it, and its verbal equivalent. */
export interface StatedLr {
  readonly log10Lr: number;
  readonly lr: number;
  /** True when the LR sits at a bound of what the validation data support (ELUB). */
  readonly atBound: boolean;
  readonly verbal: VerbalEquivalent;
}

/** States a log10 LR produced under bounds [lower, upper] with the given propositions. */
export function statedLr(log10Lr: number, bounds: { lower: number; upper: number }, clauses: PropositionClauses = SOURCE_CLAUSES): StatedLr {
  const lr = Math.pow(10, log10Lr);
  return { log10Lr, lr, atBound: log10Lr <= bounds.lower || log10Lr >= bounds.upper, verbal: verbalScale(lr, clauses) };
}

/** An LR given by its log10 as people read it, two significant digits: "3,200", "2.5", "1/550". */
export function lrValueText(log10Lr: number): string {
  if (log10Lr === Infinity) return '∞';
  if (log10Lr === -Infinity) return '0';
  const two = (x: number) => Number(x.toPrecision(2)).toLocaleString('en-US', { maximumFractionDigits: 20 });
  return log10Lr >= 0 ? two(Math.pow(10, log10Lr)) : `1/${two(Math.pow(10, -log10Lr))}`;
}

/** "LR 3,200 (at the bound of the validation data)" style text: two significant digits. */
export function lrText(s: StatedLr): string {
  return `LR ${lrValueText(s.log10Lr)}${s.atBound ? ' (at the bound of the validation data)' : ''}`;
}
