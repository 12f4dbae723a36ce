/**
 * The words of the database-search rule (search-threshold.ts), one path for `sigwb links`, `sigwb import`, the app's
 * import report and Home's alerts: what the screen shows is what the command line prints.
 */
import type { LinkEntry, LinksRecord, SearchRuleRecord, SearchThresholdRecord } from './link-record';

/** The rule's figures without the per-drug thresholds. */
type RuleFigures = Omit<SearchRuleRecord, 'by_drug'>;

const fmt = (x: number): string => (x === 0 ? '0' : x >= 100 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(2)).toString());
const pct = (c: number): string => `${Math.round(c * 100)} %`;
const drugName = (d: string | null): string => d ?? 'no main drug';

/** The rule in one sentence (the record's version-1 wording when it has none). */
export function searchRuleText(search: RuleFigures | null): string {
  if (search === null) return 'linked at the calibration\u2019s pair threshold (made before search thresholds: the false links a search may give were not stated)';
  return (
    `search rule: a link is kept within the distance at which the false links one search is expected to give (the calibration\u2019s different-source rate there \u00d7 the profiles searched) stay at most ${fmt(search.target_false_links)} at ${pct(search.confidence)} confidence, ` +
    `never looser than the calibration\u2019s threshold; rate from ${search.different_source_pairs.toLocaleString('en-US')} different-source pairs${search.corrected ? ' (weighted for contamination)' : ''}`
  );
}

/** One drug's search threshold and the false links a search is expected to give, in one sentence. */
export function searchThresholdText(e: SearchThresholdRecord, search: RuleFigures): string {
  const against = `against ${e.searched.toLocaleString('en-US')} ${drugName(e.drug)} profiles`;
  const expected = `${fmt(e.expected_false_links)} false links per search expected (at most ${fmt(e.expected_false_links_upper)} at ${pct(search.confidence)})`;
  if (e.threshold === null) return `${drugName(e.drug)}: no link kept ${against}: even below the calibration\u2019s closest different-source pair the false links per search cannot be shown to stay at most ${fmt(search.target_false_links)}`;
  const at = `score ${fmt(e.score_100!)}/100`;
  switch (e.rule) {
    case 'pair-threshold':
      return `${drugName(e.drug)}: the calibration\u2019s threshold (${at}) ${against}: ${expected}`;
    case 'expected-false-links':
      return `${drugName(e.drug)}: search threshold ${at}, stricter than the calibration\u2019s, ${against}: ${expected}`;
    case 'tail-limited':
      return (
        `${drugName(e.drug)}: search threshold ${at}, below the closest of the calibration\u2019s ${search.different_source_pairs.toLocaleString('en-US')} different-source pairs, ${against}: ` +
        `not shown to give at most ${fmt(search.target_false_links)} false link${search.target_false_links === 1 ? '' : 's'} per search: up to ${fmt(e.expected_false_links_upper)} at ${pct(search.confidence)} (the pairs are too few for a store this size; the rate beyond their tail is not measured and not extrapolated)`
      );
  }
}

/** The rule and each drug's threshold of a record, one line each (the record's own when made before the rule). */
export function searchLines(record: LinksRecord): string[] {
  const s = record.method.search;
  if (s === null) return [searchRuleText(null)];
  return [searchRuleText(s), ...s.by_drug.map((e) => searchThresholdText(e, s))];
}

/** A link's evidence in words: its score, and its LR with the verbal scale (or that none is validated). */
export function linkEvidenceText(l: LinkEntry): string {
  return `score ${Number(l.score_100.toPrecision(3))}/100, ${l.lr === null ? 'no validated LR' : `LR ${Number(l.lr.toPrecision(3))} (${l.verbal})`}`;
}

/** The search threshold a sample of `drug` was linked under, in one sentence (for an alert); null before the rule. */
export function sampleSearchText(record: LinksRecord, drug: string | null): string {
  const s = record.method.search;
  const e = s?.by_drug.find((x) => x.drug === drug);
  return s && e ? searchThresholdText(e, s) : searchRuleText(null);
}
